/** The rules of 月度百分考评, as a centre configures them. */
import type { OpinionBasis } from '../cases/case-types.ts';

export type AccountabilityBasis = Exclude<OpinionBasis, 'given'>;

export interface ScoringRules {
  /** Everyone starts the month here. */
  base: number;
  /** Points off per 不满意-or-worse rating. */
  dissatisfiedPoints: number;
  /** Rating rate target in percent (100 or 90 in the centres' regulations). */
  ratingRateTarget: number;
  /** Points off per percentage point the rating rate falls below its target (proportional, to 0.01). */
  pointsPerPercentBelow: number;
  /** Points off per 问责记录, by the default that caused it. */
  accountabilityPoints: Record<AccountabilityBasis, number>;
  /** How many of the top ranks are 服务明星. */
  stars: number;
  /** A score never goes below this (扣完为止). */
  floor: number;
}

export const DEFAULT_SCORING_RULES: ScoringRules = {
  base: 100,
  dissatisfiedPoints: 2,
  ratingRateTarget: 100,
  pointsPerPercentBelow: 1,
  accountabilityPoints: { timeout: 1, inaction: 1, unsigned: 1, absence: 1 },
  stars: 3,
  floor: 0,
};
