import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../engine/calendar/index.ts';
import { inheritedOverrides } from '../../../engine/calendar/region-overrides.ts';
import { DEMO_REGIONS } from '../../../engine/org/demo-world.ts';

describe('regional calendar overrides', () => {
  const overrides = inheritedOverrides(DEMO_REGIONS, [
    { regionCode: '990100', date: '2026-03-04', working: false, name: '临川市建城纪念日' },
    { regionCode: '990122', date: '2026-03-04', working: true, name: '西平县照常上班' },
  ]);
  const calendar = WorkingDayCalendar.bundled(overrides);

  it('applies a city holiday to the city, its counties and their townships', () => {
    for (const code of ['990100', '990121', '990121001']) expect(calendar.isWorkingDay('2026-03-04', code)).toBe(false);
    expect(calendar.isWorkingDay('2026-03-04', '990000')).toBe(true);
  });

  it('lets a county keep working on a day its city takes off (the nearer region wins)', () => {
    expect(calendar.isWorkingDay('2026-03-04', '990122')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-04', '990122001')).toBe(true);
  });

  it('moves a county deadline past the city holiday', () => {
    // 3 working days from Mon 2 March: 3, (4 off in the city), 5, 6 → Fri 6 March; elsewhere Thu 5 March
    expect(calendar.addWorkingDays(new Date('2026-03-02T10:00:00+08:00'), 3, '990121').at.toISOString())
      .toBe(new Date('2026-03-06T23:59:59.999+08:00').toISOString());
    expect(calendar.addWorkingDays(new Date('2026-03-02T10:00:00+08:00'), 3, '990000').at.toISOString())
      .toBe(new Date('2026-03-05T23:59:59.999+08:00').toISOString());
  });
});
