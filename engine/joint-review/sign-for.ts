/** 签收: a department acknowledges a joint case before it may give an opinion. */
import type { CaseSession } from '../cases/case-session.ts';
import { taskTimerKey } from '../deadlines/timer-keys.ts';
import { InvalidStateError } from '../errors/domain-error.ts';

/** Sign for a department task; its sign-for limit stops, its review limit keeps running. */
export function signFor(s: CaseSession, taskId: string, actor: string): void {
  const task = s.openTask(taskId);
  if (task.status === 'signed') throw new InvalidStateError('task already signed for', { taskId });
  if (task.departmentId === null) throw new InvalidStateError('only department tasks are signed for', { taskId });
  task.status = 'signed';
  task.signedAt = s.now;
  s.touchTask(task);
  s.cancelTimers([taskTimerKey(task.id, 'sign-due')]);
  s.event('signed', { elementId: task.elementId, departmentId: task.departmentId, by: actor }, task.id);
}
