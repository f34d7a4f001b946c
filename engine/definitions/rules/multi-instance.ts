/**
 * Joint review fans a task out to its departments with parallel multi-instance. The runtime
 * fills `environment.variables.participants.<taskId>` and binds each instance to
 * `participant`; any other collection or variable would review nobody or the wrong task's list.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { elementProp, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';
import { PARTICIPANT_KINDS, taskKind } from './task-kinds.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The collection expression a multi-instance task with this id must use. */
export function participantsCollection(taskId: string): string {
  return `\${environment.variables.participants.${taskId}}`;
}

/** Multi-instance user tasks are parallel and take their instances from their own participants list. */
export const multiInstance: Rule = ({ userTasks }) => userTasks.flatMap((task) => {
  const loop = elementProp(task, 'loopCharacteristics');
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return [];
  return loopProblems(task, idOf(task) ?? 'file', loop);
});

function loopProblems(task: ModdleElement, id: string, loop: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  const kind = taskKind(task);
  if (kind && !PARTICIPANT_KINDS.includes(kind)) {
    problems.push({ path: id, reason: `only ${PARTICIPANT_KINDS.join(', ')} tasks can run once per participant; this is a ${kind} task` });
  }
  if (loop.isSequential === true) {
    problems.push({ path: id, reason: 'sequential multi-instance is not supported: departments review in parallel (并联审批)' });
  }
  if (!IDENTIFIER.test(id)) {
    problems.push({ path: id, reason: 'a multi-instance task id may only use letters, digits and underscores (it is part of an expression)' });
  } else if (stringProp(loop, 'collection') !== participantsCollection(id)) {
    problems.push({ path: `${id}.collection`, reason: `a multi-instance task must set approval:collection="${participantsCollection(id)}" (its own participants)` });
  }
  if (stringProp(loop, 'elementVariable') !== 'participant') {
    problems.push({ path: `${id}.elementVariable`, reason: 'a multi-instance task must set approval:elementVariable="participant"' });
  }
  for (const name of ['loopCardinality', 'completionCondition']) {
    if (loop[name] !== undefined) problems.push({ path: `${id}.${name}`, reason: `${name} is not supported: a joint review waits for every participant` });
  }
  return problems;
}
