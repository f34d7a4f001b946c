/**
 * In the rating's own transaction: owe the rated case a verification (核查). Nothing else is
 * started here — the case is locked and a new case needs its own transaction — but the timer
 * row commits atomically with the rating, so no crash can leave a 不满意 rating without a
 * pending start (see verification-item.ts).
 */
import type { CaseSession } from '../../cases/case-session.ts';
import { RATING_WINDOW_KIND } from '../rating-window.ts';
import { isVerificationCase, VERIFICATION_START_KEY } from './verification-item.ts';

/** True when a dissatisfied rating of this case opens a verification (a verification is not verified again). */
export function opensVerification(s: CaseSession, dissatisfied: boolean): boolean {
  return dissatisfied && !isVerificationCase(s);
}

/** Arm the start of the verification, due now. */
export function requestVerification(s: CaseSession): void {
  s.setTimer({ key: VERIFICATION_START_KEY, kind: RATING_WINDOW_KIND, taskId: null, dueAt: s.now, provisional: false });
}
