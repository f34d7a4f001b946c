/** Request schemas of the rating resource (the OpenAPI document is generated from these). */
import { z } from 'zod';
import { DEFAULT_RATING_POLICY, type RatingPolicy } from '../../engine/rating/rating-policy.ts';
import { levelNames } from '../../engine/rating/rating-scales.ts';

/** The body of a rating, for the centre's configured scale (aspects are checked by the command). */
export function ratingCreateSchema(policy: RatingPolicy) {
  const [first, ...rest] = levelNames(policy.scale);
  return z.object({
    level: z.enum([first!, ...rest]).meta({ description: `the level, best first: ${levelNames(policy.scale).join(' / ')}` }),
    comment: z.string().trim().max(policy.maxCommentLength).optional(),
    aspects: z.record(z.string().min(1).max(40), z.string().min(1).max(20)).optional()
      .meta({ description: `aspect → level; aspects: ${policy.aspects.join(', ')}` }),
  });
}

export const RatingCreateSchema = ratingCreateSchema(DEFAULT_RATING_POLICY);
export type RatingCreate = z.infer<typeof RatingCreateSchema>;
