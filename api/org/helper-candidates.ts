/**
 * 帮办 candidates: the staff who may follow a green-channel case or a key project's cases — window
 * and department staff (not disabled) of the case's or project's region and of every region
 * below it. The same rule answers the picker and checks what a supervisor submits.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { subtreeCodesSql } from './region-scope.ts';

/** One answer lists at most this many 帮办 candidates: narrow with `q`. */
export const MAX_HELPERS = 200;

/** A staff member who may follow a key project's (or a green case's) cases (帮办). */
export interface Helper {
  id: string;
  displayName: string;
  role: 'window' | 'reviewer' | 'lead';
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
}

/** The candidates of `regionCode`, nearest first; `userId` narrows to one user, `q` searches names. */
export async function helperCandidates(pool: Pool, regionCode: string, filter: { userId?: string; q?: string } = {}): Promise<{ helpers: Helper[]; truncated: boolean }> {
  const { rows } = await pool.query(
    `SELECT u.id, u.display_name, u.role, u.region_code, r.name AS region_name, u.department_id, dep.name AS department_name
       FROM users u JOIN regions r ON r.code = u.region_code
       LEFT JOIN departments dep ON dep.id = u.department_id
      WHERE u.region_code IN ${subtreeCodesSql('$1')} AND u.role IN ('window', 'reviewer', 'lead') AND NOT u.disabled
        AND ($2::text IS NULL OR u.id = $2)
        AND ($3::text IS NULL OR strpos(u.display_name, $3) > 0 OR strpos(u.username, $3) > 0 OR strpos(coalesce(dep.name, ''), $3) > 0)
      ORDER BY array_position(ARRAY['province', 'city', 'county', 'township'], r.level), u.region_code, u.role = 'window' DESC,
               u.department_id NULLS FIRST, u.display_name
      LIMIT $4`,
    [regionCode, filter.userId ?? null, filter.q ?? null, MAX_HELPERS + 1]);
  return {
    helpers: rows.slice(0, MAX_HELPERS).map((r) => ({
      id: r.id, displayName: r.display_name, role: r.role, regionCode: r.region_code, regionName: r.region_name,
      departmentId: r.department_id, departmentName: r.department_name,
    })),
    truncated: rows.length > MAX_HELPERS,
  };
}

/** Refuse (400 naming `helperId`) a helper who is not a candidate of `regionCode`; `of` names what it follows. */
export async function requireHelper(pool: Pool, regionCode: string, helperId: string | undefined, of: 'project' | 'case'): Promise<void> {
  if (!helperId || (await helperCandidates(pool, regionCode, { userId: helperId })).helpers.length > 0) return;
  throw new ValidationError('unknown helper', [{ path: 'helperId', reason: `no window or department staff of the ${of}'s region (or below) with this id` }]);
}
