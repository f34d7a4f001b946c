import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../engine/errors/domain-error.ts';
import { checkRating } from '../../../engine/rating/rate-case.ts';
import { DEFAULT_RATING_POLICY } from '../../../engine/rating/rating-policy.ts';
import { FOUR_LEVEL, levelNames, NATIONAL_FIVE_LEVEL } from '../../../engine/rating/rating-scales.ts';

const FOUR = { ...DEFAULT_RATING_POLICY, scale: FOUR_LEVEL };

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${p.reason}`);
    throw error;
  }
  return [];
}

describe('好差评 scales', () => {
  it('lists the national five levels and the four-level alternative, best first', () => {
    expect(levelNames(NATIONAL_FIVE_LEVEL)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(levelNames(FOUR_LEVEL)).toEqual(['很满意', '满意', '一般', '不满意']);
  });

  it('counts 不满意 and worse as dissatisfied on either scale, and nothing better', () => {
    expect(NATIONAL_FIVE_LEVEL.levels.filter((l) => l.dissatisfied).map((l) => l.name)).toEqual(['不满意', '非常不满意']);
    expect(FOUR_LEVEL.levels.filter((l) => l.dissatisfied).map((l) => l.name)).toEqual(['不满意']);
  });
});

describe('checking a rating against the centre’s policy', () => {
  it('accepts a level of the configured scale with known aspects', () => {
    expect(checkRating(DEFAULT_RATING_POLICY, { level: '基本满意', aspects: { attitude: '满意', efficiency: '非常不满意' } }))
      .toEqual({ name: '基本满意', rank: 3, dissatisfied: false });
    expect(checkRating(FOUR, { level: '一般' })).toEqual({ name: '一般', rank: 3, dissatisfied: false });
  });

  it('names every bad field: the level, an unknown aspect, an aspect level off the scale, a long comment', () => {
    expect(problems(() => checkRating(FOUR, {
      level: '基本满意', comment: '长'.repeat(501), aspects: { attitude: '非常满意', mood: '满意' },
    }))).toEqual([
      'level: must be one of 很满意, 满意, 一般, 不满意',
      'comment: at most 500 characters',
      'aspects.attitude: must be one of 很满意, 满意, 一般, 不满意',
      'aspects.mood: unknown aspect; one of attitude, efficiency, convenience, openness, integrity',
    ]);
  });
});
