/**
 * 好差评 scales. The national scale (国务院办公厅《关于建立政务服务“好差评”制度提高政务服务水平的意见》)
 * has five levels; some centres use four. A level's rank orders it (1 = best); `dissatisfied`
 * marks the levels that cost points and open a verification (核查).
 */

export interface RatingLevel {
  name: string;
  rank: number;
  dissatisfied: boolean;
}

export interface RatingScale {
  id: string;
  levels: readonly RatingLevel[];
}

/** 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 — the default. */
export const NATIONAL_FIVE_LEVEL: RatingScale = {
  id: 'national-5',
  levels: [
    { name: '非常满意', rank: 1, dissatisfied: false },
    { name: '满意', rank: 2, dissatisfied: false },
    { name: '基本满意', rank: 3, dissatisfied: false },
    { name: '不满意', rank: 4, dissatisfied: true },
    { name: '非常不满意', rank: 5, dissatisfied: true },
  ],
};

/** 很满意 / 满意 / 一般 / 不满意 — the alternative some centres use. */
export const FOUR_LEVEL: RatingScale = {
  id: 'four-level',
  levels: [
    { name: '很满意', rank: 1, dissatisfied: false },
    { name: '满意', rank: 2, dissatisfied: false },
    { name: '一般', rank: 3, dissatisfied: false },
    { name: '不满意', rank: 4, dissatisfied: true },
  ],
};

/** The level of `scale` with this name, if any. */
export function levelOf(scale: RatingScale, name: string): RatingLevel | undefined {
  return scale.levels.find((l) => l.name === name);
}

/** The level names of a scale, best first (for validation messages and schemas). */
export function levelNames(scale: RatingScale): string[] {
  return [...scale.levels].sort((a, b) => a.rank - b.rank).map((l) => l.name);
}
