/** The working-day calendar with the regional overrides stored in the database. */
import { WorkingDayCalendar } from '../../calendar/index.ts';
import { inheritedOverrides } from '../../calendar/region-overrides.ts';
import type { Pool } from './pool.ts';

/** Bundled national years plus every region's overrides (inherited down the region tree). */
export async function loadCalendar(pool: Pool): Promise<WorkingDayCalendar> {
  const regions = await pool.query('SELECT code, name, level, parent_code FROM regions');
  const days = await pool.query(`SELECT region_code, to_char(day, 'YYYY-MM-DD') AS day, working, name FROM calendar_overrides`);
  const overrides = inheritedOverrides(
    regions.rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
    days.rows.map((d) => ({ regionCode: d.region_code, date: d.day, working: d.working, name: d.name })),
  );
  return WorkingDayCalendar.bundled(overrides);
}
