import { describe, expect, it } from 'vitest';
import { CalendarDataError, WorkingDayCalendar } from '../../../engine/calendar/index.ts';

const shanghai = (wallClock: string) => new Date(`${wallClock}+08:00`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

// A prefecture's founding day as a local day off (e.g. a 州庆), with a local make-up Saturday.
const PREFECTURE = '222400';
const calendar = WorkingDayCalendar.bundled({
  [PREFECTURE]: {
    name: '州庆（示例）',
    holidays: [{ date: '2026-09-03', name: '州庆' }],
    workdays: [{ date: '2026-09-12', name: '州庆调休' }],
  },
  '999999': { holidays: [{ date: '2027-03-01', name: '地方节日' }] },
  '999998': { holidays: [{ date: '2026-02-28', name: '地方调整' }], workdays: [{ date: '2026-10-07', name: '地方调整' }] },
});

describe('regional calendar overrides', () => {
  it('gives a region its own local day off on top of the national calendar', () => {
    expect(calendar.isWorkingDay('2026-09-03', PREFECTURE)).toBe(false); // Thursday
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-03', '110000')).toBe(true);
  });

  it('makes a weekend day a working day only in the region that moved it', () => {
    expect(calendar.isWorkingDay('2026-09-12', PREFECTURE)).toBe(true); // Saturday
    expect(calendar.isWorkingDay('2026-09-12')).toBe(false);
  });

  it('keeps national holidays for a region whose override does not mention them', () => {
    expect(calendar.isWorkingDay('2026-10-01', PREFECTURE)).toBe(false);
  });

  it('lets a region’s own dates win over the national data', () => {
    expect(calendar.isWorkingDay('2026-02-28', '999998')).toBe(false); // national 春节调休 Saturday
    expect(calendar.isWorkingDay('2026-10-07', '999998')).toBe(true); // national 国庆 day off
  });

  it('pushes a deadline past the local festival only for cases of that region', () => {
    // Wed 09-02 → Thu 03 off locally → Fri 04 (1), Mon 07 (2)
    expect(calendar.addWorkingDays(shanghai('2026-09-02T10:00'), 2, PREFECTURE).at).toEqual(endOf('2026-09-07'));
    // nationally: Thu 03 (1), Fri 04 (2)
    expect(calendar.addWorkingDays(shanghai('2026-09-02T10:00'), 2).at).toEqual(endOf('2026-09-04'));
  });

  it('still flags a provisional year when a region has its own dates in it', () => {
    // Fri 2027-02-26 → Mon 03-01 local day off → Tue 03-02 (1)
    expect(calendar.addWorkingDays(shanghai('2027-02-26T10:00'), 1, '999999')).toEqual({ at: endOf('2027-03-02'), provisional: true });
  });

  it('refuses a malformed override when the calendar is built', () => {
    const bad = { holidays: [{ date: '2026-13-01', name: '?' }] };
    expect(() => WorkingDayCalendar.bundled({ [PREFECTURE]: bad })).toThrow(CalendarDataError);
  });
});
