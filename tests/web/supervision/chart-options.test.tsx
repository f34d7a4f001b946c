// @vitest-environment jsdom
/** The option builders turn API rows into ECharts options: pure, so checked here without a canvas. */
import { describe, expect, it } from 'vitest';
import {
  basisByDepartmentOption, basisPieOption, bottleneckOption, COLOURS, lightsByDepartmentOption, lightsByRegionOption, rankingOrder, ratesOption, scoreOption,
} from '../../../web/src/supervision/chart-options.ts';
import type { Bottleneck, ByDepartment, StatisticsRow, TaskWarning, UnitScore } from '../../../web/src/supervision/types.ts';

const BASIS_NAMES = { timeout: '超时默认', inaction: '不作为默认', unsigned: '未签收默认', absence: '缺席默认' };

function warning(departmentId: string | null, departmentName: string | null, light: 'red' | 'yellow'): TaskWarning {
  return {
    taskId: `${departmentId}-${Math.random()}`, caseId: 'c', caseNumber: 'n', itemCode: 'i', regionCode: '990121', green: false, elementId: 'review',
    kind: 'review', status: 'open', departmentId, departmentName, level: 'county', assignee: null, signDueAt: null, dueAt: '2026-03-05T15:59:59.999Z',
    yellowAt: '2026-03-04T15:59:59.999Z', light,
    remainingWorkingDays: 0, overdueWorkingDays: 1,
  };
}

function score(unitId: string, name: string, value: number, rank: number, extra: Partial<UnitScore> = {}): UnitScore {
  return { unitId, ref: unitId, name, score: value, rank, star: false, last: false, cases: 1, rated: 1, ratingRate: 100, deductions: [], ...extra };
}

// What a builder put into the chart (the option type is a wide union).
const series = (option: unknown) => (option as { series: Array<{ name?: string; data: unknown[] }> }).series;
const axis = (option: unknown, which: 'xAxis' | 'yAxis') => (option as Record<string, { data: string[] }>)[which]!.data;

describe('chart option builders', () => {
  it('counts red and yellow lights per department, the most red first', () => {
    const option = lightsByDepartmentOption([
      warning('990121:xf', '消防救援支队', 'yellow'),
      warning('990121:scjg', '市场监督管理局', 'red'),
      warning('990121:scjg', '市场监督管理局', 'red'),
      warning('990121:xf', '消防救援支队', 'red'),
      warning(null, null, 'yellow'),
    ], { red: '红灯', yellow: '黄灯', none: '（无部门）' });
    expect(axis(option, 'xAxis')).toEqual(['市场监督管理局', '消防救援支队', '（无部门）']);
    expect(series(option).map((s) => [s.name, s.data])).toEqual([['红灯', [2, 1, 0]], ['黄灯', [0, 1, 1]]]);
  });

  it('keeps only the departments with the most lights', () => {
    const many = Array.from({ length: 15 }, (_, i) => warning(`990121:d${i}`, `部门${String(i).padStart(2, '0')}`, 'red'));
    expect(axis(lightsByDepartmentOption(many, { red: 'r', yellow: 'y', none: '-' }, 12), 'xAxis')).toHaveLength(12);
  });

  it('counts the lights of steps and cases per region, the region with most red at the top', () => {
    const names: Record<string, string> = { '990121': '东阳县', '990122': '西平县', '990100': '临川市' };
    const option = lightsByRegionOption([
      { regionCode: '990121', light: 'yellow' }, { regionCode: '990122', light: 'red' }, { regionCode: '990122', light: 'yellow' },
      { regionCode: '990100', light: 'red' }, { regionCode: '990122', light: 'red' },
    ], (code) => names[code]!, { red: '红灯', yellow: '黄灯' });
    expect(axis(option, 'yAxis')).toEqual(['东阳县', '临川市', '西平县']);
    expect(series(option).map((s) => s.data)).toEqual([[0, 1, 2], [1, 0, 1]]);
  });

  it('stacks default consents by basis per department, most first', () => {
    const rows: ByDepartment[] = [
      { departmentId: '990121:xf', departmentName: '消防', total: 1, byBasis: { timeout: 1, inaction: 0, unsigned: 0, absence: 0 } },
      { departmentId: '990121:zj', departmentName: '住建', total: 3, byBasis: { timeout: 0, inaction: 1, unsigned: 0, absence: 2 } },
    ];
    const option = basisByDepartmentOption(rows, BASIS_NAMES, '-');
    expect(axis(option, 'xAxis')).toEqual(['住建', '消防']);
    expect(series(option).map((s) => [s.name, s.data])).toEqual([
      ['超时默认', [0, 1]], ['不作为默认', [1, 0]], ['未签收默认', [0, 0]], ['缺席默认', [2, 0]],
    ]);
  });

  it('leaves bases with nothing out of the ring, each slice in its basis colour', () => {
    const data = series(basisPieOption({ timeout: 2, inaction: 0, unsigned: 5, absence: 0 }, BASIS_NAMES))[0]!.data;
    expect(data).toEqual([
      { name: '超时默认', value: 2, itemStyle: { color: COLOURS.basis.timeout } },
      { name: '未签收默认', value: 5, itemStyle: { color: COLOURS.basis.unsigned } },
    ]);
  });

  it('puts rates side by side for the groups with most cases, a rate without cases left empty', () => {
    const row = (key: string, accepted: number, finishRate: number | null): StatisticsRow => ({
      key, name: key, accepted, finished: 0, open: 0, finishRate, onTimeRate: null, instantRate: null, speedUpRate: null, ratingRate: null,
      satisfactionRate: null, defaultConsents: { timeout: 0, inaction: 0, unsigned: 0, absence: 0, total: 0 }, caseWorkingDays: { average: null, p90: null },
    });
    const option = ratesOption([row('a', 1, 100), row('b', 5, 40), row('c', 3, null)], [{ key: 'finishRate', name: '办结率' }], 2);
    expect(axis(option, 'xAxis')).toEqual(['b', 'c']);
    expect(series(option)[0]!.data).toEqual([40, null]);
  });

  it('draws the slowest department and item at the top of the bottleneck chart', () => {
    const b = (departmentName: string, p90: number | null, average: number | null): Bottleneck => ({
      departmentId: departmentName, departmentName, itemCode: 'x', itemName: '施工许可', level: 'county', completed: 1, averageWorkingDays: average,
      p90WorkingDays: p90, maxWorkingDays: p90, late: 0, lateRate: 0, pending: 0, pendingOverdue: 0,
      defaultConsents: { timeout: 0, inaction: 0, unsigned: 0, absence: 0, total: 0 },
    });
    const option = bottleneckOption([b('快', 1, 1), b('慢', 9, 4), b('较慢', 9, 6), b('无记录', null, null)], { p90: 'P90', average: '平均' });
    // ECharts draws a category axis bottom-up: the last category is the top bar.
    expect(axis(option, 'yAxis')).toEqual(['无记录 · 施工许可', '快 · 施工许可', '慢 · 施工许可', '较慢 · 施工许可']);
    expect(series(option).map((s) => s.data)).toEqual([[null, 1, 9, 9], [null, 1, 4, 6]]);
  });

  it('colours service stars gold and the last unit red in the score chart, first rank on top', () => {
    const option = scoreOption([
      score('department:b', '乙', 96, 3, { last: true }),
      score('department:a', '甲', 100, 1, { star: true }),
      score('department:c', '丙', 99, 2),
    ], '得分');
    expect(axis(option, 'yAxis')).toEqual(['3. 乙', '2. 丙', '1. 甲']);
    expect(series(option)[0]!.data).toEqual([
      { value: 96, itemStyle: { color: COLOURS.red } },
      { value: 99, itemStyle: { color: COLOURS.blue } },
      { value: 100, itemStyle: { color: COLOURS.gold } },
    ]);
  });
});

describe('ranking order', () => {
  it('lists by rank, equal ranks in the server\'s order (by id), without touching its input', () => {
    const input = [
      score('department:990121:zj', '住建', 98, 3),
      score('department:990121:xf', '消防', 99, 1),
      score('department:990100:fgw', '发改', 99, 1),
      score('department:990121:rf', '人防', 97, 4, { last: true }),
    ];
    const before = input.map((s) => s.unitId);
    expect(rankingOrder(input).map((s) => s.unitId)).toEqual([
      'department:990100:fgw', 'department:990121:xf', 'department:990121:zj', 'department:990121:rf',
    ]);
    expect(input.map((s) => s.unitId)).toEqual(before);
  });
});
