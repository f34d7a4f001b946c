/** Query schemas of the supervision resource (电子监察). */
import { z } from 'zod';
import { addLocalDays, isLocalDate, startOfLocalDay } from '../../engine/calendar/index.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { LEVELS } from '../../engine/org/levels.ts';

export const RegionCode = z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits');
export const DepartmentId = z.string().regex(/^\d{6,12}:[a-z0-9]+$/, 'a department id like 990121:xf');

/** json (default), or the list as a download: csv (UTF-8 with a byte-order mark, for Excel) or xlsx. */
export const ListFormat = z.enum(['json', 'csv', 'xlsx']).default('json')
  .meta({ description: 'json (default), csv (UTF-8 with BOM) or xlsx: the list as a download' });

const filters = {
  regionCode: RegionCode.optional(),
  departmentId: DepartmentId.optional(),
  level: z.enum(LEVELS).optional(),
};

export const WarningsQuery = z.object({
  ...filters,
  /** Only this light (warnings: yellow and red; overdue is always red). */
  light: z.enum(['yellow', 'red']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  format: ListFormat,
});
export type WarningsFilter = z.infer<typeof WarningsQuery>;

export const OverdueQuery = WarningsQuery.omit({ light: true });

// A day (YYYY-MM-DD, Shanghai) or an instant with its offset. `from` is inclusive; `to` is
// exclusive, and a day given as `to` counts in full (its end is the next day's start).
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const dayOrInstant = (end: boolean) => z.union([
  z.string().refine(isLocalDate, 'YYYY-MM-DD').transform((d) => startOfLocalDay(end ? addLocalDays(d, 1) : d)),
  instant,
], { error: 'a date YYYY-MM-DD or a date-time with offset' });

const MAX_PERIOD_MS = 366 * 24 * 3_600_000;

const period = z.object({ from: dayOrInstant(false).optional(), to: dayOrInstant(true).optional() });

function checkPeriod(q: { from?: Date; to?: Date }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && q.from.getTime() >= q.to.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_PERIOD_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period is at most 366 days' });
}

export const AccountabilityQuery = period.extend(filters).superRefine(checkPeriod);
export type AccountabilityFilterQuery = z.infer<typeof AccountabilityQuery>;

/** The accountability list's query: the period and scope filters, and the download format. */
export const AccountabilityListQuery = AccountabilityQuery.safeExtend({ format: ListFormat });
export type AccountabilityListFilter = z.infer<typeof AccountabilityListQuery>;

export const DefaultConsentsQuery = period.extend({ ...filters, basis: z.enum(['timeout', 'inaction', 'unsigned', 'absence']).optional(), format: ListFormat }).superRefine(checkPeriod);
export type DefaultConsentsFilter = z.infer<typeof DefaultConsentsQuery>;

/** 差评核查 list: dissatisfied ratings given in the period (default: the last 30 days). */
export const VerificationsQuery = period.extend({ ...filters, limit: z.coerce.number().int().min(1).max(500).default(200), format: ListFormat }).superRefine(checkPeriod);
export type VerificationsFilter = z.infer<typeof VerificationsQuery>;

/** The period asked for, with defaults: the 30 days up to now (now included). */
export function resolvePeriod(q: { from?: Date; to?: Date }, now: Date): { from: Date; to: Date } {
  const to = q.to ?? new Date(now.getTime() + 1);
  const from = q.from ?? new Date(to.getTime() - 30 * 24 * 3_600_000);
  if (from.getTime() >= to.getTime()) throw new ValidationError('the request is invalid', [{ path: 'query.from', reason: 'must be before to (default: now)' }]);
  return { from, to };
}
