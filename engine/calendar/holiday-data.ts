/**
 * Holiday data: the State Council's yearly 放假调休 notice as a year file, regional
 * overrides on top of it, and the checks that keep a bad file from silently shifting every
 * deadline in the country.
 *
 * A new year is added by dropping `data/<year>.json` (transcribed from the notice on
 * gov.cn, usually published in November) and importing it below; until then that year is
 * computed Mon–Fri and flagged provisional by the calendar.
 */
import data2025 from './data/2025.json' with { type: 'json' };
import data2026 from './data/2026.json' with { type: 'json' };
import { isLocalDate, isWeekend } from './shanghai-time.ts';

/** A local date with the reason it is special ('春节', '春节调休', a county's festival). */
export type NamedDate = { readonly date: string; readonly name: string };

/** One year's national arrangement: days off (weekend days included) and 调休 working weekend days. */
export type YearCalendar = {
  readonly year: number;
  readonly notice: string;
  readonly holidays: readonly NamedDate[];
  readonly workdays: readonly NamedDate[];
};

/** A region's own days off or working days, applied on top of (and winning over) the national data. */
export type CalendarOverride = {
  readonly name?: string;
  readonly holidays?: readonly NamedDate[];
  readonly workdays?: readonly NamedDate[];
};

/** A year file or override that is not well-formed: a technical fault, never a business outcome. */
export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'CalendarDataError';
  }
}

/** The year files shipped with the engine, validated. */
export function bundledYears(): YearCalendar[] {
  return [data2025, data2026].map((data) => validateYearCalendar(data));
}

/** Checks a parsed year file and returns a clean copy; throws CalendarDataError listing every problem. */
export function validateYearCalendar(data: unknown): YearCalendar {
  const problems: string[] = [];
  const record = asRecord(data, 'year file', problems);
  const year = record.year;
  if (!Number.isInteger(year)) problems.push('year must be an integer');
  if (typeof record.notice !== 'string' || record.notice === '') problems.push('notice must name the State Council notice');
  const holidays = readNamedDates(record.holidays, 'holidays', problems);
  const workdays = readNamedDates(record.workdays, 'workdays', problems);
  if (typeof year === 'number') checkInYear([...holidays, ...workdays], year, problems);
  checkLists(holidays, workdays, problems);
  workdays.filter((day) => !isWeekend(day.date)).forEach((day) => problems.push(`workday ${day.date} is not a Saturday or Sunday`));
  throwIfAny(`calendar year ${String(year)}`, problems);
  return { year: year as number, notice: record.notice as string, holidays, workdays };
}

/** Checks one region's override; throws CalendarDataError listing every problem. */
export function validateCalendarOverride(regionCode: string, data: unknown): CalendarOverride {
  const problems: string[] = [];
  if (regionCode.trim() === '') problems.push('region code must not be empty');
  const record = asRecord(data, 'override', problems);
  if (record.name !== undefined && typeof record.name !== 'string') problems.push('name must be a string');
  const holidays = readNamedDates(record.holidays ?? [], 'holidays', problems);
  const workdays = readNamedDates(record.workdays ?? [], 'workdays', problems);
  checkLists(holidays, workdays, problems);
  throwIfAny(`calendar override for region "${regionCode}"`, problems);
  return { ...(typeof record.name === 'string' ? { name: record.name } : {}), holidays, workdays };
}

function asRecord(data: unknown, what: string, problems: string[]): Record<string, unknown> {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  problems.push(`${what} must be an object`);
  return {};
}

function readNamedDates(value: unknown, field: string, problems: string[]): NamedDate[] {
  if (!Array.isArray(value)) {
    problems.push(`${field} must be an array`);
    return [];
  }
  return value.flatMap((entry: unknown, index) => readNamedDate(entry, `${field}[${index}]`, problems));
}

function readNamedDate(entry: unknown, path: string, problems: string[]): NamedDate[] {
  const { date, name } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  if (typeof date !== 'string' || typeof name !== 'string' || name === '') {
    problems.push(`${path} must be { date, name } with a non-empty name`);
    return [];
  }
  if (!isLocalDate(date)) {
    problems.push(`${path}.date "${date}" is not a YYYY-MM-DD date`);
    return [];
  }
  return [{ date, name }];
}

function checkInYear(days: readonly NamedDate[], year: number, problems: string[]): void {
  days.filter((day) => Number(day.date.slice(0, 4)) !== year).forEach((day) => problems.push(`${day.date} lies outside ${year}`));
}

// A date listed twice, or as both a day off and a working day, means the transcription is wrong.
function checkLists(holidays: readonly NamedDate[], workdays: readonly NamedDate[], problems: string[]): void {
  duplicates(holidays).forEach((date) => problems.push(`holiday ${date} is listed twice`));
  duplicates(workdays).forEach((date) => problems.push(`workday ${date} is listed twice`));
  const off = new Set(holidays.map((day) => day.date));
  workdays.filter((day) => off.has(day.date)).forEach((day) => problems.push(`${day.date} is both a holiday and a workday`));
}

function duplicates(days: readonly NamedDate[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { date } of days) (seen.has(date) ? repeated : seen).add(date);
  return [...repeated];
}

function throwIfAny(source: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new CalendarDataError(source, problems);
}
