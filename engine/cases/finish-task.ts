/**
 * Completing one task row: mark it done, cancel its timers, set the outcome variable the
 * gateways read, and signal the engine.
 */
import type { CaseSession } from './case-session.ts';
import type { TaskRecord } from './case-types.ts';
import { applyEngineEffects } from './apply-engine-effects.ts';
import { engineExecutionOf } from './fan-out.ts';

export type OutcomeFlags = Record<string, boolean>;

/**
 * Close `task` and signal its execution. `flags` (e.g. { approved: true }) become the process
 * variable named after the task element, which the BPMN's gateways branch on.
 *
 * 会签: the engine waits once for a fanned-out task (fan-out.ts), so a row closed while another
 * department's row of the same wait is open leaves the engine alone; the last one signals it.
 * On versions that kept the engine's multi-instance loop, instances whose rows were closed
 * earlier without a signal (see `closeUntilJoin`) are signalled first, in the same command, so
 * the round joins once.
 */
export async function finishTask(s: CaseSession, task: TaskRecord, flags: OutcomeFlags | undefined, payload: Record<string, unknown> = {}): Promise<void> {
  const execution = engineExecutionOf(task.executionId);
  requireWaiting(s, task.elementId, execution);
  const outcome = flags ? { ...flags, ...payload } : payload;
  if (s.openTasks.some((t) => t.id !== task.id && engineExecutionOf(t.executionId) === execution)) return closeTask(s, task, outcome);
  const open = new Set(s.openTasks.map((t) => engineExecutionOf(t.executionId)));
  const closedEarlier = s.engine.waitingExecutions(task.elementId).filter((id) => !open.has(id));
  closeTask(s, task, outcome);
  if (flags) s.engine.setVariable(task.elementId, flags);
  s.engineTouched = true;
  s.engine.signalListed(task.elementId, closedEarlier, { outcome: null });
  s.engine.signal(task.elementId, execution, { outcome: flags ?? null });
  await applyEngineEffects(s);
}

/**
 * 会签, an opinion that is not the last of its round: the row closes but the engine is neither
 * signalled nor saved (nor even needed); its wait goes on, in the live engine and the stored
 * state alike, until the round's last opinion signals it. A done row whose execution still waits
 * is therefore the normal state between the two, and the task rows decide what is still open: an
 * open row's execution is always waiting (rows of a task that ends any other way are closed in
 * the same command, apply-engine-effects.ts).
 */
export function closeUntilJoin(s: CaseSession, task: TaskRecord, payload: Record<string, unknown>): void {
  closeTask(s, task, payload);
}

// A task the engine no longer waits for must not be marked done.
function requireWaiting(s: CaseSession, elementId: string, execution: string): void {
  if (!s.engine.isWaiting(elementId, execution)) {
    s.engine.signal(elementId, execution); // throws the 409-style ConflictError
  }
}

function closeTask(s: CaseSession, task: TaskRecord, outcome: Record<string, unknown>): void {
  task.status = 'done';
  task.completedAt = s.now;
  task.outcome = outcome;
  s.touchTask(task);
  s.cancelTaskTimers(task.id);
}
