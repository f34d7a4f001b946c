import { describe, expect, it } from 'vitest';
import { monthlyScoreInput, monthlyScoreReport, unitInScope, type MonthRows } from '../../../engine/statistics/monthly-score-data.ts';

const ROWS: MonthRows = {
  period: '2026-03',
  cases: [
    { caseId: 'c1', caseNumber: 'N1', regionCode: '990121', applicantId: 'ent', rating: { level: '不满意', dissatisfied: true },
      departmentIds: ['990121:scjg', '990121:scjg'], actorIds: ['u-window', 'u-scjg', 'ent', 'application'] },
    { caseId: 'c2', caseNumber: 'N2', regionCode: '990121', applicantId: 'ent', rating: null, departmentIds: ['990121:zj'], actorIds: ['u-window', 'u-zj'] },
    { caseId: 'c3', caseNumber: 'N3', regionCode: '990122', applicantId: 'ent', rating: { level: '满意', dissatisfied: false }, departmentIds: ['990122:scjg'], actorIds: ['stranger'] },
  ],
  accountability: [
    { caseId: 'c2', caseNumber: 'N2', departmentId: '990121:zj', basis: 'inaction', signedBy: 'u-zj' },
    { caseId: 'c2', caseNumber: 'N2', departmentId: '990100:fgw', basis: 'unsigned', signedBy: null },
  ],
  directory: {
    regions: new Map([['990121', { name: '东阳县', level: 'county' }], ['990122', { name: '西平县', level: 'county' }], ['990100', { name: '临川市', level: 'city' }]]),
    departments: new Map([
      ['990121:scjg', { name: '东阳县市场监督管理局', regionCode: '990121', level: 'county' }],
      ['990121:zj', { name: '东阳县住房和城乡建设局', regionCode: '990121', level: 'county' }],
      ['990122:scjg', { name: '西平县市场监督管理局', regionCode: '990122', level: 'county' }],
      ['990100:fgw', { name: '临川市发展和改革委员会', regionCode: '990100', level: 'city' }],
    ]),
    users: new Map([
      ['u-window', { name: '窗口甲', regionCode: '990121', departmentId: null, level: 'county' }],
      ['u-scjg', { name: '审查员乙', regionCode: '990121', departmentId: '990121:scjg', level: 'county' }],
      ['u-zj', { name: '审查员丙', regionCode: '990121', departmentId: '990121:zj', level: 'county' }],
    ]),
  },
};

describe('月度百分考评 inputs from a month’s rows', () => {
  const { input, units } = monthlyScoreInput(ROWS);

  it('counts a case for its window, its departments and its staff (not the applicant, not the platform)', () => {
    expect(input.cases[0]!.unitIds).toEqual(['window:990121', 'department:990121:scjg', 'staff:u-window', 'staff:u-scjg']);
    expect(units.find((u) => u.id === 'window:990121')).toMatchObject({ name: '东阳县窗口', regionCode: '990121', level: 'county' });
    expect(units.find((u) => u.id === 'staff:stranger')).toMatchObject({ name: 'stranger', regionCode: null, departmentId: null });
  });

  it('charges a 问责记录 to its department, and a 不作为 one also to the staff member who signed for the task', () => {
    expect(input.accountability).toEqual([
      { caseId: 'c2', caseNumber: 'N2', unitId: 'department:990121:zj', basis: 'inaction' },
      { caseId: 'c2', caseNumber: 'N2', unitId: 'staff:u-zj', basis: 'inaction' },
      { caseId: 'c2', caseNumber: 'N2', unitId: 'department:990100:fgw', basis: 'unsigned' },
    ]);
  });

  it('sees units by region, department and level; a user without an account only without limits', () => {
    const stranger = units.find((u) => u.id === 'staff:stranger')!;
    const window = units.find((u) => u.id === 'window:990121')!;
    const scjg = units.find((u) => u.id === 'department:990121:scjg')!;
    expect(unitInScope(stranger, { regionCodes: null, departmentId: null, level: null })).toBe(true);
    expect(unitInScope(stranger, { regionCodes: ['990121'], departmentId: null, level: null })).toBe(false);
    expect(unitInScope(window, { regionCodes: ['990121'], departmentId: null, level: null })).toBe(true);
    expect(unitInScope(window, { regionCodes: null, departmentId: '990121:scjg', level: null })).toBe(false);
    expect(unitInScope(scjg, { regionCodes: null, departmentId: null, level: 'city' })).toBe(false);
  });

  it('ranks one department among its region’s departments and shows it alone', () => {
    const report = monthlyScoreReport(ROWS, 'department', { regionCodes: null, departmentId: '990121:zj', level: null });
    // 东阳 scjg: 100 − 2 (不满意) = 98; 东阳 zj: 100 − 100 (0 % rated) − 1 (问责) → floor 0
    expect(report.ranked).toBe(2);
    expect(report.scores.map((s) => [s.ref, s.score, s.rank, s.last])).toEqual([['990121:zj', 0, 2, true]]);
    const all = monthlyScoreReport(ROWS, 'department', { regionCodes: null, departmentId: null, level: null });
    expect(all.scores.map((s) => [s.ref, s.score, s.rank])).toEqual([
      ['990122:scjg', 100, 1], ['990100:fgw', 99, 2], ['990121:scjg', 98, 3], ['990121:zj', 0, 4],
    ]);
  });
});
