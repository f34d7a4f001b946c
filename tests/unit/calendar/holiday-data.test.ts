import { describe, expect, it } from 'vitest';
import {
  bundledYears,
  CalendarDataError,
  validateCalendarOverride,
  validateYearCalendar,
} from '../../../engine/calendar/index.ts';

const validYear = {
  year: 2030,
  notice: 'test notice',
  holidays: [{ date: '2030-01-01', name: '元旦' }],
  workdays: [{ date: '2030-01-05', name: '调休' }], // a Saturday
};

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    expect((error as CalendarDataError).code).toBe('CALENDAR_DATA_INVALID');
    return (error as CalendarDataError).problems;
  }
  throw new Error('expected a CalendarDataError');
}

describe('holiday data files', () => {
  it('ships valid 2025 and 2026 files transcribed day by day from the State Council notices', () => {
    const [y2025, y2026] = bundledYears();
    // 2025: 元旦1 + 春节8 + 清明3 + 劳动节5 + 端午3 + 国庆中秋8 = 28 days off, 5 调休 days
    expect(y2025).toMatchObject({ year: 2025 });
    expect(y2025?.holidays).toHaveLength(28);
    expect(y2025?.workdays.map((day) => day.date)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    // 2026: 元旦3 + 春节9 + 清明3 + 劳动节5 + 端午3 + 中秋3 + 国庆7 = 33 days off, 6 调休 days
    expect(y2026).toMatchObject({ year: 2026 });
    expect(y2026?.holidays).toHaveLength(33);
    expect(y2026?.workdays.map((day) => day.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });

  it('accepts a well-formed year file', () => {
    expect(validateYearCalendar(validYear)).toEqual(validYear);
  });

  it('rejects a date outside the file’s year', () => {
    const data = { ...validYear, holidays: [{ date: '2031-01-01', name: '元旦' }] };
    expect(problemsOf(() => validateYearCalendar(data))).toEqual(['2031-01-01 lies outside 2030']);
  });

  it('rejects a date listed both as a holiday and as a working day', () => {
    const data = { ...validYear, holidays: [{ date: '2030-01-05', name: '元旦' }] };
    expect(problemsOf(() => validateYearCalendar(data))).toEqual(['2030-01-05 is both a holiday and a workday']);
  });

  it('rejects a 调休 working day that is not a weekend day', () => {
    const data = { ...validYear, workdays: [{ date: '2030-01-07', name: '调休' }] }; // a Monday
    expect(problemsOf(() => validateYearCalendar(data))).toEqual(['workday 2030-01-07 is not a Saturday or Sunday']);
  });

  it('rejects impossible dates, duplicates and missing fields, listing every problem at once', () => {
    const data = {
      year: 2030,
      holidays: [{ date: '2030-02-30', name: '春节' }, { date: '2030-01-01', name: '元旦' }, { date: '2030-01-01', name: '元旦' }],
      workdays: [{ date: '2030-01-05' }],
    };
    expect(problemsOf(() => validateYearCalendar(data))).toEqual([
      'notice must name the State Council notice',
      'holidays[0].date "2030-02-30" is not a YYYY-MM-DD date',
      'workdays[0] must be { date, name } with a non-empty name',
      'holiday 2030-01-01 is listed twice',
    ]);
  });

  it('rejects something that is not a year file at all', () => {
    expect(problemsOf(() => validateYearCalendar([]))).toContain('year file must be an object');
  });

  it('rejects a region override that makes one date both a day off and a working day', () => {
    const override = { holidays: [{ date: '2026-09-03', name: '州庆' }], workdays: [{ date: '2026-09-03', name: '调休' }] };
    expect(problemsOf(() => validateCalendarOverride('222400', override))).toEqual(['2026-09-03 is both a holiday and a workday']);
  });
});
