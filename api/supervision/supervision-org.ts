/**
 * The part of the organisation a caller supervises, for the dashboard's region and department
 * filters: a supervisor its region and every region below with their departments, a reviewer
 * or lead its own department (and its region), an admin everything. Exactly what
 * `supervisionScope` would admit as a filter, so a chosen filter never answers 404.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { regionOfDepartment, type RegionTree } from './supervision-scope.ts';

export interface ScopeRegion {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface ScopeDepartment {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
}

export interface SupervisedOrg {
  /** The region the caller's view starts at (null for an admin: every root). */
  rootCode: string | null;
  regions: ScopeRegion[];
  departments: ScopeDepartment[];
}

/** Regions and departments the caller may filter the supervision answers by. */
export async function supervisedOrg(user: AuthUser, pool: Pool, tree: RegionTree): Promise<SupervisedOrg> {
  let regionCodes: string[] | null;
  let departmentId: string | null = null;
  let rootCode: string | null;
  if (user.role === 'admin') {
    regionCodes = null;
    rootCode = null;
  } else if (user.role === 'supervisor') {
    regionCodes = await tree.subtree(user.regionCode);
    rootCode = user.regionCode;
  } else {
    departmentId = user.departmentId;
    rootCode = departmentId ? regionOfDepartment(departmentId) : null;
    regionCodes = rootCode ? [rootCode] : [];
  }
  const [regions, departments] = await Promise.all([
    pool.query(
      `SELECT code, name, level, parent_code FROM regions
        WHERE $1::text[] IS NULL OR code = ANY($1) ORDER BY code`, [regionCodes]),
    pool.query(
      `SELECT id, name, kind, region_code FROM departments
        WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::text IS NULL OR id = $2) ORDER BY region_code, kind`,
      [regionCodes, departmentId]),
  ]);
  return {
    rootCode,
    regions: regions.rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
    departments: departments.rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind, regionCode: d.region_code })),
  };
}
