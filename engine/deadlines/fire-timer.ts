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
  return (await fireTimers(s, [key]))[0]!;
}

/**
 * Apply several timers of one case in one command (a burst of deadlines at one instant wakes
 * each case once, not once per timer), in due order as separate wakes would have. Each result is
 * what a wake for that timer alone, run right after the previous ones, would have reported: a
 * timer an earlier one cancelled or already fired (a repeated key) is stale.
 */
export async function fireTimers(s: CaseSession, keys: readonly string[]): Promise<FireResult[]> {
  const results: FireResult[] = [];
  let pending: Map<string, TimerRecord> | undefined;
  const order = keys.map((key, i) => ({ key, i }));
  if (keys.some((key) => !isRatingWindowKey(key))) {
    pending = new Map((await s.tx.timersOf({ pendingOnly: true })).map((t) => [t.key, t]));
    const at = (key: string) => pending!.get(key)?.dueAt.getTime() ?? 0;
    order.sort((a, b) => at(a.key) - at(b.key) || a.i - b.i);
  }
  for (const { key, i } of order) results[i] = await fireOne(s, key, pending?.get(key));
  return results;
}

async function fireOne(s: CaseSession, key: string, timer: TimerRecord | undefined): Promise<FireResult> {
  // The rating window is the one timer of an ended case.
  if (isRatingWindowKey(key)) return s.changes.firedTimers.includes(key) ? 'stale' : closeRatingWindow(s);
  if (!timer || timer.remainingDays !== null || s.row.status !== 'running' || changedInSession(s, timer)) return 'stale';
  if (timer.dueAt.getTime() > s.now.getTime()) return 'not-due';
  s.changes.firedTimers.push(key);
  if (timer.taskId) await fireTaskTimer(s, timer);
  else if (timer.kind === 'material-due') await materialOverdue(s, timer.key);
  else fireCaseTimer(s, timer);
  return 'fired';
}

/** Fired, cancelled or re-armed by an earlier timer of the same command: no longer as read. */
function changedInSession(s: CaseSession, timer: TimerRecord): boolean {
  const c = s.changes;
  return c.firedTimers.includes(timer.key) || c.cancelledTimers.includes(timer.key)
    || (timer.taskId !== null && c.cancelledTaskTimers.includes(timer.taskId)) || c.timers.some((t) => t.key === timer.key);
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
