/** Review, meeting and decide tasks, and any task run once per participant, need departments to do them. */
import type { ModdleElement } from 'bpmn-moddle';
import { elementProp } from '../../rules/moddle-access.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { participantsOf } from '../../rules/participant-list.ts';
import { PARTICIPANTS_REQUIRED, taskKind } from '../../rules/task-kinds.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const jointReviewParticipants = definitionsRule(({ userTasks }) => userTasks
  .filter((task) => needsParticipants(task) && participantsOf(task).length === 0)
  .map((task) => ({
    path: idOf(task) ?? 'file',
    reason: `${describe(task)} has no participant department: add at least one in approval:participants`,
  })));

function needsParticipants(task: ModdleElement): boolean {
  const kind = taskKind(task);
  return (kind !== undefined && PARTICIPANTS_REQUIRED.includes(kind)) || isMultiInstance(task);
}

function isMultiInstance(task: ModdleElement): boolean {
  return elementProp(task, 'loopCharacteristics')?.$type === 'bpmn:MultiInstanceLoopCharacteristics';
}

function describe(task: ModdleElement): string {
  const kind = taskKind(task);
  if (isMultiInstance(task)) return 'a joint review (a task run once per participant)';
  return kind === 'meeting' ? 'a joint review meeting' : `a ${kind} task`;
}
