/** Departments as pickers and names need them: the caller's scope (the designer), a region and below (派单), names by id. */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { findDepartmentKind } from '../../engine/org/department-kinds.ts';
import type { Level } from '../../engine/org/levels.ts';
import type { DepartmentsFilter } from './org-schemas.ts';
import { scopeCodesSql, subtreeCodesSql } from './region-scope.ts';

/** One answer carries at most this many: a province-wide centre has thousands of departments. */
export const MAX_DEPARTMENTS = 5000;

export interface DepartmentRow {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  level: Level;
  regionCode: string;
  regionName: string;
}

/** Departments in scope of `scopeRegion` (null: every region), filtered, higher levels first. */
export async function listDepartments(pool: Pool, scopeRegion: string | null, filter: DepartmentsFilter): Promise<{ departments: DepartmentRow[]; truncated: boolean }> {
  const { rows } = await pool.query(
    `SELECT d.id, d.name, d.kind, r.level, d.region_code, r.name AS region_name
       FROM departments d JOIN regions r ON r.code = d.region_code
      WHERE ($1::text IS NULL OR d.region_code IN ${scopeCodesSql('$1')})
        AND ($2::text IS NULL OR r.level = $2)
        AND ($3::text IS NULL OR d.region_code = $3)
      ORDER BY array_position(ARRAY['province', 'city', 'county', 'township'], r.level), d.region_code, d.kind
      LIMIT $4`,
    [scopeRegion, filter.level ?? null, filter.regionCode ?? null, MAX_DEPARTMENTS + 1]);
  return { departments: rows.slice(0, MAX_DEPARTMENTS).map(toDepartment), truncated: rows.length > MAX_DEPARTMENTS };
}

/** True when the region exists and lies in scope of `scopeRegion` (null: any region). */
export async function regionInScope(pool: Pool, scopeRegion: string | null, regionCode: string): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM regions WHERE code = $2 AND ($1::text IS NULL OR code IN ${scopeCodesSql('$1')})`, [scopeRegion, regionCode]);
  return rows.length > 0;
}

/** The (kind, level) pairs of departments in scope: what a BPMN participant may name. */
export async function knownDepartments(pool: Pool, scopeRegion: string | null): Promise<{ kind: string; level: string }[]> {
  const { rows } = await pool.query(
    `SELECT DISTINCT d.kind, r.level FROM departments d JOIN regions r ON r.code = d.region_code
      WHERE $1::text IS NULL OR d.region_code IN ${scopeCodesSql('$1')}`, [scopeRegion]);
  return rows.map((r) => ({ kind: r.kind, level: r.level }));
}

const DEPARTMENT_NAMES = { name: 'lianshen_department_names', text: 'SELECT id, name FROM departments WHERE id = ANY($1)' };

/** Display names (东阳县消防救援支队 …) of these departments, by id; unknown ids are left out. */
export async function departmentNamesOf(pool: Pool, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((d): d is string => !!d))];
  if (wanted.length === 0) return new Map();
  const { rows } = await pool.query({ ...DEPARTMENT_NAMES, values: [wanted] });
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}

/** Departments of `regionCode` and of every region below it (never above), nearest level first. */
export async function departmentsWithin(pool: Pool, regionCode: string): Promise<{ departments: DepartmentRow[]; truncated: boolean }> {
  const { rows } = await pool.query(
    `SELECT d.id, d.name, d.kind, r.level, d.region_code, r.name AS region_name
       FROM departments d JOIN regions r ON r.code = d.region_code
      WHERE d.region_code IN ${subtreeCodesSql('$1')}
      ORDER BY array_position(ARRAY['province', 'city', 'county', 'township'], r.level), d.region_code, d.kind
      LIMIT $2`,
    [regionCode, MAX_DEPARTMENTS + 1]);
  return { departments: rows.slice(0, MAX_DEPARTMENTS).map(toDepartment), truncated: rows.length > MAX_DEPARTMENTS };
}

function toDepartment(r: Record<string, any>): DepartmentRow {
  return { id: r.id, name: r.name, kind: r.kind, kindName: findDepartmentKind(r.kind)?.name ?? r.kind, level: r.level, regionCode: r.region_code, regionName: r.region_name };
}
