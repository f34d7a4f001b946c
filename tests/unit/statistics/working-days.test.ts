import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../engine/calendar/index.ts';
import { clockStops, elapsedWorkingDays } from '../../../engine/statistics/working-days.ts';

const calendar = WorkingDayCalendar.bundled();
const t = (iso: string) => new Date(`${iso}+08:00`);

describe('elapsed working days, as the limits count them', () => {
  it('does not count the start day, counts the end day, skips weekends and holidays', () => {
    expect(elapsedWorkingDays(calendar, t('2026-03-02T09:00:00'), t('2026-03-02T17:00:00'), '990121')).toBe(0); // same day
    expect(elapsedWorkingDays(calendar, t('2026-03-02T09:00:00'), t('2026-03-16T10:00:00'), '990121')).toBe(10); // two weeks
    expect(elapsedWorkingDays(calendar, t('2026-04-03T09:00:00'), t('2026-04-07T09:00:00'), '990121')).toBe(1); // 清明 4–6 April
    expect(elapsedWorkingDays(calendar, t('2026-03-05T09:00:00'), t('2026-03-02T09:00:00'), '990121')).toBe(0);
  });

  it('leaves out a clock stop: Tue 3 → Mon 9 March takes Wed 4 … Mon 9 out (4 working days)', () => {
    const stops = clockStops([
      { type: 'paused', at: t('2026-03-03T10:00:00') },
      { type: 'warning', at: t('2026-03-05T00:00:00') },
      { type: 'resumed', at: t('2026-03-09T10:00:00') },
    ]);
    expect(stops).toEqual([{ from: t('2026-03-03T10:00:00'), to: t('2026-03-09T10:00:00') }]);
    expect(elapsedWorkingDays(calendar, t('2026-03-02T09:00:00'), t('2026-03-16T10:00:00'), '990121', stops)).toBe(6);
    // A span that only touches the stop is not shortened.
    expect(elapsedWorkingDays(calendar, t('2026-03-09T10:00:00'), t('2026-03-12T10:00:00'), '990121', stops)).toBe(3);
    // A stop still running at the end takes everything after it.
    const open = clockStops([{ type: 'paused', at: t('2026-03-03T10:00:00') }]);
    expect(elapsedWorkingDays(calendar, t('2026-03-02T09:00:00'), t('2026-03-10T10:00:00'), '990121', open)).toBe(1);
  });
});
