/**
 * The demo world: the demo regions and departments (engine/org/demo-world.ts) and one user per
 * role, each with a random password printed once. It runs only on a database without users,
 * and never in production (NODE_ENV=production), where it refuses rather than create accounts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { inTransaction, type Pool } from '../../engine/adapters/postgres/pool.ts';
import { seedOrg } from '../../engine/adapters/postgres/seed-org.ts';
import { DEMO_REGIONS, demoDepartments } from '../../engine/org/demo-world.ts';
import type { Role } from '../auth/auth-user.ts';
import { hashPassword } from '../auth/passwords.ts';

export interface DemoUserSpec {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentId: string | null;
}

/**
 * One user per role, placed where the bundled items need them: a county case (东阳县 990121) is
 * accepted at its window and reviewed by its fire brigade, led by its housing bureau, with the
 * city's development and reform commission taking part; the city supervises. The 12345 hotline
 * intake is a window-role clerk at the city (there is no separate dispatcher role).
 */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  { username: 'demo-enterprise', displayName: '东阳县示范建设有限公司', role: 'applicant', regionCode: '990121', departmentId: null },
  { username: 'demo-citizen', displayName: '城关镇居民 李明', role: 'applicant', regionCode: '990121001', departmentId: null },
  { username: 'demo-window', displayName: '东阳县政务服务中心 综合受理窗口', role: 'window', regionCode: '990121', departmentId: null },
  { username: 'demo-hotline', displayName: '临川市12345热线 话务员', role: 'window', regionCode: '990100', departmentId: null },
  { username: 'demo-xf', displayName: '东阳县消防救援支队 审查员', role: 'reviewer', regionCode: '990121', departmentId: '990121:xf' },
  { username: 'demo-zj', displayName: '东阳县住房和城乡建设局 牵头科室', role: 'lead', regionCode: '990121', departmentId: '990121:zj' },
  { username: 'demo-city-fgw', displayName: '临川市发展和改革委员会 审查员', role: 'reviewer', regionCode: '990100', departmentId: '990100:fgw' },
  { username: 'demo-supervisor', displayName: '临川市电子监察室', role: 'supervisor', regionCode: '990100', departmentId: null },
  { username: 'demo-designer', displayName: '临川市政务服务中心 流程设计', role: 'designer', regionCode: '990100', departmentId: null },
  { username: 'demo-admin', displayName: '示范省 平台管理员', role: 'admin', regionCode: '990000', departmentId: null },
];

export interface SeededUser extends DemoUserSpec {
  password: string;
}

export interface SeedResult {
  /** The users created now, with their passwords (empty when the database already had users). */
  created: SeededUser[];
}

export interface SeedOptions {
  /** Where the one-time password table goes (stdout by default). */
  log?: (line: string) => void;
  /** Defaults to process.env.NODE_ENV. */
  nodeEnv?: string;
}

/** Thrown on an empty production database: demo accounts must never exist there. */
export class DemoSeedRefusedError extends Error {
  constructor() {
    super('NODE_ENV=production: refusing to create the demo world (demo regions and demo users with printed passwords) in production');
    this.name = 'DemoSeedRefusedError';
  }
}

// Two nodes starting together on an empty database: one creates the users, the other sees them.
const SEED_LOCK = 7_205_115;

/** Seed the demo world unless the database already has users; returns who was created. */
export async function seedDemoWorld(pool: Pool, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? console.log;
  if (await hasUsers(pool)) return { created: [] };
  if ((options.nodeEnv ?? process.env.NODE_ENV) === 'production') throw new DemoSeedRefusedError();
  await seedOrg(pool);
  const users = await Promise.all(DEMO_USERS.map(async (spec) => {
    const password = randomBytes(12).toString('base64url');
    return { spec: { ...spec, password }, hash: await hashPassword(password) };
  }));
  const created = await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await client.query('SELECT EXISTS (SELECT 1 FROM users) AS any')).rows[0].any) return [];
    for (const { spec, hash } of users) {
      await client.query(
        `INSERT INTO users (id, username, password_hash, display_name, role, region_code, department_id, demo)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true)`,
        [randomUUID(), spec.username, hash, spec.displayName, spec.role, spec.regionCode, spec.departmentId]);
    }
    return users.map((u) => u.spec);
  });
  if (created.length) printUsers(created, log);
  return { created };
}

async function hasUsers(pool: Pool): Promise<boolean> {
  return (await pool.query('SELECT EXISTS (SELECT 1 FROM users) AS any')).rows[0].any;
}

const REGION_NAMES = new Map(DEMO_REGIONS.map((r) => [r.code, r.name]));
const DEPARTMENT_NAMES = new Map(demoDepartments().map((d) => [d.id, d.name]));

/** Where a user acts: its department, or its region. */
export function scopeOf(u: DemoUserSpec): string {
  return u.departmentId ? `${u.departmentId} ${DEPARTMENT_NAMES.get(u.departmentId) ?? ''}` : `${u.regionCode} ${REGION_NAMES.get(u.regionCode) ?? ''}`;
}

function printUsers(users: SeededUser[], log: (line: string) => void): void {
  log('Demo world created: regions 990000 示范省 / 990100 临川市 / 990121 东阳县 / 990122 西平县 and townships, their departments, and these users.');
  log('Passwords are printed only this once; they are stored as argon2id hashes. Note them now:');
  log(`  ${'username'.padEnd(16)} ${'role'.padEnd(10)} ${'password'.padEnd(16)}  region / department`);
  for (const u of users) log(`  ${u.username.padEnd(16)} ${u.role.padEnd(10)} ${u.password.padEnd(16)}  ${scopeOf(u)}`);
}
