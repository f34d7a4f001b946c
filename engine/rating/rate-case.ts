/**
 * 一事一评价: the applicant rates an ended case once, within its rating window. The rating is
 * a `rated` event (its row in `ratings` follows from it in the same transaction); a 不满意-or-
 * worse rating marks a verification (核查) as due; a rated case is archived.
 */
import type { CaseSession } from '../cases/case-session.ts';
import { ConflictError, ValidationError, type Problem } from '../errors/domain-error.ts';
import { NotTheApplicantError } from './rating-errors.ts';
import type { RatingPolicy } from './rating-policy.ts';
import { levelNames, levelOf, type RatingLevel } from './rating-scales.ts';
import { archiveCase, RATING_WINDOW_KEY, ratingWindowOf } from './rating-window.ts';
import { opensVerification, requestVerification } from './verification/request-verification.ts';

export interface RateCaseInput {
  /** The account rating: must be the case's applicant. */
  applicantId: string;
  level: string;
  comment?: string;
  /** Aspect (attitude, efficiency …) → level of the same scale. */
  aspects?: Record<string, string>;
}

/** Record the applicant's rating of the locked case, or refuse with a typed error. */
export async function rateCase(s: CaseSession, input: RateCaseInput): Promise<void> {
  if (input.applicantId !== s.row.applicantId) {
    throw new NotTheApplicantError(`case ${s.row.caseNumber} is not an application of ${input.applicantId}`, { caseId: s.row.id });
  }
  const policy = s.env.settings.rating;
  const level = checkRating(policy, input);
  await ensureWindowOpen(s);
  const comment = input.comment?.trim() || null;
  const aspects = input.aspects ?? {};
  const verificationDue = opensVerification(s, level.dissatisfied);
  s.event('rated', {
    by: input.applicantId, scale: policy.scale.id, level: level.name, rank: level.rank, dissatisfied: level.dissatisfied,
    comment, aspects, verificationDue,
  });
  // 核查 (processes/rating-verification.bpmn): the supervisor investigates, the department
  // rectifies, the applicant gets a reply. Its start is owed from this commit on (a timer row).
  if (verificationDue) {
    s.event('verification-due', { level: level.name, rank: level.rank });
    requestVerification(s);
  }
  s.cancelTimers([RATING_WINDOW_KEY]);
  archiveCase(s, 'rated');
}

/** The level, comment and aspects against the centre's policy; every bad field is named. */
export function checkRating(policy: RatingPolicy, input: Pick<RateCaseInput, 'level' | 'comment' | 'aspects'>): RatingLevel {
  const problems: Problem[] = [];
  const allowed = `one of ${levelNames(policy.scale).join(', ')}`;
  const level = levelOf(policy.scale, input.level);
  if (!level) problems.push({ path: 'level', reason: `must be ${allowed}` });
  if (input.comment && input.comment.length > policy.maxCommentLength) problems.push({ path: 'comment', reason: `at most ${policy.maxCommentLength} characters` });
  for (const [aspect, value] of Object.entries(input.aspects ?? {})) {
    if (!policy.aspects.includes(aspect)) problems.push({ path: `aspects.${aspect}`, reason: `unknown aspect; one of ${policy.aspects.join(', ')}` });
    else if (!levelOf(policy.scale, value)) problems.push({ path: `aspects.${aspect}`, reason: `must be ${allowed}` });
  }
  if (problems.length || !level) throw new ValidationError('the rating is invalid', problems);
  return level;
}

// Only a finished or returned case is rated, once, before its window closes.
async function ensureWindowOpen(s: CaseSession): Promise<void> {
  const { status } = s.row;
  if (status === 'running') throw new ConflictError('the case has not ended: it can be rated once it is finished or returned', { status });
  if (status === 'cancelled') throw new ConflictError('a withdrawn case is not rated', { status });
  const window = await ratingWindowOf(s);
  if (!window) throw new ConflictError('the case has no rating window (it ended before ratings were collected)', { status });
  if (window.cancelledAt) throw new ConflictError('the case has already been rated', { ratedAt: window.cancelledAt.toISOString() });
  if (window.firedAt || window.dueAt.getTime() <= s.now.getTime()) {
    throw new ConflictError('the rating window has closed', { closedAt: window.dueAt.toISOString() });
  }
}
