/** Query schemas of the statistics resource (统计, 堵点, 月度百分考评); periods and scope filters as in supervision. */
import { z } from 'zod';
import { LEVELS } from '../../engine/org/levels.ts';
import { GROUP_BY } from '../../engine/statistics/case-statistics.ts';
import { AccountabilityQuery, DepartmentId, RegionCode } from '../supervision/supervision-schemas.ts';

export const SUPERVISING = ['supervisor', 'reviewer', 'lead', 'admin'] as const;
export const CASE_READERS = ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;

const format = z.enum(['json', 'csv', 'xlsx']).default('json')
  .meta({ description: 'json (default), csv (UTF-8 with BOM) or xlsx: a download named after the period' });
const itemCode = z.string().min(1).max(64).optional().meta({ description: 'only cases of this item' });

/** `from`/`to` (default: the last 30 days), regionCode, departmentId, level — exactly as the supervision lists. */
export const StatisticsQuery = AccountabilityQuery.safeExtend({
  groupBy: z.enum(GROUP_BY).default('department'),
  itemCode,
  format,
});
export type StatisticsFilterQuery = z.infer<typeof StatisticsQuery>;

export const BottlenecksQuery = AccountabilityQuery.safeExtend({
  itemCode,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format,
});
export type BottlenecksFilterQuery = z.infer<typeof BottlenecksQuery>;

export const MonthlyScoreQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional().meta({ description: 'the month (Shanghai); default: the current month' }),
  unit: z.enum(['window', 'department', 'staff']).default('department'),
  regionCode: RegionCode.optional(),
  departmentId: DepartmentId.optional(),
  level: z.enum(LEVELS).optional(),
  format,
});
export type MonthlyScoreFilterQuery = z.infer<typeof MonthlyScoreQuery>;
