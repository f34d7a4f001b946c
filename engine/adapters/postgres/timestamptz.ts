/**
 * timestamptz columns read by hand. PostgreSQL writes them (DateStyle ISO) as
 * `2024-01-27 03:26:00.123456+00`, the offset `±HH`, `±HH:MM` or `±HH:MM:SS` of the session's
 * TimeZone. pg's own parser (postgres-date) runs two regular expressions per value, and a
 * project's page reads about a thousand instants: it was a tenth of that page's Node CPU.
 * Whatever this does not read (infinity, BC, years before 100 or past 9999, another DateStyle)
 * goes to pg's parser as before.
 */
import pg from 'pg';

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;
// Taken before anything replaces it.
const general = pg.types.getTypeParser(TIMESTAMPTZ) as (text: string) => Date | number | null;

/** A timestamptz value as pg hands it over (text), read as pg's own parser would. */
export function parseTimestamptz(text: string): Date | number | null {
  return readIso(text) ?? general(text);
}

/** Every pg connection of the process reads timestamptz with parseTimestamptz. */
export function readTimestamptzByHand(): void {
  pg.types.setTypeParser(TIMESTAMPTZ, parseTimestamptz);
}

function readIso(text: string): Date | undefined {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 100 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 19;
  let micros = 0;
  if (text.charCodeAt(i) === 46) {
    const start = ++i;
    for (let scale = 100_000; i < n && i - start < 6; i += 1, scale /= 10) {
      const d = text.charCodeAt(i) - 48;
      if (!(d >= 0 && d <= 9)) break;
      micros += d * scale;
    }
    if (i === start) return undefined;
  }
  const sign = text.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return undefined;
  let offset = 0;
  for (let part = 0, unit = 3600; i < n; part += 1, unit /= 60) {
    // ±HH, then :MM, then :SS
    if (part > 2 || (part > 0 && text.charCodeAt(i) !== 58)) return undefined;
    const value = digits(text, i + 1, 2);
    if (value < 0) return undefined;
    offset += value * unit;
    i += 3;
  }
  if (i !== n) return undefined;
  // microseconds cut to milliseconds, as pg's parser does
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(micros / 1000));
  return new Date(sign === 43 ? utc - offset * 1000 : utc + offset * 1000);
}

// The decimal number in text[from, from + count), or -1 when any of it is not a digit.
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}
