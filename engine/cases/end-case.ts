/** Ending a case: final status and form, every pending timer cancelled, one event. */
import type { EndOutcome } from '../definitions/item-model.ts';
import { caseTimerKey } from '../deadlines/timer-keys.ts';
import { openRatingWindow } from '../rating/rating-window.ts';
import type { CaseSession } from './case-session.ts';

/** Mark the case ended by the process (办结 / 退办 / closed) or by cancellation. */
export async function endCase(s: CaseSession, outcome: EndOutcome | 'cancelled', endEvent?: string): Promise<void> {
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
  if (outcome === 'cancelled') return s.event('cancelled', { endEvent: endEvent ?? null, onTime });
  if (outcome === 'returned') await returned(s, endEvent, onTime);
  else s.event('completed', { endEvent: endEvent ?? null, onTime });
  // 一事一评价: a finished or returned case invites its applicant to rate it.
  openRatingWindow(s);
}

// 退办件: the applicant gets every department's reasons in one notice, not one by one.
async function returned(s: CaseSession, endEvent: string | undefined, onTime: boolean | null): Promise<void> {
  const stored = await s.tx.rejections();
  const fresh = s.changes.opinions.filter((o) => o.decision === 'reject');
  const reasons = [...stored, ...fresh].map((o) => ({ departmentId: o.departmentId, basis: o.basis, reasons: o.reasons }));
  s.event('returned', { endEvent: endEvent ?? null, onTime, reasons });
  s.notify(s.row.applicantId, 'returned', { reasons });
}
