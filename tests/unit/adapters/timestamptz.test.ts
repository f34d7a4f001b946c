import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../../../engine/adapters/postgres/timestamptz.ts';

/** An instant as PostgreSQL writes a timestamptz (DateStyle ISO) in a session whose UTC offset is `offsetSeconds`. */
function asPostgresWrites(instant: number, micros: number, offsetSeconds: number): string {
  const local = new Date(instant + offsetSeconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fraction = String((local.getUTCMilliseconds() * 1000 + micros)).padStart(6, '0').replace(/0+$/, '');
  const abs = Math.abs(offsetSeconds);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60];
  const zone = `${offsetSeconds < 0 ? '-' : '+'}${pad(h)}${m || s ? `:${pad(m)}` : ''}${s ? `:${pad(s)}` : ''}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction ? `.${fraction}` : ''}${zone}`;
}

describe('timestamptz as the app reads it from PostgreSQL', () => {
  it('reads every instant PostgreSQL writes, in any session time zone, to the millisecond', () => {
    // UTC, 上海, a half-hour zone west of UTC, Kathmandu, and a local mean time with seconds (old dates)
    const offsets = [0, 8 * 3600, -(3 * 3600 + 1800), 5 * 3600 + 2700, -(25 * 60 + 21)];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 2000; k += 1) {
      const instant = Math.floor(Date.UTC(1900, 0, 1) + next() * (Date.UTC(2100, 0, 1) - Date.UTC(1900, 0, 1)));
      const micros = k % 3 === 0 ? 0 : Math.floor(next() * 1000);
      for (const offset of offsets) {
        const text = asPostgresWrites(instant, micros, offset);
        const read = parseTimestamptz(text);
        expect(read instanceof Date ? read.getTime() : read, text).toBe(instant);
      }
    }
  });

  it('reads a whole second, a tenth and a microsecond', () => {
    expect((parseTimestamptz('2026-12-02 04:25:05+00') as Date).toISOString()).toBe('2026-12-02T04:25:05.000Z');
    expect((parseTimestamptz('2026-12-02 12:25:05.1+08') as Date).toISOString()).toBe('2026-12-02T04:25:05.100Z');
    expect((parseTimestamptz('2026-12-02 04:25:05.000999+00') as Date).toISOString()).toBe('2026-12-02T04:25:05.000Z');
  });

  it('leaves infinity, BC dates and years before 100 to pg’s own parser', () => {
    expect(parseTimestamptz('infinity')).toBe(Infinity);
    expect(parseTimestamptz('-infinity')).toBe(-Infinity);
    expect((parseTimestamptz('0044-03-15 12:00:00+00 BC') as Date).getUTCFullYear()).toBe(-43);
    expect((parseTimestamptz('0099-01-01 00:00:00+00') as Date).getUTCFullYear()).toBe(99);
  });
});
