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
 *
 * 会签: instances of the element whose rows were closed earlier without a signal (see
 * `closeUntilJoin`) are signalled first, in the same command, so the round joins once.
 */
export async function finishTask(s: CaseSession, task: TaskRecord, flags: OutcomeFlags | undefined, payload: Record<string, unknown> = {}): Promise<void> {
  requireWaiting(s, task);
  const open = new Set(s.openTasks.map((t) => t.executionId));
  const closedEarlier = s.engine.waitingExecutions(task.elementId).filter((id) => !open.has(id));
  closeTask(s, task, flags ? { ...flags, ...payload } : payload);
  if (flags) s.engine.setVariable(task.elementId, flags);
  s.engineTouched = true;
  s.engine.signalListed(task.elementId, closedEarlier, { outcome: null });
  s.engine.signal(task.elementId, task.executionId, { outcome: flags ?? null });
  await applyEngineEffects(s);
}

/**
 * 会签, an opinion that is not the last of its round: the row closes but the engine is neither
 * signalled nor saved (nor even needed); its instance keeps waiting, in the live engine and the
 * stored state alike, until the round's last opinion signals every instance at once. A done row
 * whose instance still waits is therefore the normal state between the two, and the task rows
 * decide what is still open: an open row's instance is always waiting (rows of a task that ends
 * any other way are closed in the same command, apply-engine-effects.ts).
 */
export function closeUntilJoin(s: CaseSession, task: TaskRecord, payload: Record<string, unknown>): void {
  closeTask(s, task, payload);
}

// A task the engine no longer waits for must not be marked done.
function requireWaiting(s: CaseSession, task: TaskRecord): void {
  if (!s.engine.isWaiting(task.elementId, task.executionId)) {
    s.engine.signal(task.elementId, task.executionId); // throws the 409-style ConflictError
  }
}

function closeTask(s: CaseSession, task: TaskRecord, outcome: Record<string, unknown>): void {
  task.status = 'done';
  task.completedAt = s.now;
  task.outcome = outcome;
  s.touchTask(task);
  s.cancelTaskTimers(task.id);
}
