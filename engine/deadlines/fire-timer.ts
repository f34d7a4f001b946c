/**
 * What a due timer does to its case. Called under the case lock; the timer row decides whether
 * the wake still applies, so an agenda job and the sweep firing together take effect once.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TimerRecord } from '../cases/case-types.ts';
import { recordDefaultConsent } from '../joint-review/default-consent.ts';
import { fireReminder } from './work-order-reminders.ts';
import { closeRatingWindow, isRatingWindowKey } from '../rating/rating-window.ts';
import { materialOverdue } from '../green-channel/missing-materials.ts';

export type FireResult = 'fired' | 'not-due' | 'stale';

/** Apply one timer if it is pending and due; report what happened. */
export async function fireTimer(s: CaseSession, key: string): Promise<FireResult> {
  // The rating window is the one timer of an ended case.
  if (isRatingWindowKey(key)) return closeRatingWindow(s);
  const timer = (await s.tx.timersOf({ pendingOnly: true })).find((t) => t.key === key);
  if (!timer || timer.remainingDays !== null || s.row.status !== 'running') return 'stale';
  if (timer.dueAt.getTime() > s.now.getTime()) return 'not-due';
  s.changes.firedTimers.push(key);
  if (timer.taskId) await fireTaskTimer(s, timer);
  else if (timer.kind === 'material-due') await materialOverdue(s, timer.key);
  else fireCaseTimer(s, timer);
  return 'fired';
}

function fireCaseTimer(s: CaseSession, timer: TimerRecord): void {
  const light = timer.kind === 'case-yellow' ? 'yellow' : 'red';
  s.event('warning', { scope: 'case', light, dueAt: s.row.dueAt?.toISOString() ?? null });
}

async function fireTaskTimer(s: CaseSession, timer: TimerRecord): Promise<void> {
  const task = s.openTasks.find((t) => t.id === timer.taskId);
  if (!task) return;
  const spec = s.specOf(task);
  const scope = { scope: 'task', elementId: task.elementId, departmentId: task.departmentId };
  if (timer.kind === 'remind' || timer.kind === 'urge' || timer.kind === 'escalate') return fireReminder(s, task, spec, timer);
  if (timer.kind === 'task-yellow') return s.event('warning', { ...scope, light: 'yellow', dueAt: task.dueAt?.toISOString() ?? null }, task.id);
  const takesOpinion = task.kind === 'review';
  if (timer.kind === 'sign-due' && task.status === 'open') {
    // 签收制: not signing in time counts as inaction; the review no longer waits on it.
    if (takesOpinion && spec.onInaction === 'approve') return recordDefaultConsent(s, task, 'unsigned', timer.dueAt);
    return s.event('warning', { ...scope, light: 'red', limit: 'sign-for' }, task.id);
  }
  if (timer.kind === 'review-due') {
    // 超时默认 (never signed) and 不作为默认 (signed, nothing done) both count as approval.
    if (takesOpinion && spec.onTimeout === 'approve') {
      return recordDefaultConsent(s, task, task.status === 'signed' ? 'inaction' : 'timeout', timer.dueAt);
    }
    s.event('warning', { ...scope, light: 'red', limit: 'review' }, task.id);
  }
}
