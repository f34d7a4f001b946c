/** What a centre configures about 一事一评价: its scale, the rating window, the aspects rated. */
import { NATIONAL_FIVE_LEVEL, type RatingScale } from './rating-scales.ts';

export interface RatingPolicy {
  scale: RatingScale;
  /** Working days after the case ends during which the applicant may rate; then it is archived unrated. */
  windowDays: number;
  /** Aspects the applicant may rate separately (each with a level of the same scale). */
  aspects: readonly string[];
  /** Longest comment accepted, in characters. */
  maxCommentLength: number;
}

/** Aspects of the national 好差评 form: attitude, efficiency, convenience, openness, integrity. */
export const DEFAULT_ASPECTS = ['attitude', 'efficiency', 'convenience', 'openness', 'integrity'] as const;

export const DEFAULT_RATING_POLICY: RatingPolicy = {
  scale: NATIONAL_FIVE_LEVEL,
  windowDays: 15,
  aspects: DEFAULT_ASPECTS,
  maxCommentLength: 500,
};
