/**
 * Our rules judge the item as a whole (flow graph, participants, item limits), so each one runs
 * once, on the `bpmn:Definitions` root, and reports every problem on the element it is about —
 * the id bpmn-js-bpmnlint puts the marker on.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { DefinitionModel } from '../rules/definition-model.ts';
import { idOf } from '../rules/moddle-tree.ts';
import { lintModel } from './lint-model.ts';
import type { LintRule, LintRuleFactory } from './lint-types.ts';

/** A bpmnlint rule factory from a function of the model returning problems named by path. */
export function definitionsRule(find: (model: DefinitionModel) => Problem[]): LintRuleFactory {
  return (): LintRule => ({
    check(node, reporter) {
      if (node.$type !== 'bpmn:Definitions') return;
      const model = lintModel(node);
      const ids = knownIds(model);
      const fallback = (model.process && idOf(model.process)) ?? idOf(node) ?? 'file';
      for (const problem of find(model)) reporter.report(elementIdOf(problem.path, ids, fallback), problem.reason);
      // the whole tree was judged here; bpmnlint need not walk into it for this rule
      return false;
    },
  });
}

function knownIds(model: DefinitionModel): Set<string> {
  const ids = new Set<string>();
  for (const { element } of model.visits) {
    const id = idOf(element);
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * The element a problem path names: the deploy rules write `<id>`, `<id>.<attribute>` or `file`.
 * Ids may themselves contain dots, so the longest known id the path starts with wins.
 */
export function elementIdOf(path: string, ids: ReadonlySet<string>, fallback: string): string {
  let candidate = path;
  for (;;) {
    if (ids.has(candidate)) return candidate;
    const dot = candidate.lastIndexOf('.');
    if (dot <= 0) return fallback;
    candidate = candidate.slice(0, dot);
  }
}

/** Problems of one element, for rules that look at elements one by one. */
export function modelElements(model: DefinitionModel, type: string): ModdleElement[] {
  return model.visits.filter((visit) => visit.element.$type === type).map((visit) => visit.element);
}
