/** Stable timer keys: (case id, key) identifies one agenda job and one case_timers row. */
import type { TimerKind } from '../cases/case-types.ts';

export const caseTimerKey = (kind: 'case-due' | 'case-yellow'): string => kind;
export const taskTimerKey = (taskId: string, kind: TimerKind, n?: number): string => `task:${taskId}:${kind}${n ? `:${n}` : ''}`;
