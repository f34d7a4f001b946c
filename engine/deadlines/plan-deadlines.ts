/**
 * Turns working-day limits into absolute instants on the case's calendar and records them as
 * durable timers: per task (签收 limit, review limit, yellow light) and per case (承诺时限).
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TaskRecord } from '../cases/case-types.ts';
import type { ResolvedParticipant } from '../joint-review/participants.ts';
import { casePromisedDays, taskLimits } from './task-limits.ts';
import { caseTimerKey, taskTimerKey } from './timer-keys.ts';
import { planReminders } from './work-order-reminders.ts';

/** Compute a new task's deadlines, store them on the row and arm its timers. */
export function planTaskDeadlines(s: CaseSession, task: TaskRecord, participant: ResolvedParticipant | undefined): void {
  const spec = s.specOf(task);
  const limits = taskLimits(spec, participant, s.row.green, s.env.settings.greenFactor);
  const region = s.row.regionCode;
  // While the case clock is stopped (补正), no department limit runs.
  if (s.row.pausedAt) return;
  if (limits.signForDays !== undefined && needsSignFor(task) && task.status === 'open') {
    const due = s.env.calendar.addWorkingDays(task.createdAt, limits.signForDays, region);
    task.signDueAt = due.at;
    s.setTimer({ key: taskTimerKey(task.id, 'sign-due'), kind: 'sign-due', taskId: task.id, dueAt: due.at, provisional: due.provisional });
  }
  if (limits.reviewDays !== undefined) {
    const due = s.env.calendar.addWorkingDays(task.createdAt, limits.reviewDays, region);
    task.dueAt = due.at;
    s.setTimer({ key: taskTimerKey(task.id, 'review-due'), kind: 'review-due', taskId: task.id, dueAt: due.at, provisional: due.provisional });
    const warnDays = spec.warnDaysBefore ?? s.env.settings.warnDaysBefore;
    if (warnDays > 0) {
      const yellow = s.env.calendar.warningAt(due.at, warnDays, region);
      s.setTimer({ key: taskTimerKey(task.id, 'task-yellow'), kind: 'task-yellow', taskId: task.id, dueAt: yellow, provisional: due.provisional });
    }
    planReminders(s, task, spec, due.at);
  }
}

/** Only department tasks are signed for (签收制); window and applicant tasks are not. */
export function needsSignFor(task: TaskRecord): boolean {
  return task.departmentId !== null && (task.kind === 'review' || task.kind === 'handle');
}

/** Start the case's promised limit (承诺时限) at acceptance. */
export function planCaseDeadline(s: CaseSession, acceptedAt: Date): void {
  const days = casePromisedDays(s.item, s.row.green, s.env.settings.greenFactor);
  const due = s.env.calendar.addWorkingDays(acceptedAt, days, s.row.regionCode);
  s.row.acceptedAt = acceptedAt;
  s.row.dueAt = due.at;
  s.row.dueProvisional = due.provisional;
  s.setTimer({ key: caseTimerKey('case-due'), kind: 'case-due', taskId: null, dueAt: due.at, provisional: due.provisional });
  if (days > 0) {
    const yellow = s.env.calendar.warningAt(due.at, s.env.settings.warnDaysBefore, s.row.regionCode);
    s.setTimer({ key: caseTimerKey('case-yellow'), kind: 'case-yellow', taskId: null, dueAt: yellow, provisional: due.provisional });
  }
  if (due.provisional) s.event('calendar-provisional', { dueAt: due.at.toISOString(), reason: 'no holiday data for a year the limit spans' });
}
