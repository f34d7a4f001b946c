/**
 * The dashboard's filters as API query strings. Pure, so the period and scope every list,
 * chart and download asks for is the same and can be tested without a browser.
 */

export interface Filters {
  /** YYYY-MM (Shanghai); the month every period-based list and the score are for. */
  month: string;
  regionCode: string | null;
  departmentId: string | null;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai month (YYYY-MM) of an instant: limits and scores are counted in Shanghai time. */
export function shanghaiMonth(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** '2026-03-09 10:00' in Shanghai time. */
export function shanghaiMinute(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The month's first and last day; the API counts a day given as `to` in full. */
export function periodOf(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** `?a=1&b=x` from the parameters that have a value (empty string when none). */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Region and department: the scope part of every query. */
export function scopeParams(f: Filters): Record<string, string | null> {
  return { regionCode: f.regionCode, departmentId: f.departmentId };
}

/** Scope and the month as a period (lists of a period, statistics). */
export function periodParams(f: Filters): Record<string, string | null> {
  return { ...periodOf(f.month), ...scopeParams(f) };
}

/** An API path with the filters and any extra parameters (e.g. `format`). */
export function apiPath(path: string, params: Record<string, string | number | null | undefined>): string {
  return `${path}${queryString(params)}`;
}
