import { afterEach, describe, expect, it } from 'vitest';
import {
  addLocalDays,
  endOfLocalDay,
  formatShanghai,
  isLocalDate,
  localDate,
  localTimeMinutes,
  startOfLocalDay,
  weekday,
} from '../../../engine/calendar/index.ts';

describe('Shanghai local time', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('puts UTC 16:00 on New Year’s Eve on the first day of the new year in Shanghai', () => {
    expect(localDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(localDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
  });

  it('gives the same local date whatever time zone the server runs in', () => {
    // given a server configured for New York
    process.env.TZ = 'America/New_York';
    // then Shanghai dates do not move
    expect(localDate(new Date('2026-02-13T18:00:00Z'))).toBe('2026-02-14');
    expect(startOfLocalDay('2026-02-14').toISOString()).toBe('2026-02-13T16:00:00.000Z');
  });

  it('starts a local day at 16:00 UTC the evening before and ends it a millisecond before the next', () => {
    expect(startOfLocalDay('2026-02-13').toISOString()).toBe('2026-02-12T16:00:00.000Z');
    expect(endOfLocalDay('2026-02-13').toISOString()).toBe('2026-02-13T15:59:59.999Z');
  });

  it('reads the office clock in Shanghai minutes since midnight', () => {
    expect(localTimeMinutes(new Date('2026-02-13T09:30:00Z'))).toBe(17 * 60 + 30);
    expect(localTimeMinutes(new Date('2026-02-13T09:29:59.999Z'))).toBe(17 * 60 + 29);
    expect(localTimeMinutes(new Date('2026-02-12T16:00:00Z'))).toBe(0);
  });

  it('adds calendar days across month, leap-day and year boundaries', () => {
    expect(addLocalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addLocalDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addLocalDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('numbers weekdays from Sunday = 0 to Saturday = 6', () => {
    expect(weekday('2025-01-01')).toBe(3); // 元旦 2025, a Wednesday
    expect(weekday('2026-02-14')).toBe(6); // 春节调休 Saturday
    expect(weekday('2026-02-15')).toBe(0); // 腊月二十八, a Sunday
  });

  it('formats an instant as Shanghai time with an explicit +08:00 offset', () => {
    expect(formatShanghai(new Date('2026-02-13T02:00:00Z'))).toBe('2026-02-13T10:00:00.000+08:00');
    expect(formatShanghai(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13T23:59:59.999+08:00');
  });

  it('rejects dates that do not exist or are not written YYYY-MM-DD', () => {
    expect(isLocalDate('2025-02-30')).toBe(false);
    expect(isLocalDate('2025-2-3')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(() => startOfLocalDay('2025-02-30')).toThrow(RangeError);
    expect(() => localDate(new Date('nonsense'))).toThrow(RangeError);
  });
});
