import { describe, expect, it } from 'vitest';
import { monthlyScores, type CaseForScoring, type MonthlyScoreInput } from '../../../engine/scoring/monthly-score.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../../../engine/scoring/scoring-rules.ts';

/** `n` cases settled in March 2026 for `unitIds`, rated with `levels` in order (null = window closed unrated). */
function cases(prefix: string, unitIds: string[], levels: Array<string | null>): CaseForScoring[] {
  return levels.map((level, i) => ({
    caseId: `${prefix}-${i + 1}`, caseNumber: `${prefix.toUpperCase()}-${i + 1}`, unitIds,
    rating: level === null ? null : { level, dissatisfied: level === '不满意' || level === '非常不满意' },
  }));
}
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

// The centre's rules for March 2026: target 90 %, −2 per 不满意, 问责 by basis.
const RULES: ScoringRules = {
  ...DEFAULT_SCORING_RULES,
  ratingRateTarget: 90,
  accountabilityPoints: { timeout: 1, inaction: 1, unsigned: 0.5, absence: 2 },
};

const MARCH: MonthlyScoreInput = {
  period: '2026-03',
  units: [
    { id: 'W1', kind: 'window', name: '东城窗口' }, { id: 'W2', kind: 'window', name: '西城窗口' }, { id: 'W3', kind: 'window', name: '南区窗口' },
    { id: 'W4', kind: 'window', name: '北区窗口' }, { id: 'W5', kind: 'window', name: '开发区窗口' },
    { id: 'D-zj', kind: 'department', name: '住建局' }, { id: 'D-xf', kind: 'department', name: '消防救援大队' },
    { id: 'D-rf', kind: 'department', name: '人防办' }, { id: 'D-sthj', kind: 'department', name: '生态环境分局' },
    { id: 'S-li', kind: 'staff', name: '李' }, { id: 'S-wang', kind: 'staff', name: '王' }, { id: 'S-zhang', kind: 'staff', name: '张' },
  ],
  cases: [
    // W1: 10 settled, 10 rated (100 %), none dissatisfied                       → 100
    ...cases('w1', ['W1'], times(10, '满意')),
    // W2: 10 settled, 9 rated (90 % = target), one 不满意 (also 消防 and 王)     → 98
    ...cases('w2', ['W2'], [...times(7, '非常满意'), '满意', null]),
    { caseId: 'w2-x', caseNumber: 'W2-X', unitIds: ['W2', 'D-xf', 'S-wang'], rating: { level: '不满意', dissatisfied: true } },
    // W3: 8 settled, 6 rated (75 %: 15 points short), one 非常不满意            → 100 − 15 − 2 = 83
    ...cases('w3', ['W3'], [...times(5, '满意'), '非常不满意', null, null]),
    // W4: 3 settled, 2 rated (66.67 %: 23.33 points short)                      → 76.67
    ...cases('w4', ['W4'], ['满意', '基本满意', null]),
    // W5: 4 settled, 4 rated, two 不满意                                         → 96
    ...cases('w5', ['W5'], ['满意', '满意', '不满意', '不满意']),
    // departments: 住建 5/5; 消防 4 here + w2-x = 5/5; 人防 4/5 (80 %: 10 short); 生态 5/5
    ...cases('zj', ['D-zj', 'S-li'], times(5, '满意')),
    ...cases('xf', ['D-xf'], times(4, '满意')),
    ...cases('rf', ['D-rf', 'S-zhang'], [...times(4, '满意'), null]),
    ...cases('sthj', ['D-sthj'], times(5, '非常满意')),
  ],
  accountability: [
    { caseId: 'zj-1', caseNumber: 'ZJ-1', unitId: 'D-zj', basis: 'absence' }, // −2
    { caseId: 'xf-1', caseNumber: 'XF-1', unitId: 'D-xf', basis: 'timeout' }, // −1
    { caseId: 'xf-2', caseNumber: 'XF-2', unitId: 'D-xf', basis: 'unsigned' }, // −0.5
    { caseId: 'xf-3', caseNumber: 'XF-3', unitId: 'D-xf', basis: 'unsigned' }, // −0.5
  ],
};

describe('月度百分考评 on a hand-computed March', () => {
  const scores = monthlyScores(MARCH, RULES);
  const summary = (list: typeof scores.windows) => list.map((u) => [u.unitId, u.score, u.rank, u.star, u.last]);

  it('scores and ranks the windows: the top three are 服务明星, the last is flagged', () => {
    expect(summary(scores.windows)).toEqual([
      ['W1', 100, 1, true, false],
      ['W2', 98, 2, true, false],
      ['W5', 96, 3, true, false],
      ['W3', 83, 4, false, false],
      ['W4', 76.67, 5, false, true],
    ]);
    expect(scores.windows.map((u) => [u.unitId, u.cases, u.rated, u.ratingRate])).toEqual([
      ['W1', 10, 10, 100], ['W2', 10, 9, 90], ['W5', 4, 4, 100], ['W3', 8, 6, 75], ['W4', 3, 2, 66.67],
    ]);
  });

  it('lists every deduction with its case, so a window can check its score', () => {
    const w3 = scores.windows.find((u) => u.unitId === 'W3')!;
    expect(w3.deductions).toEqual([
      { rule: 'dissatisfied', points: 2, cases: [{ caseId: 'w3-6', caseNumber: 'W3-6' }], detail: 'rated 非常不满意' },
      {
        rule: 'rating-rate', points: 15, cases: [{ caseId: 'w3-7', caseNumber: 'W3-7' }, { caseId: 'w3-8', caseNumber: 'W3-8' }],
        detail: 'rating rate 75.00% is 15.00 points below the 90% target',
      },
    ]);
    expect(scores.windows.find((u) => u.unitId === 'W4')!.deductions.map((d) => [d.rule, d.points])).toEqual([['rating-rate', 23.33]]);
  });

  it('takes points off departments for 问责记录 by basis, and for their share of 不满意 and unrated cases', () => {
    expect(summary(scores.departments)).toEqual([
      ['D-sthj', 100, 1, true, false],
      ['D-zj', 98, 2, true, false],
      ['D-xf', 96, 3, true, false], // 100 − 2 (不满意 on w2-x) − 1 (timeout) − 0.5 − 0.5 (unsigned ×2)
      ['D-rf', 90, 4, false, true], // 4 of 5 rated: 80 %, 10 points short of 90 %
    ]);
    const xf = scores.departments.find((u) => u.unitId === 'D-xf')!;
    expect(xf.deductions.map((d) => [d.rule, d.points, d.cases[0]!.caseNumber])).toEqual([
      ['dissatisfied', 2, 'W2-X'], ['accountability', 1, 'XF-1'], ['accountability', 0.5, 'XF-2'], ['accountability', 0.5, 'XF-3'],
    ]);
  });

  it('never makes the flagged last a 服务明星, even within the top three', () => {
    expect(summary(scores.staff)).toEqual([
      ['S-li', 100, 1, true, false],
      ['S-wang', 98, 2, true, false], // only case w2-x, rated 不满意
      ['S-zhang', 90, 3, false, true], // 4 of 5 rated: 80 %
    ]);
  });

  it('measures the rating rate against a 100 % target by default', () => {
    const strict = monthlyScores(MARCH);
    expect(strict.windows.find((u) => u.unitId === 'W2')!.score).toBe(88); // 90 %: −10, 不满意: −2
    expect(strict.windows.find((u) => u.unitId === 'W4')!.score).toBe(66.67); // 66.67 %: −33.33
  });

  it('never goes below zero, and ranks a tie together without flagging anyone', () => {
    const bad = monthlyScores({
      period: '2026-03', units: [{ id: 'W9', kind: 'window', name: '九号窗口' }, { id: 'W8', kind: 'window', name: '八号窗口' }],
      cases: cases('w9', ['W9'], times(60, '非常不满意')), accountability: [],
    });
    expect(bad.windows.map((u) => [u.unitId, u.score, u.last])).toEqual([['W8', 100, false], ['W9', 0, true]]);
    const even = monthlyScores({ period: '2026-03', units: [{ id: 'A', kind: 'staff', name: 'A' }, { id: 'B', kind: 'staff', name: 'B' }], cases: [], accountability: [] });
    expect(even.staff.map((u) => [u.unitId, u.rank, u.star, u.last, u.ratingRate])).toEqual([['A', 1, true, false, null], ['B', 1, true, false, null]]);
  });
});
