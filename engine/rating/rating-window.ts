/**
 * The rating window of an ended case: opened when the case is finished or returned, a durable
 * timer like every other limit (a `case_timers` row plus an agenda job). Its row is the state
 * of the rating: pending = awaiting a rating, cancelled = rated, fired = closed unrated. Either
 * way the case is then archived.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TimerKind, TimerRecord } from '../cases/case-types.ts';
import type { FireResult } from '../deadlines/fire-timer.ts';
import { levelNames } from './rating-scales.ts';

export const RATING_WINDOW_KEY = 'rating-window';
/** The one timer that outlives its case: the store spares it when an ended case's timers are cancelled. */
export const RATING_WINDOW_KIND: TimerKind = 'rating-window';

/** True for the timer key of a rating window. */
export const isRatingWindowKey = (key: string): boolean => key === RATING_WINDOW_KEY;

/** The case just ended (办结 or 退办): invite the applicant to rate until the window closes. */
export function openRatingWindow(s: CaseSession): void {
  const policy = s.env.settings.rating;
  const endedAt = s.row.endedAt ?? s.now;
  const due = s.env.calendar.addWorkingDays(endedAt, policy.windowDays, s.row.regionCode);
  s.setTimer({ key: RATING_WINDOW_KEY, kind: RATING_WINDOW_KIND, taskId: null, dueAt: due.at, provisional: due.provisional });
  const invitation = { closesAt: due.at.toISOString(), windowDays: policy.windowDays, scale: policy.scale.id, levels: levelNames(policy.scale) };
  s.event('rating-invited', { ...invitation, provisional: due.provisional });
  s.notify(s.row.applicantId, 'rating-invited', invitation);
}

/** The rating window's timer row of the locked case, if it ever had one. */
export async function ratingWindowOf(s: CaseSession): Promise<TimerRecord | undefined> {
  return (await s.tx.timersOf({ pendingOnly: false })).find((t) => t.key === RATING_WINDOW_KEY);
}

/** The window's limit passed unrated: archive the case. A stale or early wake changes nothing. */
export async function closeRatingWindow(s: CaseSession): Promise<FireResult> {
  const timer = await ratingWindowOf(s);
  if (!timer || timer.firedAt || timer.cancelledAt || timer.remainingDays !== null) return 'stale';
  if (timer.dueAt.getTime() > s.now.getTime()) return 'not-due';
  s.changes.firedTimers.push(RATING_WINDOW_KEY);
  s.event('rating-window-closed', { closedAt: timer.dueAt.toISOString(), rated: false });
  archiveCase(s, 'window-closed');
  return 'fired';
}

/** 归档: the case's record is complete (rated, or its window closed unrated). */
export function archiveCase(s: CaseSession, reason: 'rated' | 'window-closed'): void {
  s.event('archived', { reason });
}
