/**
 * A sequence flow's condition reads one result of an earlier task:
 * `${environment.variables.<taskId>.<flag>}`, which the runtime sets when the task completes.
 * A condition naming a task that does not exist would silently always be false.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { elementProp, quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';
import { valueProblem } from './expressions.ts';

const CONDITION = /^\$\{environment\.variables\.([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_]*\}$/;
const SHAPE = 'a condition must read a task\'s result: ${environment.variables.<taskId>.<flag>}';

/** Each condition has the one allowed shape and names an existing user task. */
export const conditions: Rule = ({ visits, userTasks }) => {
  const taskIds = new Set(userTasks.map(idOf));
  return visits.flatMap(({ element }) => (element.$type === 'bpmn:SequenceFlow' ? conditionProblems(element, taskIds) : []));
};

function conditionProblems(flow: ModdleElement, taskIds: ReadonlySet<string | undefined>): Problem[] {
  const condition = elementProp(flow, 'conditionExpression');
  if (!condition) return [];
  const path = `${idOf(flow) ?? 'file'}.conditionExpression`;
  const body = (stringProp(condition, 'body') ?? '').trim();
  // A forbidden expression is already reported by the expressions rule.
  if (body.includes('${') && valueProblem(body)) return [];
  const taskId = CONDITION.exec(body)?.[1];
  if (taskId === undefined) return [{ path, reason: body === '' ? `the condition is empty; ${SHAPE}` : SHAPE }];
  if (!taskIds.has(taskId)) return [{ path, reason: `the condition reads task ${quoted(taskId)}, but there is no user task with that id` }];
  return [];
}
