/** The rating of a case as the API shows it (to the applicant and to staff who may read the case). */
import type { CaseRecord } from '../../engine/cases/case-types.ts';
import type { RatingPolicy } from '../../engine/rating/rating-policy.ts';
import { levelNames } from '../../engine/rating/rating-scales.ts';
import type { RatingView, VerificationView } from './rating-reads.ts';

/** `awaiting` the applicant, `rated`, `closed-unrated` (window passed), or not ratable at all. */
export type RatingState = 'not-ended' | 'awaiting' | 'rated' | 'closed-unrated' | 'not-ratable';

export function presentRating(c: CaseRecord, view: RatingView, policy: RatingPolicy, now: Date) {
  return {
    caseId: c.id,
    caseNumber: c.caseNumber,
    state: stateOf(c, view, now),
    window: view.window ? { closesAt: view.window.closesAt.toISOString() } : null,
    rating: view.rating ? { ...view.rating, ratedAt: view.rating.ratedAt.toISOString() } : null,
    archived: view.archived ? { reason: view.archived.reason, at: view.archived.at.toISOString() } : null,
    verification: presentVerification(view.verification),
    scale: { id: policy.scale.id, levels: levelNames(policy.scale), aspects: [...policy.aspects] },
  };
}

function stateOf(c: CaseRecord, view: RatingView, now: Date): RatingState {
  if (view.rating) return 'rated';
  if (c.status === 'running') return 'not-ended';
  if (!view.window) return 'not-ratable';
  if (view.window.firedAt || view.window.closesAt.getTime() <= now.getTime()) return 'closed-unrated';
  return 'awaiting';
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** 差评核查: its state, the verification case, the steps waiting now, red lights and the outcome. */
function presentVerification(v: VerificationView) {
  return {
    state: v.state,
    dueSince: iso(v.dueSince),
    case: v.case ? { ...v.case, dueAt: iso(v.case.dueAt), endedAt: iso(v.case.endedAt) } : null,
    departmentId: v.departmentId,
    openSteps: v.openSteps.map((step) => ({ ...step, dueAt: iso(step.dueAt) })),
    redWarnings: v.redWarnings.map((w) => ({ ...w, at: w.at.toISOString() })),
    outcome: v.outcome,
  };
}
