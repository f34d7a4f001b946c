/**
 * Completing one task row: mark it done, cancel its timers, set the outcome variable the
 * gateways read, and signal the engine.
 */
import type { CaseSession } from './case-session.ts';
import type { TaskRecord } from './case-types.ts';
import { applyEngineEffects } from './apply-engine-effects.ts';

export type OutcomeFlags = Record<string, boolean>;

/**
 * Close `task` and signal its execution. `flags` (e.g. { approved: true }) become the process
 * variable named after the task element, which the BPMN's gateways branch on.
 */
export async function finishTask(s: CaseSession, task: TaskRecord, flags: OutcomeFlags | undefined, payload: Record<string, unknown> = {}): Promise<void> {
  // Check first: a task the engine no longer waits for must not be marked done.
  if (!s.engine.isWaiting(task.elementId, task.executionId)) {
    s.engine.signal(task.elementId, task.executionId); // throws the 409-style ConflictError
  }
  task.status = 'done';
  task.completedAt = s.now;
  task.outcome = flags ? { ...flags, ...payload } : payload;
  s.touchTask(task);
  s.cancelTaskTimers(task.id);
  if (flags) s.engine.setVariable(task.elementId, flags);
  s.engineTouched = true;
  s.engine.signal(task.elementId, task.executionId, { outcome: flags ?? null });
  await applyEngineEffects(s);
}
