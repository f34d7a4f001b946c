/**
 * A department first signs for its review or handling task (签收); without a sign-for limit an
 * unsigned task never turns red on the supervision screen. A warning: the review limit still
 * bounds the task.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { isPresent } from '../../rules/day-counts.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { participantsOf } from '../../rules/participant-list.ts';
import { taskKind } from '../../rules/task-kinds.ts';
import { definitionsRule } from '../definitions-rule.ts';

// The kinds the runtime plans a sign-for deadline for (engine/deadlines/plan-deadlines.ts).
const SIGNED_FOR = ['review', 'handle'];

export const signForLimit = definitionsRule(({ userTasks }) => userTasks
  .filter((task) => SIGNED_FOR.includes(taskKind(task) ?? '') && !hasSignForLimit(task))
  .map((task) => ({
    path: idOf(task) ?? 'file',
    reason: 'no sign-for limit (approval:signForDays): a department that never signs for this task is not flagged red',
  })));

function hasSignForLimit(task: ModdleElement): boolean {
  if (isPresent(task.signForDays)) return true;
  const participants = participantsOf(task);
  return participants.length > 0 && participants.every((participant) => isPresent(participant.signForDays));
}
