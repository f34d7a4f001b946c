/** Stable timer keys: (case id, key) identifies one agenda job and one case_timers row. */
import type { TimerKind } from '../cases/case-types.ts';

export const caseTimerKey = (kind: 'case-due' | 'case-yellow'): string => kind;
export const taskTimerKey = (taskId: string, kind: TimerKind): string => `task:${taskId}:${kind}`;

/** Every key a task may own, so all of them can be cancelled when it closes. */
export function taskTimerKeys(taskId: string): string[] {
  return (['sign-due', 'review-due', 'task-yellow', 'remind', 'escalate'] as const).map((kind) => taskTimerKey(taskId, kind));
}
