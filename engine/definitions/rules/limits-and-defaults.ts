/**
 * Time limits and default rules of user tasks. A task that waits for someone must have a limit
 * (else no yellow/red light and no default ever fires), and a department that misses its limit
 * or a meeting must have an explicit default (超时默认 / 缺席默认).
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { countProblem, isCount, isPresent } from './day-counts.ts';
import { quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';
import { describeParticipant, participantsOf } from './participant-list.ts';

const TASK_LIMITS = [
  'signForDays', 'reviewDays', 'greenSignForDays', 'greenReviewDays', 'warnDaysBefore',
  'remindBeforeDays', 'maxReminders', 'escalateAfterDays',
];
const PARTICIPANT_LIMITS = ['signForDays', 'reviewDays', 'greenReviewDays'];
const DEFAULT_RULES = ['onTimeout', 'onAbsence', 'onInaction'];
const DEFAULT_VALUES = ['approve', 'none'];
/** [green, normal] pairs: the green channel compresses a limit, it never extends it. */
const GREEN_PAIRS = [['greenSignForDays', 'signForDays'], ['greenReviewDays', 'reviewDays']] as const;

/** Limit values, green ≤ normal, a limit on every waiting task and the required defaults. */
export const limitsAndDefaults: Rule = ({ userTasks }) => userTasks.flatMap((task) => {
  const id = idOf(task) ?? 'file';
  return [
    ...valueProblems(task, id),
    ...greenProblems(task, id),
    ...participantValueProblems(task, id),
    ...participantGreenProblems(task, id),
    ...waitingProblems(task, id),
  ];
});

function valueProblems(task: ModdleElement, id: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of TASK_LIMITS) {
    const reason = countProblem(name, task[name]);
    if (reason) problems.push({ path: `${id}.${name}`, reason });
  }
  for (const name of DEFAULT_RULES) {
    const value = stringProp(task, name);
    if (value !== undefined && !DEFAULT_VALUES.includes(value)) {
      problems.push({ path: `${id}.${name}`, reason: `approval:${name} must be "approve" or "none", not ${quoted(value)}` });
    }
  }
  return problems;
}

/** The task's green-channel limits that are longer than its normal ones (绿色通道 only compresses). */
export function greenProblems(task: ModdleElement, id: string): Problem[] {
  return GREEN_PAIRS.flatMap(([green, normal]) => {
    const reason = greenReason(task[green], task[normal]);
    return reason ? [{ path: `${id}.${green}`, reason }] : [];
  });
}

function greenReason(green: unknown, normal: unknown): string | undefined {
  if (!isCount(green) || !isCount(normal) || green <= normal) return undefined;
  return `the green-channel limit (${green} working days) is longer than the normal limit (${normal})`;
}

function participantValueProblems(task: ModdleElement, id: string): Problem[] {
  return participantsOf(task).flatMap((participant, index) => PARTICIPANT_LIMITS.flatMap((name) => {
    const reason = countProblem(name, participant[name]);
    return reason ? [{ path: id, reason: `${describeParticipant(participant, index)}: ${reason}` }] : [];
  }));
}

/**
 * Participants whose green limit is longer than their normal one. A participant's own limit
 * overrides the task's; check the limits that will really apply.
 */
export function participantGreenProblems(task: ModdleElement, id: string): Problem[] {
  return participantsOf(task).flatMap((participant, index) => GREEN_PAIRS.flatMap(([green, normal]) => {
    if (!isPresent(participant[green]) && !isPresent(participant[normal])) return [];
    const reason = greenReason(participant[green] ?? task[green], participant[normal] ?? task[normal]);
    return reason ? [{ path: id, reason: `${describeParticipant(participant, index)}: ${reason}` }] : [];
  }));
}

/** A waiting task's missing limit and missing defaults (超时默认 / 缺席默认). */
export function waitingProblems(task: ModdleElement, id: string): Problem[] {
  const kind = stringProp(task, 'taskKind');
  const problems: Problem[] = [];
  // A supplement waits for the applicant while the clock is stopped (补办件): no limit applies.
  if (kind !== 'supplement' && !hasReviewLimit(task)) {
    problems.push({ path: `${id}.reviewDays`, reason: 'a waiting task needs a time limit: set approval:reviewDays on the task or on every participant' });
  }
  if ((kind === 'review' || kind === 'handle') && stringProp(task, 'onTimeout') === undefined) {
    problems.push({ path: `${id}.onTimeout`, reason: `${kind} tasks need approval:onTimeout ("approve" or "none"): what happens when a department misses its limit` });
  }
  if (kind === 'meeting' && stringProp(task, 'onAbsence') === undefined) {
    problems.push({ path: `${id}.onAbsence`, reason: 'meetings need approval:onAbsence ("approve" or "none"): what happens when an invited department does not attend' });
  }
  return problems;
}

function hasReviewLimit(task: ModdleElement): boolean {
  if (isPresent(task.reviewDays)) return true;
  const participants = participantsOf(task);
  return participants.length > 0 && participants.every((participant) => isPresent(participant.reviewDays));
}
