/**
 * Who may supervise what. A supervisor watches its own region and everything below it; a
 * reviewer or lead only its own department; an admin everything. A filter that names a region
 * or department outside the caller's scope is answered 404 (as for cases: nothing is revealed).
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Level } from '../../engine/org/levels.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { requireScope } from '../auth/policies.ts';
import { HttpError } from '../http/problem.ts';

/** What an answer is limited to. */
export interface Scope {
  /** Region codes (a region with everything below it); null = everywhere. */
  regionCodes: string[] | null;
  /** One department only; null = every department in the regions. */
  departmentId: string | null;
  level: Level | null;
}

export interface ScopeFilter {
  regionCode?: string;
  departmentId?: string;
  level?: Level;
}

/** The region of a department id ('<region code>:<kind>'). */
export const regionOfDepartment = (departmentId: string): string => departmentId.slice(0, departmentId.indexOf(':'));

/** Regions of the org tree at and below a region. */
export class RegionTree {
  constructor(private readonly pool: Pool) {}

  /** `code` and every region below it; empty when there is no such region. */
  async subtree(code: string): Promise<string[]> {
    const { rows } = await this.pool.query(
      `WITH RECURSIVE sub(code) AS (
         SELECT code FROM regions WHERE code = $1
         UNION ALL SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code)
       SELECT code FROM sub`, [code]);
    return rows.map((r) => r.code as string);
  }

  /** True when the org has this department. */
  async hasDepartment(departmentId: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM departments WHERE id = $1', [departmentId]);
    return rows.length > 0;
  }

  /** True when `code` is `scopeCode` or lies below it. */
  async contains(scopeCode: string, code: string): Promise<boolean> {
    return (await this.subtree(scopeCode)).includes(code);
  }
}

/** The scope of a supervision answer for `user`, narrowed by the filter (404 when it reaches outside). */
export async function supervisionScope(user: AuthUser, filter: ScopeFilter, tree: RegionTree): Promise<Scope> {
  const level = filter.level ?? null;
  switch (user.role) {
    case 'admin': {
      const regionCodes = filter.regionCode ? await tree.subtree(filter.regionCode) : null;
      requireScope(regionCodes === null || regionCodes.length > 0, 'region');
      // An unknown department is answered as an unknown region is, not with empty figures.
      requireScope(!filter.departmentId || (await tree.hasDepartment(filter.departmentId)), 'department');
      return { regionCodes, departmentId: filter.departmentId ?? null, level };
    }
    case 'supervisor': {
      const own = await tree.subtree(user.regionCode);
      requireScope(!filter.regionCode || own.includes(filter.regionCode), 'region');
      requireScope(!filter.departmentId || (own.includes(regionOfDepartment(filter.departmentId)) && (await tree.hasDepartment(filter.departmentId))), 'department');
      const regionCodes = filter.regionCode ? await tree.subtree(filter.regionCode) : own;
      return { regionCodes, departmentId: filter.departmentId ?? null, level };
    }
    case 'reviewer':
    case 'lead': {
      const own = user.departmentId;
      requireScope(!!own && (!filter.departmentId || filter.departmentId === own), 'department');
      if (filter.regionCode) requireScope((await tree.subtree(filter.regionCode)).includes(regionOfDepartment(own!)), 'region');
      return { regionCodes: null, departmentId: own, level };
    }
    default:
      throw new HttpError(403, 'forbidden', `not allowed for role ${user.role}`);
  }
}
