/** Ending a case: final status and form, every pending timer cancelled, one event. */
import type { EndOutcome } from '../definitions/item-model.ts';
import { caseTimerKey } from '../deadlines/timer-keys.ts';
import type { CaseSession } from './case-session.ts';

/** Mark the case ended by the process (办结 / 退办 / closed) or by cancellation. */
export function endCase(s: CaseSession, outcome: EndOutcome | 'cancelled', endEvent?: string): void {
  s.row.status = outcome === 'returned' ? 'returned' : outcome === 'cancelled' ? 'cancelled' : 'completed';
  if (outcome === 'returned') s.row.form = 'returned';
  s.row.endedAt = s.now;
  s.row.pausedAt = null;
  for (const task of [...s.openTasks]) {
    task.status = 'cancelled';
    task.completedAt = s.now;
    s.touchTask(task);
    s.cancelTaskTimers(task.id);
  }
  s.cancelTimers([caseTimerKey('case-due'), caseTimerKey('case-yellow')]);
  const onTime = s.row.dueAt ? s.now.getTime() <= s.row.dueAt.getTime() : null;
  s.event(outcome === 'cancelled' ? 'cancelled' : outcome === 'returned' ? 'returned' : 'completed', { endEvent: endEvent ?? null, onTime });
}
