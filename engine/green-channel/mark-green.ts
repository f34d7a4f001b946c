/**
 * 绿色通道: a supervisor puts a key project's case on the green channel. Its limits compress
 * (the item's green limits, else the configured factor), it goes first in every inbox, and a
 * named helper (帮办) is told of every step.
 */
import type { CaseSession } from '../cases/case-session.ts';
import { ConflictError, InvalidStateError } from '../errors/domain-error.ts';
import { planCaseDeadline, planTaskDeadlines } from '../deadlines/plan-deadlines.ts';
import { casePromisedDays } from '../deadlines/task-limits.ts';
import { caseTimerKey } from '../deadlines/timer-keys.ts';
import { allParticipantsOf, type ResolvedParticipant } from '../joint-review/participants.ts';

export interface MarkGreenInput {
  actor: string;
  reason: string;
  helperId?: string;
}

/** Mark a running case green and compress the limits still running. */
export async function markGreen(s: CaseSession, input: MarkGreenInput): Promise<void> {
  if (s.row.status !== 'running') throw new InvalidStateError(`case is ${s.row.status}`, {});
  if (s.row.green) throw new ConflictError('case is already on the green channel', {});
  s.row.green = true;
  if (input.helperId) s.row.helperId = input.helperId;
  s.event('green-channel', { by: input.actor, reason: input.reason, helperId: s.row.helperId });
  if (s.row.pausedAt) return compressFrozenCaseLimit(s);
  if (s.row.acceptedAt) planCaseDeadline(s, s.row.acceptedAt);
  for (const task of s.openTasks) {
    task.green = true;
    planTaskDeadlines(s, task, participantOf(s, task.elementId, task.departmentId));
    s.touchTask(task);
  }
}

// While the clock stands still the case limit is kept as working days left: take off the
// days the green channel saves.
async function compressFrozenCaseLimit(s: CaseSession): Promise<void> {
  const saved = casePromisedDays(s.item, false, s.env.settings.greenFactor) - casePromisedDays(s.item, true, s.env.settings.greenFactor);
  const timer = (await s.tx.timersOf({ pendingOnly: true })).find((t) => t.key === caseTimerKey('case-due'));
  if (!timer || timer.remainingDays === null || saved <= 0) return;
  s.setTimer({ ...timer, remainingDays: Math.max(0, timer.remainingDays - saved) });
}

function participantOf(s: CaseSession, elementId: string, departmentId: string | null): ResolvedParticipant | undefined {
  return allParticipantsOf(s)[elementId]?.find((p) => p.departmentId === departmentId);
}
