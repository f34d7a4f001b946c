import { describe, expect, it } from 'vitest';
import { rememberingCalendar } from '../../../api/read-models/prediction-history.ts';
import { bundledYears, WorkingDayCalendar } from '../../../engine/calendar/index.ts';

describe('the calendar a prediction counts with', () => {
  const calendar = new WorkingDayCalendar({ years: bundledYears(), overrides: { '990121': { holidays: [{ date: '2026-03-05', name: '县庆' }] } } });
  const remembering = rememberingCalendar(calendar);

  it('counts working days as the calendar does, per region, whatever the hour of either day', () => {
    const start = new Date('2026-02-10T00:00:00+08:00').getTime();
    for (let i = 0; i < 400; i++) {
      // Instants all over the day, on both sides of Shanghai midnight (16:00 UTC).
      const from = new Date(start + ((i * 7_919_017) % (40 * 86_400_000)));
      const to = new Date(from.getTime() + ((i * 104_729_003) % (30 * 86_400_000)));
      for (const region of ['990121', '990122', undefined]) {
        expect(remembering.workingDaysBetween(from, to, region), `${from.toISOString()} ${to.toISOString()} ${region}`).toBe(calendar.workingDaysBetween(from, to, region));
      }
    }
    expect(remembering.workingDaysBetween(new Date('2026-03-03T23:59:00+08:00'), new Date('2026-03-06T00:01:00+08:00'), '990121')).toBe(2);
    expect(remembering.workingDaysBetween(new Date('2026-03-04T00:01:00+08:00'), new Date('2026-03-06T00:01:00+08:00'), '990121')).toBe(1);
  });

  it('is the same calendar for everything else, and one per calendar', () => {
    const at = new Date('2026-03-03T10:00:00+08:00');
    expect(remembering.addWorkingDays(at, 3, '990121')).toEqual(calendar.addWorkingDays(at, 3, '990121'));
    expect(remembering.remainingWorkingDays(at, new Date('2026-03-09T23:59:59.999+08:00'), '990121')).toBe(3);
    expect(rememberingCalendar(calendar)).toBe(remembering);
  });
});
