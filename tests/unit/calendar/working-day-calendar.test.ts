import { describe, expect, it } from 'vitest';
import { CalendarDataError, WorkingDayCalendar } from '../../../engine/calendar/index.ts';

/** An instant written in Shanghai wall-clock time, parsed by Date itself (not by the code under test). */
const shanghai = (wallClock: string) => new Date(`${wallClock}+08:00`);
/** The deadline instant: 23:59:59.999 Shanghai on that day. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

const calendar = WorkingDayCalendar.bundled();

function workingDaysIn(year: number): number {
  let count = 0;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    if (calendar.isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

describe('working days on the national calendar', () => {
  it('has 248 working days in 2025', () => {
    // 365 days − 104 weekend days = 261 weekdays; minus 18 holidays falling on weekdays
    // (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆中秋 6); plus 5 调休 weekend days = 248.
    // (250 was the figure before the 2024 revision added 2 statutory holidays.)
    expect(workingDaysIn(2025)).toBe(248);
    expect(calendar.workingDaysBetween(shanghai('2024-12-31T12:00'), shanghai('2025-12-31T12:00'))).toBe(248);
  });

  it('has 248 working days in 2026', () => {
    // 365 days − 104 weekend days = 261 weekdays; minus 19 holidays falling on weekdays
    // (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5); plus 6 调休 weekend days = 248.
    expect(workingDaysIn(2026)).toBe(248);
  });

  it('treats 调休 weekend days as working days and holiday weekdays as days off', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Sat, 春节调休
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true); // Sun, 元旦调休
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Sat, 国庆调休
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Mon, 春节
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wed, 国庆中秋
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true); // an ordinary Monday
  });
});

describe('adding working days', () => {
  it('skips the 2026 Spring Festival week and counts the Saturday make-up working days', () => {
    // accepted Fri 02-13 (not counted): Sat 02-14 调休 (1), 02-15…02-23 off, Tue 24 (2) … Fri 27 (5)
    const from = shanghai('2026-02-13T10:00');
    expect(calendar.addWorkingDays(from, 5)).toEqual({ at: endOf('2026-02-27'), provisional: false });
    // the sixth is Sat 02-28, the second 调休 day
    expect(calendar.addWorkingDays(from, 6).at).toEqual(endOf('2026-02-28'));
  });

  it('counts an application accepted after office hours from the next working day', () => {
    // Tue 03-10 17:29 → Wed 11 (1), Thu 12 (2), Fri 13 (3)
    expect(calendar.addWorkingDays(shanghai('2026-03-10T17:29'), 3).at).toEqual(endOf('2026-03-13'));
    // Tue 03-10 18:00 is accepted Wed 11 (not counted) → Thu 12, Fri 13, Mon 16
    expect(calendar.addWorkingDays(shanghai('2026-03-10T18:00'), 3).at).toEqual(endOf('2026-03-16'));
  });

  it('treats 17:30 itself as after hours', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-10T17:30'), 3).at).toEqual(endOf('2026-03-16'));
  });

  it('counts an application made on a public holiday from the next working day', () => {
    // 元旦 Wed 2025-01-01 → accepted Thu 01-02 → Fri 03, Mon 06, Tue 07
    expect(calendar.addWorkingDays(shanghai('2025-01-01T10:00'), 3).at).toEqual(endOf('2025-01-07'));
  });

  it('finishes a 即办件 by the end of the day it was accepted', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-11T10:00'), 0).at).toEqual(endOf('2026-03-11'));
  });

  it('finishes a 即办件 accepted after hours or on a holiday by the end of the next working day', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-11T18:00'), 0).at).toEqual(endOf('2026-03-12'));
    expect(calendar.addWorkingDays(shanghai('2026-10-01T10:00'), 0).at).toEqual(endOf('2026-10-08'));
    // Friday evening before the Spring Festival: the next working day is the 调休 Saturday
    expect(calendar.addWorkingDays(shanghai('2026-02-13T17:45'), 0).at).toEqual(endOf('2026-02-14'));
  });

  it('moves the after-hours cut-off when the centre closes at another time', () => {
    const early = WorkingDayCalendar.bundled(undefined, { closeAt: '17:00' });
    expect(early.addWorkingDays(shanghai('2026-03-11T17:15'), 0).at).toEqual(endOf('2026-03-12'));
    expect(() => WorkingDayCalendar.bundled(undefined, { closeAt: '25:00' })).toThrow(RangeError);
  });

  it('rejects a negative or fractional number of days', () => {
    const from = shanghai('2026-03-11T10:00');
    expect(() => calendar.addWorkingDays(from, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(from, 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(from, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date('nonsense'), 1)).toThrow(RangeError);
  });
});

describe('years without a State Council notice', () => {
  it('flags a deadline in 2027 as provisional instead of assuming Mon–Fri silently', () => {
    // Thu 2026-12-24 → Fri 25, Mon 28, Tue 29, Wed 30, Thu 31 (5), then 2027 guessed Mon–Fri:
    // Fri 01-01 (6) (surely 元旦 in reality), Mon 04, Tue 05, Wed 06, Thu 07 (10)
    expect(calendar.addWorkingDays(shanghai('2026-12-24T10:00'), 10)).toEqual({ at: endOf('2027-01-07'), provisional: true });
  });

  it('does not flag a deadline that stays within the published years', () => {
    expect(calendar.addWorkingDays(shanghai('2026-12-24T10:00'), 5)).toEqual({ at: endOf('2026-12-31'), provisional: false });
  });

  it('flags a walk that starts in a year without data', () => {
    // Mon 2024-12-30 → Tue 31 (1), 2025-01-01 元旦, Thu 01-02 (2)
    expect(calendar.addWorkingDays(shanghai('2024-12-30T10:00'), 2)).toEqual({ at: endOf('2025-01-02'), provisional: true });
  });

  it('answers isProvisional by whether the date’s year has a data file', () => {
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-01')).toBe(true);
    expect(calendar.isProvisional('2024-06-03')).toBe(true);
  });

  it('refuses the same year supplied twice', () => {
    const year = { year: 2025, notice: 'test notice', holidays: [], workdays: [] };
    expect(() => new WorkingDayCalendar({ years: [year, year] })).toThrow(CalendarDataError);
  });
});
