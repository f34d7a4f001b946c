/**
 * The departments named by a task: each must exist at its level, sit no lower than the item is
 * accepted at, and a task has at most one lead (牵头部门); review, meeting and decide tasks
 * need someone to do them.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import { departmentProblem } from '../../org/department-kinds.ts';
import { isLevel, levelRank, type Level } from '../../org/levels.ts';
import type { Rule } from './definition-model.ts';
import { lowestItemLevel } from './item-attributes.ts';
import { extensionValues, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';
import { describeParticipant, participantsOf } from './participant-list.ts';
import { PARTICIPANT_KINDS, PARTICIPANTS_REQUIRED, taskKind } from './task-kinds.ts';

/** Participants are known departments at allowed levels, with at most one lead. */
export const participants: Rule = ({ userTasks, process }) => {
  const lowest = lowestItemLevel(process);
  return userTasks.flatMap((task) => {
    const id = idOf(task) ?? 'file';
    const list = participantsOf(task);
    return [
      ...placementProblems(task, id, list),
      ...list.flatMap((participant, index) => participantProblems(participant, index, id, lowest)),
      ...leadProblems(task, id, list),
    ];
  });
};

function placementProblems(task: ModdleElement, id: string, list: ModdleElement[]): Problem[] {
  const problems: Problem[] = [];
  if (extensionValues(task).some((value) => value.$type === 'approval:Participant')) {
    problems.push({ path: id, reason: 'put each approval:participant inside approval:participants' });
  }
  const kind = taskKind(task);
  if (kind && PARTICIPANTS_REQUIRED.includes(kind) && list.length === 0) {
    problems.push({ path: id, reason: `a ${kind} task needs at least one participant department in approval:participants` });
  }
  if (kind && !PARTICIPANT_KINDS.includes(kind) && list.length > 0) {
    problems.push({ path: id, reason: `${kind} tasks go to their assignee; participants are only for ${PARTICIPANT_KINDS.join(', ')} tasks` });
  }
  return problems;
}

function participantProblems(participant: ModdleElement, index: number, id: string, lowest: Level | undefined): Problem[] {
  const who = describeParticipant(participant, index);
  const department = stringProp(participant, 'department')?.trim();
  const level = stringProp(participant, 'level')?.trim();
  if (!department) return [{ path: id, reason: `${who} has no department` }];
  if (!level) return [{ path: id, reason: `${who} has no level` }];
  if (!isLevel(level)) return [{ path: id, reason: `${who}: unknown level; use province, city, county or township` }];
  const problem = departmentProblem(department, level);
  if (problem) return [{ path: id, reason: `${who}: ${problem}` }];
  // One level below the accepting windows is a delegation (市县联动: the city hands a task to the
  // county where the project is sited); further down is almost certainly a mistake.
  if (lowest && levelRank(level) > levelRank(lowest) + 1) {
    return [{ path: id, reason: `${who}: level ${level} is more than one level below ${lowest}, the lowest level the item is accepted at` }];
  }
  return [];
}

function leadProblems(task: ModdleElement, id: string, list: ModdleElement[]): Problem[] {
  const leads = list.filter((participant) => participant.lead === true).length;
  if (leads > 1) return [{ path: id, reason: `only one participant may lead (lead="true"); this task has ${leads}` }];
  if (leads === 0 && taskKind(task) === 'meeting') {
    return [{ path: id, reason: 'a joint review meeting needs a lead participant (lead="true") who convenes it' }];
  }
  return [];
}
