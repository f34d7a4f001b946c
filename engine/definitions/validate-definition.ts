/**
 * Deploy-time rules for an uploaded approval item, run on the bpmn-moddle tree after the XML
 * guard and the parse. Each concern lives in its own file under rules/; this module runs them
 * all and gathers every problem, so the designer sees the whole list at once.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../errors/domain-error.ts';
import { conditions } from './rules/conditions.ts';
import { buildModel, type Rule } from './rules/definition-model.ts';
import { elementTypes } from './rules/element-types.ts';
import { endOutcomes } from './rules/end-outcomes.ts';
import { expressions } from './rules/expressions.ts';
import { flowPaths } from './rules/flow-paths.ts';
import { gateways } from './rules/gateways.ts';
import { itemAttributes } from './rules/item-attributes.ts';
import { limitsAndDefaults } from './rules/limits-and-defaults.ts';
import { materials } from './rules/materials.ts';
import { isModdleElement } from './rules/moddle-tree.ts';
import { multiInstance } from './rules/multi-instance.ts';
import { parseWarnings } from './rules/parse-warnings.ts';
import { participants } from './rules/participants.ts';
import { processAndIds } from './rules/process-and-ids.ts';
import { scripts } from './rules/scripts.ts';
import { taskKinds } from './rules/task-kinds.ts';

/** At most this many problems are listed. */
export const MAX_PROBLEMS = 200;

/** Every rule, in the order its problems are listed. */
export const DEFINITION_RULES: readonly Rule[] = [
  parseWarnings, processAndIds, scripts, elementTypes, itemAttributes, materials, taskKinds,
  participants, multiInstance, limitsAndDefaults, expressions, conditions, gateways, flowPaths,
  endOutcomes,
];

/** All problems of a parsed definitions tree and its parse warnings; `[]` means deployable. Never throws. */
export function validateDefinition(definitions: ModdleElement, warnings: unknown[]): Problem[] {
  if (!isModdleElement(definitions) || definitions.$type !== 'bpmn:Definitions') {
    return [{ path: 'file', reason: 'the file is not a BPMN 2.0 definitions document' }];
  }
  try {
    const model = buildModel(definitions, Array.isArray(warnings) ? warnings : []);
    return capped(unique(DEFINITION_RULES.flatMap((rule) => runRule(rule, model))));
  } catch {
    return [unreadable()];
  }
}

// Fail closed: a rule that cannot read a strange tree refuses the file instead of passing it.
function runRule(rule: Rule, model: Parameters<Rule>[0]): Problem[] {
  try {
    return rule(model);
  } catch {
    return [unreadable()];
  }
}

function unreadable(): Problem {
  return { path: 'file', reason: 'the definition could not be checked; it is refused to be safe' };
}

// A hostile file can produce a problem per element; the designer needs the first ones, not 100 000.
function capped(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { path: 'file', reason: `… and ${more} more problems` }];
}

function unique(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
