/** OrgDirectory on PostgreSQL; regions change rarely, so they are cached per process. */
import type { OrgDirectory, Region } from '../../org/region.ts';
import type { Pool } from './pool.ts';

export class PgOrgDirectory implements OrgDirectory {
  private readonly regions = new Map<string, Region>();

  constructor(private readonly pool: Pool) {}

  async region(code: string): Promise<Region | undefined> {
    const cached = this.regions.get(code);
    if (cached) return cached;
    const { rows } = await this.pool.query('SELECT code, name, level, parent_code FROM regions WHERE code = $1', [code]);
    if (!rows[0]) return undefined;
    const region: Region = { code: rows[0].code, name: rows[0].name, level: rows[0].level, parentCode: rows[0].parent_code };
    this.regions.set(code, region);
    return region;
  }

  async existingDepartments(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const { rows } = await this.pool.query('SELECT id FROM departments WHERE id = ANY($1)', [ids]);
    return new Set(rows.map((r) => r.id as string));
  }
}
