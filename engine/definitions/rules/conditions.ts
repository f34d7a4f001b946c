/**
 * A sequence flow's condition reads one result of an earlier task:
 * `${environment.variables.<taskId>.<flag>}`, which the runtime sets when the task completes.
 * A condition naming a task that does not exist would silently always be false.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import { OUTCOME_FLAGS, type TaskKind } from '../item-model.ts';
import type { Rule } from './definition-model.ts';
import { elementProp, quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';
import { valueProblem } from './expressions.ts';

const CONDITION = /^\$\{environment\.variables\.([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\}$/;
const SHAPE = 'a condition must read a task\'s result: ${environment.variables.<taskId>.<flag>}';

/** Each condition has the one allowed shape and names an existing user task. */
export const conditions: Rule = ({ visits, userTasks }) => {
  const kinds = new Map(userTasks.map((task) => [idOf(task), stringProp(task, 'taskKind')]));
  return visits.flatMap(({ element }) => (element.$type === 'bpmn:SequenceFlow' ? conditionProblems(element, kinds) : []));
};

function conditionProblems(flow: ModdleElement, kinds: ReadonlyMap<string | undefined, string | undefined>): Problem[] {
  const condition = elementProp(flow, 'conditionExpression');
  if (!condition) return [];
  const path = `${idOf(flow) ?? 'file'}.conditionExpression`;
  const body = (stringProp(condition, 'body') ?? '').trim();
  // A forbidden expression is already reported by the expressions rule.
  if (body.includes('${') && valueProblem(body)) return [];
  const [, taskId, flag] = CONDITION.exec(body) ?? [];
  if (taskId === undefined || flag === undefined) return [{ path, reason: body === '' ? `the condition is empty; ${SHAPE}` : SHAPE }];
  if (!kinds.has(taskId)) return [{ path, reason: `the condition reads task ${quoted(taskId)}, but there is no user task with that id` }];
  // A flag the task's kind never sets would make the condition silently always false.
  const allowed = OUTCOME_FLAGS[kinds.get(taskId) as TaskKind] as readonly string[] | undefined;
  if (allowed && !allowed.includes(flag)) {
    return [{ path, reason: `a ${kinds.get(taskId)} task sets ${allowed.join(', ')}, never ${quoted(flag)}` }];
  }
  return [];
}
