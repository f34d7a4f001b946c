/**
 * 12345 work orders: a reminder before the handling limit, 催办 notices after it, and escalation
 * to supervision once the reminders are used up and `escalateAfterDays` more working days passed.
 * With maxReminders 2 and escalateAfterDays 10: 催办 at the limit and 5 working days later,
 * escalation 10 working days after the limit.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TaskRecord, TimerRecord } from '../cases/case-types.ts';
import { applyEngineEffects } from '../cases/apply-engine-effects.ts';
import type { TaskSpec } from '../definitions/item-model.ts';
import { localDate, startOfLocalDay } from '../calendar/index.ts';
import { taskTimerKey } from './timer-keys.ts';

// A period that follows a limit counts from the limit's own day (not counted), not from the
// next day as the after-hours rule for applications would have it.
function dayOf(deadline: Date): Date {
  return startOfLocalDay(localDate(deadline));
}

/** Arm the reminder, first 催办 and escalation timers of a task that has them. */
export function planReminders(s: CaseSession, task: TaskRecord, spec: TaskSpec, due: Date): void {
  const region = s.row.regionCode;
  if (spec.remindBeforeDays) {
    const at = s.env.calendar.warningAt(due, spec.remindBeforeDays, region);
    s.setTimer({ key: taskTimerKey(task.id, 'remind'), kind: 'remind', taskId: task.id, dueAt: at, provisional: false });
  }
  if (spec.maxReminders) s.setTimer({ key: taskTimerKey(task.id, 'urge', 1), kind: 'urge', taskId: task.id, dueAt: due, provisional: false });
  if (spec.escalateAfterDays !== undefined && spec.escalationSignal) {
    const at = s.env.calendar.addWorkingDays(dayOf(due), spec.escalateAfterDays, region);
    s.setTimer({ key: taskTimerKey(task.id, 'escalate'), kind: 'escalate', taskId: task.id, dueAt: at.at, provisional: at.provisional });
  }
}

/** Apply a reminder, 催办 or escalation timer of an open task. */
export async function fireReminder(s: CaseSession, task: TaskRecord, spec: TaskSpec, timer: TimerRecord): Promise<void> {
  const scope = { elementId: task.elementId, departmentId: task.departmentId, dueAt: task.dueAt?.toISOString() ?? null };
  if (timer.kind === 'remind') return s.event('reminder', scope, task.id);
  if (timer.kind === 'urge') return urge(s, task, spec, timer, scope);
  if (timer.kind === 'escalate' && spec.escalationSignal) {
    s.event('escalated', { ...scope, to: 'supervision' }, task.id);
    await s.requireEngine();
    s.engineTouched = true;
    s.engine.broadcast(spec.escalationSignal);
    await applyEngineEffects(s);
  }
}

function urge(s: CaseSession, task: TaskRecord, spec: TaskSpec, timer: TimerRecord, scope: Record<string, unknown>): void {
  const n = Number(timer.key.split(':').at(-1));
  s.event('urged', { ...scope, n }, task.id);
  const max = spec.maxReminders ?? 0;
  if (n >= max) return;
  const gap = Math.max(1, Math.ceil((spec.escalateAfterDays ?? max) / max));
  const next = s.env.calendar.addWorkingDays(dayOf(timer.dueAt), gap, s.row.regionCode);
  s.setTimer({ key: taskTimerKey(task.id, 'urge', n + 1), kind: 'urge', taskId: task.id, dueAt: next.at, provisional: next.provisional });
}
