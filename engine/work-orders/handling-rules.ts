/**
 * 12345 handling rules: a department answers only what it signed for; it may return an order
 * only before signing, within the sign-for limit, and only for a reason from the fixed list.
 * The first department an order reached stays responsible for coordination (首接负责制).
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TaskRecord } from '../cases/case-types.ts';
import { InvalidStateError, ValidationError } from '../errors/domain-error.ts';
import { isReturnReason, RETURN_REASONS } from './return-reasons.ts';

/** Check a handle task's completion against the rules; returns the reason text of a return. */
export function checkHandling(s: CaseSession, task: TaskRecord, outcome: string, returnReason: string | undefined): string | undefined {
  if (outcome === 'answered') {
    if (task.status !== 'signed') throw new InvalidStateError('sign for the work order (签收) before answering it', { taskId: task.id });
    return undefined;
  }
  if (!isReturnReason(returnReason)) {
    throw new ValidationError('returning a work order needs a reason from the fixed list', [
      { path: 'returnReason', reason: `must be one of ${Object.keys(RETURN_REASONS).join(', ')}` },
    ]);
  }
  if (task.status === 'signed') throw new InvalidStateError('a signed work order is handled, not returned', { taskId: task.id });
  if (!mayReturn(task, s.now)) {
    throw new InvalidStateError('the 2 working days to return the order have passed; it must be handled', { taskId: task.id });
  }
  return RETURN_REASONS[returnReason];
}

/** True while the handling department may still return the task: not signed for, within its sign-for limit. */
export function mayReturn(task: Pick<TaskRecord, 'status' | 'signDueAt'>, now: Date): boolean {
  return mayReturnAt(task.status, task.signDueAt?.getTime() ?? null, now.getTime());
}

/** mayReturn on epoch milliseconds, for readers that keep instants as numbers (the inbox). */
export function mayReturnAt(status: string, signDueAtMs: number | null, nowMs: number): boolean {
  return status === 'open' && (signDueAtMs === null || nowMs <= signDueAtMs);
}

/** 首接负责制: remember the first department an order was routed to; it coordinates from then on. */
export function recordFirstDepartment(s: CaseSession, departmentId: string): string {
  const first = s.engine.variable('firstDepartment') as string | undefined;
  if (first) return first;
  s.engine.setVariable('firstDepartment', departmentId);
  return departmentId;
}
