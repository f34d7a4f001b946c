/** The statistics endpoints for the OpenAPI document (spread into API_OPERATIONS). */
import { CaseIdParams } from '../cases/case-schemas.ts';
import type { ApiOperation } from '../openapi/operation.ts';
import { BottlenecksQuery, CASE_READERS, MonthlyScoreQuery, StatisticsQuery, SUPERVISING } from './statistics-schemas.ts';

const DOWNLOAD = '`format=csv` answers `text/csv` (UTF-8 with a byte-order mark), `format=xlsx` an XLSX workbook; both as an attachment named after the period.';

export const STATISTICS_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: '/api/statistics', tag: 'statistics', access: SUPERVISING,
    summary: '统计: 受理, 办结, 办结率, 即办率, 按期办结率, 提速率, 评价率, 满意率, 默认同意, 用时 by department, region, level or item',
    description: 'Every figure is about the cases accepted in [from, to) (default: the last 30 days), as they stood at the end of the period (or now). '
      + 'Rates are percentages to 0.01 (null when nothing to divide by); working days are counted like the limits, clock stops left out; p90 is nearest-rank. '
      + `Scope as in supervision. ${DOWNLOAD}`,
    query: StatisticsQuery, ok: { status: 200, description: 'one row per group and the total' }, errors: [404],
  },
  {
    method: 'get', path: '/api/statistics/bottlenecks', tag: 'statistics', access: SUPERVISING,
    summary: '堵点: which department delays which item at which level',
    description: `Department tasks of the period's cases per department × item × level: completed, average/p50/p90/max working days, late, pending (overdue), default consents; slowest first. ${DOWNLOAD}`,
    query: BottlenecksQuery, ok: { status: 200, description: 'the bottleneck rows' }, errors: [404],
  },
  {
    method: 'get', path: '/api/statistics/monthly-score', tag: 'statistics', access: SUPERVISING,
    summary: '月度百分考评: windows, departments or staff ranked, each deduction with its case',
    description: 'Cases whose rating was settled in the month count for the accepting window, their departments and the staff who acted on them; 问责记录 of the month for their department (and the signer of a 不作为 task). '
      + `A department sees its own score ranked among its region's departments. ${DOWNLOAD}`,
    query: MonthlyScoreQuery, ok: { status: 200, description: 'the ranked scores' }, errors: [404],
  },
  {
    method: 'get', path: '/api/cases/:caseId/prediction', tag: 'statistics', access: CASE_READERS,
    summary: '预计办结时间: p50 and p90 dates from the real latency of the departments still pending',
    description: 'Falls back to the promised limit when a pending department or the rest of the process has no history (fewer than 3 completions).',
    params: CaseIdParams, ok: { status: 200, description: 'the prediction' }, errors: [404],
  },
];
