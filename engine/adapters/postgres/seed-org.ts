/** Inserts regions and departments (idempotent), e.g. the demo world. */
import { DEMO_REGIONS, demoDepartments } from '../../org/demo-world.ts';
import type { Region } from '../../org/region.ts';
import type { Pool } from './pool.ts';

/** Upsert the given regions (parents first) and their departments. */
export async function seedOrg(pool: Pool, regions: readonly Region[] = DEMO_REGIONS): Promise<void> {
  await pool.query(
    `INSERT INTO regions (code, name, level, parent_code)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, level text, parent_code text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })))]);
  await pool.query(
    `INSERT INTO departments (id, region_code, kind, name)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, region_code text, kind text, name text)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(demoDepartments(regions).map((d) => ({ id: d.id, region_code: d.regionCode, kind: d.kind, name: d.name })))]);
}
