/**
 * Clock stops (行政许可法 第四十五条): while the applicant supplements materials, or during an
 * expert review or hearing, the time is not counted. Pausing freezes each pending limit as
 * the working days it still had; resuming recomputes every deadline from those days.
 */
import { InvalidStateError } from '../errors/domain-error.ts';
import type { CaseSession } from './case-session.ts';
import type { TimerRecord } from './case-types.ts';

/** Stop the case clock; every pending deadline keeps its remaining working days. */
export async function pauseClock(s: CaseSession, reason: string): Promise<void> {
  if (s.row.pausedAt) throw new InvalidStateError('the case clock is already stopped', { reason: s.row.pauseReason });
  for (const timer of await pendingTimers(s)) {
    const remainingDays = s.env.calendar.remainingWorkingDays(s.now, timer.dueAt, s.row.regionCode);
    s.setTimer({ ...timer, remainingDays });
  }
  s.row.pausedAt = s.now;
  s.row.pauseReason = reason;
  if (reason === 'supplement') s.row.form = 'supplement';
  s.event('paused', { reason });
}

/** Restart the case clock; deadlines move by the time the clock stood still. */
export async function resumeClock(s: CaseSession): Promise<void> {
  if (!s.row.pausedAt) throw new InvalidStateError('the case clock is running', {});
  for (const timer of await pendingTimers(s)) {
    if (timer.remainingDays === null) continue;
    const due = s.env.calendar.resumeDeadline(s.now, timer.remainingDays, s.row.regionCode);
    s.setTimer({ ...timer, dueAt: due.at, provisional: due.provisional, remainingDays: null });
    moveDeadline(s, timer, due.at);
  }
  const pausedFor = s.now.getTime() - s.row.pausedAt.getTime();
  if (s.row.form === 'supplement') s.row.form = s.item.handlingForm;
  s.row.pausedAt = null;
  s.row.pauseReason = null;
  s.event('resumed', { pausedMs: pausedFor, dueAt: s.row.dueAt?.toISOString() ?? null });
}

// The timer rows drive the wake-ups; the task and case columns show the same instants.
function moveDeadline(s: CaseSession, timer: TimerRecord, at: Date): void {
  if (timer.kind === 'case-due') s.row.dueAt = at;
  const task = timer.taskId ? s.openTasks.find((t) => t.id === timer.taskId) : undefined;
  if (!task) return;
  if (timer.kind === 'review-due') task.dueAt = at;
  if (timer.kind === 'sign-due') task.signDueAt = at;
  s.touchTask(task);
}

async function pendingTimers(s: CaseSession): Promise<TimerRecord[]> {
  const byKey = new Map((await s.tx.timersOf({ pendingOnly: true })).map((t) => [t.key, t]));
  for (const timer of s.changes.timers) byKey.set(timer.key, timer);
  for (const key of s.changes.cancelledTimers) byKey.delete(key);
  return [...byKey.values()];
}
