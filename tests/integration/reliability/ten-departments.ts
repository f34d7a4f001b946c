/**
 * The reliability suites' item and people: a joint review by ten county departments
 * (ten-departments.bpmn, 会签: all approve → 办结, any rejection → 退办) and one reviewer account
 * per department, so each department acts over HTTP with its own session.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import type { Pool } from '../../../engine/adapters/postgres/pool.ts';

export const TEN_DEPARTMENT_ITEM = '010030009000';
export const COUNTY = '990121';
export const DEPARTMENT_KINDS = ['zj', 'zrzy', 'xf', 'rf', 'sthj', 'sw', 'fgw', 'jt', 'scjg', 'yjgl'] as const;

/** `rev-zj` … `rev-yjgl`: the reviewer of each department of the county. */
export const reviewerOf = (departmentId: string): string => `rev-${departmentId.split(':')[1]}`;

export function tenDepartmentXml(): Promise<string> {
  return readFile(path.join(import.meta.dirname, 'ten-departments.bpmn'), 'utf8');
}

/** Create the ten reviewers (and any `extra` users) with one password; skips names that exist. */
export async function createReviewers(pool: Pool, password: string, extra: Array<{ username: string; role: 'applicant' | 'window' | 'supervisor' | 'reviewer'; regionCode: string }> = []): Promise<void> {
  const users = new UserStore(pool);
  const passwordHash = await hashPassword(password);
  const specs = [
    ...DEPARTMENT_KINDS.map((kind) => ({ username: `rev-${kind}`, role: 'reviewer' as const, regionCode: COUNTY, departmentId: `${COUNTY}:${kind}` })),
    ...extra.map((u) => ({ ...u, departmentId: null })),
  ];
  for (const spec of specs) {
    if (await users.byUsername(spec.username)) continue;
    await users.create({ id: `u-${spec.username}`, username: spec.username, passwordHash, displayName: spec.username, role: spec.role, regionCode: spec.regionCode, departmentId: spec.departmentId });
  }
}
