/**
 * OrgDirectory on PostgreSQL; regions change rarely, so they are cached per process, and a
 * department once seen is known to exist (departments are added by org import, never removed).
 */
import type { OrgDirectory, Region } from '../../org/region.ts';
import type { Pool } from './pool.ts';

export class PgOrgDirectory implements OrgDirectory {
  private readonly regions = new Map<string, Region>();
  private readonly departments = new Set<string>();

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
    const unknown = ids.filter((id) => !this.departments.has(id));
    if (unknown.length) {
      const { rows } = await this.pool.query('SELECT id FROM departments WHERE id = ANY($1)', [unknown]);
      for (const r of rows) this.departments.add(r.id as string);
    }
    return new Set(ids.filter((id) => this.departments.has(id)));
  }
}
