/**
 * What a centre configures for itself: its rating scale and window (一事一评价) and its monthly
 * score rules (月度百分考评). Read from the JSON file named by LIANSHEN_CENTRE_CONFIG; without
 * it the national defaults apply. A bad file stops start-up naming the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_RATING_POLICY, type RatingPolicy } from '../engine/rating/rating-policy.ts';
import { FOUR_LEVEL, NATIONAL_FIVE_LEVEL } from '../engine/rating/rating-scales.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../engine/scoring/scoring-rules.ts';

const SCALES = { 'national-five-level': NATIONAL_FIVE_LEVEL, 'four-level': FOUR_LEVEL } as const;
const points = z.number().min(0).max(100);

const CentreConfigSchema = z.object({
  rating: z.object({
    scale: z.enum(Object.keys(SCALES) as [keyof typeof SCALES]).optional(),
    windowDays: z.number().int().min(1).max(60).optional(),
  }).strict().default({}),
  scoring: z.object({
    dissatisfiedPoints: points.optional(),
    ratingRateTarget: z.union([z.literal(100), z.literal(90)]).optional(),
    pointsPerPercentBelow: points.optional(),
    accountabilityPoints: z.object({ timeout: points, inaction: points, unsigned: points, absence: points }).partial().strict().optional(),
  }).strict().default({}),
}).strict();

export interface CentreConfig {
  rating: RatingPolicy;
  scoring: ScoringRules;
}

/** The centre's configuration from a parsed JSON value (throws naming every bad field). */
export function centreConfigFrom(value: unknown, source = 'centre configuration'): CentreConfig {
  const parsed = CentreConfigSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`invalid ${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const { rating, scoring } = parsed.data;
  return {
    rating: { ...DEFAULT_RATING_POLICY, ...(rating.scale ? { scale: SCALES[rating.scale] } : {}), ...(rating.windowDays ? { windowDays: rating.windowDays } : {}) },
    scoring: {
      ...DEFAULT_SCORING_RULES, ...withoutUndefined(scoring),
      accountabilityPoints: { ...DEFAULT_SCORING_RULES.accountabilityPoints, ...scoring.accountabilityPoints },
    },
  };
}

/** Load the file named by `path`, or the defaults when no path is set. */
export function loadCentreConfig(path: string | undefined): CentreConfig {
  if (!path) return centreConfigFrom({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read LIANSHEN_CENTRE_CONFIG ${path}: ${(error as Error).message}`);
  }
  return centreConfigFrom(json, `LIANSHEN_CENTRE_CONFIG ${path}`);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'object')) as Partial<T>;
}
