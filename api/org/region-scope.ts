/**
 * Which regions a designer or supervisor works with: their own region, the regions above it
 * (an item of a county names city departments too — 市县联动) and every region below it. Admins
 * see every region.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { AuthUser } from '../auth/auth-user.ts';

/** SQL selecting the codes in scope of region `$n` (ancestors, itself, descendants). */
export function scopeCodesSql(param: string): string {
  return `(WITH RECURSIVE
      down AS (SELECT code FROM regions WHERE code = ${param}
               UNION SELECT r.code FROM regions r JOIN down d ON r.parent_code = d.code),
      up AS (SELECT code, parent_code FROM regions WHERE code = ${param}
             UNION SELECT r.code, r.parent_code FROM regions r JOIN up u ON r.code = u.parent_code)
    SELECT code FROM down UNION SELECT code FROM up)`;
}

/** SQL selecting region `$n` and every region below it (never above). */
export function subtreeCodesSql(param: string): string {
  return `(WITH RECURSIVE down AS (SELECT code FROM regions WHERE code = ${param}
             UNION SELECT r.code FROM regions r JOIN down d ON r.parent_code = d.code)
    SELECT code FROM down)`;
}

/** True when `regionCode` is `ancestorCode` or lies below it. */
export async function isWithinRegion(pool: Pool, regionCode: string, ancestorCode: string): Promise<boolean> {
  const { rows } = await pool.query(
    `WITH RECURSIVE up AS (SELECT code, parent_code FROM regions WHERE code = $1
       UNION SELECT r.code, r.parent_code FROM regions r JOIN up u ON r.code = u.parent_code)
     SELECT 1 FROM up WHERE code = $2`, [regionCode, ancestorCode]);
  return rows.length > 0;
}

/** The region whose scope the caller sees, or null for every region (admins). */
export function scopeRegionOf(user: AuthUser): string | null {
  return user.role === 'admin' ? null : user.regionCode;
}
