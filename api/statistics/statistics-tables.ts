/** The statistics, bottlenecks and monthly scores as tables for CSV/XLSX, with the centres' Chinese headings. */
import { localDate } from '../../engine/calendar/index.ts';
import { LEVEL_NAMES, type Bottleneck, type Figures, type GroupBy, type Statistics } from '../../engine/statistics/case-statistics.ts';
import type { MonthlyScoreReport } from '../../engine/statistics/monthly-score-data.ts';
import type { Level } from '../../engine/org/levels.ts';
import type { Cell, Sheet } from './table-export.ts';

const GROUP_HEADING: Record<GroupBy, string> = { department: '部门', region: '受理地区', level: '受理层级', item: '事项' };

const FIGURE_HEADERS = [
  '受理数', '办结数', '办结（准予）', '退办数', '撤回数', '在办数', '办结率(%)', '即办数', '即办率(%)', '按期办结数', '按期办结率(%)',
  '法定时限合计(工作日)', '实际用时合计(工作日)', '提速率(%)', '评价数', '评价率(%)', '满意数', '满意率(%)',
  '超时默认', '不作为默认', '未签收默认', '缺席默认', '默认同意合计',
  '平均办结用时(工作日)', 'P90办结用时(工作日)', '部门办件数', '部门平均用时(工作日)', '部门P90用时(工作日)',
];

function figureCells(f: Figures): Cell[] {
  return [
    f.accepted, f.finished, f.completed, f.returned, f.cancelled, f.open, f.finishRate, f.instant, f.instantRate, f.onTime, f.onTimeRate,
    f.statutoryDays, f.actualWorkingDays, f.speedUpRate, f.rated, f.ratingRate, f.satisfied, f.satisfactionRate,
    f.defaultConsents.timeout, f.defaultConsents.inaction, f.defaultConsents.unsigned, f.defaultConsents.absence, f.defaultConsents.total,
    f.caseWorkingDays.average, f.caseWorkingDays.p90, f.taskWorkingDays.count, f.taskWorkingDays.average, f.taskWorkingDays.p90,
  ];
}

export function statisticsSheet(s: Statistics): Sheet {
  return {
    name: `统计 ${periodLabel(s.from, s.to)}`,
    headers: [`${GROUP_HEADING[s.groupBy]}编码`, GROUP_HEADING[s.groupBy], ...FIGURE_HEADERS],
    rows: [...s.rows.map((r) => [r.key, r.name, ...figureCells(r)]), ['合计', '', ...figureCells(s.total)]],
  };
}

export function bottleneckSheet(rows: Bottleneck[], from: Date, to: Date): Sheet {
  return {
    name: `堵点 ${periodLabel(from, to)}`,
    headers: [
      '部门编码', '部门', '事项编码', '事项', '层级', '已办件数', '平均用时(工作日)', 'P50用时(工作日)', 'P90用时(工作日)', '最长用时(工作日)',
      '超期办结数', '超期率(%)', '在办数', '在办超期数', '超时默认', '不作为默认', '未签收默认', '缺席默认',
    ],
    rows: rows.map((b) => [
      b.departmentId, b.departmentName, b.itemCode, b.itemName, LEVEL_NAMES[b.level as Level] ?? b.level, b.completed, b.averageWorkingDays,
      b.p50WorkingDays, b.p90WorkingDays, b.maxWorkingDays, b.late, b.lateRate, b.pending, b.pendingOverdue,
      b.defaultConsents.timeout, b.defaultConsents.inaction, b.defaultConsents.unsigned, b.defaultConsents.absence,
    ]),
  };
}

const UNIT_HEADING = { window: '窗口', department: '部门', staff: '工作人员' } as const;
const RULE_NAMES = { dissatisfied: '不满意评价', 'rating-rate': '评价率未达标', accountability: '问责记录' } as const;

/** The ranking, and every deduction with its case(s). */
export function monthlyScoreSheets(report: MonthlyScoreReport): Sheet[] {
  const unit = UNIT_HEADING[report.unit];
  return [
    {
      name: `${report.period} ${unit}排名`,
      headers: ['名次', `${unit}编码`, unit, '得分', '办件数', '评价数', '评价率(%)', '服务明星', '末位', '扣分明细'],
      rows: report.scores.map((s) => [
        s.rank, s.ref, s.name, s.score, s.cases, s.rated, s.ratingRate, s.star, s.last,
        s.deductions.map((d) => `${RULE_NAMES[d.rule]} −${d.points}（${d.cases.map((c) => c.caseNumber).join('、')}）`).join('；'),
      ]),
    },
    {
      name: `${report.period} 扣分明细`,
      headers: [`${unit}编码`, unit, '扣分项', '扣分', '说明', '案件编号'],
      rows: report.scores.flatMap((s) => s.deductions.map((d) => [s.ref, s.name, RULE_NAMES[d.rule], d.points, d.detail, d.cases.map((c) => c.caseNumber).join('、')])),
    },
  ];
}

/** 2026-03-01_2026-03-31: the days of [from, to), the last one included. */
export function periodLabel(from: Date, to: Date): string {
  return `${localDate(from)}_${localDate(new Date(to.getTime() - 1))}`;
}
