/**
 * Asia/Shanghai local dates and times, by fixed +08:00 arithmetic.
 *
 * Why not Intl or a tz database: mainland China has kept UTC+8 all year since daylight
 * saving was abolished in 1991, so every instant this platform handles maps to Shanghai
 * local time by adding exactly eight hours. Fixed arithmetic gives the same answer whatever
 * the server's TZ variable or Node's bundled ICU data, and needs no dependency.
 *
 * Local dates are 'YYYY-MM-DD' strings (years 0000–9999); instants are Date objects.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay numbers them. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects '2025-02-30', '2025-2-3'). */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse accepts day 31 in any month on some engines, so round-trip to be sure.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Throws a RangeError unless `value` is a real 'YYYY-MM-DD' date. */
export function assertLocalDate(value: string): void {
  if (!isLocalDate(value)) throw new RangeError(`not a YYYY-MM-DD date: "${value}"`);
}

/** The Shanghai calendar date of an instant. */
export function localDate(instant: Date): string {
  return new Date(instantMs(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 Shanghai time on `date`. */
export function startOfLocalDay(date: string): Date {
  return new Date(epochDay(date) * DAY_MS - OFFSET_MS);
}

/** 23:59:59.999 Shanghai time on `date`: the last instant still "on" that day. */
export function endOfLocalDay(date: string): Date {
  return new Date(startOfLocalDay(date).getTime() + DAY_MS - 1);
}

/** Minutes since Shanghai midnight (0–1439), seconds dropped: 17:29:59 → 1049. */
export function localTimeMinutes(instant: Date): number {
  const sinceMidnight = modulo(instantMs(instant) + OFFSET_MS, DAY_MS);
  return Math.floor(sinceMidnight / MINUTE_MS);
}

/** The local date `n` calendar days after `date` (before it when `n` is negative). */
export function addLocalDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day offset must be an integer: ${n}`);
  return new Date((epochDay(date) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a local date. */
export function weekday(date: string): Weekday {
  // 1970-01-01, epoch day 0, was a Thursday.
  return modulo(epochDay(date) + 4, 7) as Weekday;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** ISO 8601 in Shanghai time with an explicit offset: '2026-02-13T10:00:00.000+08:00'. */
export function formatShanghai(instant: Date): string {
  return `${new Date(instantMs(instant) + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

// Deadline arithmetic asks for the same few hundred dates again and again (every limit of every
// case walks the days from acceptance): each is checked and parsed once.
const epochDays = new Map<string, number>();

function epochDay(date: string): number {
  let day = epochDays.get(date);
  if (day === undefined) {
    assertLocalDate(date);
    day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    if (epochDays.size < 100_000) epochDays.set(date, day);
  }
  return day;
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms;
}

// `%` keeps the sign of the dividend; instants before 1970 need a true modulo.
function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
