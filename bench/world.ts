/**
 * The bench's own world: an embedded PostgreSQL in a temporary folder, the `lianshen` database
 * migrated and seeded with the demo regions and departments, every bundled item deployed, a
 * Runtime on the production pool settings, and the real express app (as `npm start` builds it,
 * request logging included, written to /dev/null) listening on a free port with one user per
 * role the construction permit needs, each signed in as a bearer client.
 */
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { deployBundledItems } from '../api/bundled-items.ts';
import { hashPassword } from '../api/auth/passwords.ts';
import type { Role } from '../api/auth/auth-user.ts';
import { UserStore } from '../api/auth/user-store.ts';
import { createApp } from '../api/http/app.ts';
import { createRuntimeOn, type RuntimeOptions } from '../engine/adapters/postgres/create-runtime.ts';
import { ensureDatabase } from '../engine/adapters/postgres/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../engine/adapters/postgres/embedded-server.ts';
import { migrate } from '../engine/adapters/postgres/migrate.ts';
import { createPool, type Pool } from '../engine/adapters/postgres/pool.ts';
import { seedOrg } from '../engine/adapters/postgres/seed-org.ts';
import { ManualClock } from '../engine/clock/clock.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import { JsonClient, expectStatus } from './http-client.ts';
import { PostgresCpuMeter } from './machine.ts';
import { deployReviewItem } from './review-item.ts';
import { STATEMENT_STATS_SETTINGS, trackNoStatements } from './pg-statements.ts';

/** The construction permit as shipped: the in-flight cases and the history of the scale sections. */
export const ITEM = '010030001000';
export const COUNTY = '990121';
export const CITY = '990100';
/** The joint review of the construction permit as shipped: six county and two city departments. */
export const PERMIT_DEPARTMENTS = [`${COUNTY}:zj`, `${COUNTY}:zrzy`, `${COUNTY}:xf`, `${COUNTY}:rf`, `${COUNTY}:sthj`, `${COUNTY}:sw`, `${CITY}:fgw`, `${CITY}:jt`] as const;
/**
 * The departments of the bench's joint review (review-item.ts: the permit with the county's
 * 市场监管 and 应急管理 added; issue 8's ten departments per case), in the order of its 会签.
 */
export const DEPARTMENTS = [...PERMIT_DEPARTMENTS, `${COUNTY}:scjg`, `${COUNTY}:yjgl`] as const;
export const LEAD = `${COUNTY}:zj`;
/** Monday 2 March 2026, 09:00 in Shanghai: every run computes the same deadlines. */
export const BENCH_MORNING = '2026-03-02T09:00:00+08:00';
const PASSWORD = 'bench only: not a real password';
/** Production's pool size (database.ts openDatabase). */
export const POOL_SIZE = 20;

export interface PostgresServer {
  embedded: EmbeddedServer;
  dir: string;
  cpu: PostgresCpuMeter;
  stop(): Promise<void>;
}

/** Start a throw-away PostgreSQL cluster in a temporary folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-bench-'));
  const embedded = await startEmbeddedPostgres({ dataDir: dir, settings: STATEMENT_STATS_SETTINGS });
  return {
    embedded, dir, cpu: new PostgresCpuMeter(path.join(dir, 'pg')),
    stop: async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchUsers {
  /** Bearer tokens of the enterprises (applicants), one per simulated client. */
  enterprises: string[];
  window: string;
  /** department id → bearer token of a reviewer (the lead role for the lead department). */
  departments: Map<string, string>;
}

export interface BenchApp {
  pool: Pool;
  url: string;
  clock: ManualClock;
  runtime: Runtime;
  baseUrl: string;
  server: Server;
  users: BenchUsers;
  /** An in-process client for preparing cases (not used in timed windows). */
  http: JsonClient;
  newRuntime(options?: RuntimeOptions): Runtime;
  close(): Promise<void>;
}

/** Create, migrate and seed the application database, deploy the items, serve the app and sign users in. */
export async function startApp(pgServer: PostgresServer, enterprises: number): Promise<BenchApp> {
  const url = await ensureDatabase(pgServer.embedded.url, 'lianshen');
  const pool = createPool(url, POOL_SIZE);
  await trackNoStatements(pool);
  await migrate(pool);
  await seedOrg(pool);
  const clock = new ManualClock(BENCH_MORNING);
  // The in-process runtime takes the engine cache budget a spawned node would (LIANSHEN_ENGINE_CACHE_MB).
  const cacheMB = process.env.LIANSHEN_ENGINE_CACHE_MB ? { engineCacheMB: Number(process.env.LIANSHEN_ENGINE_CACHE_MB) } : {};
  const newRuntime = (options: RuntimeOptions = {}) => createRuntimeOn(pool, { clock, ...options, settings: { ...cacheMB, ...options.settings } });
  const runtime = newRuntime();
  await deployBundledItems(runtime);
  await deployReviewItem(runtime);

  const store = new UserStore(pool);
  const passwordHash = await hashPassword(PASSWORD);
  const accounts: Array<{ username: string; role: Role; regionCode: string; departmentId: string | null }> = [
    ...Array.from({ length: enterprises }, (_, i) => ({ username: `ent-${i}`, role: 'applicant' as Role, regionCode: COUNTY, departmentId: null })),
    { username: 'window', role: 'window', regionCode: COUNTY, departmentId: null },
    ...DEPARTMENTS.map((d) => ({ username: `staff-${d.replace(':', '-')}`, role: (d === LEAD ? 'lead' : 'reviewer') as Role, regionCode: d.split(':')[0]!, departmentId: d })),
  ];
  for (const a of accounts) {
    await store.create({ id: `u-${a.username}`, username: a.username, passwordHash, displayName: a.username, role: a.role, regionCode: a.regionCode, departmentId: a.departmentId });
  }

  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const app = createApp({ pool, runtime, logger, loginLimit: 10_000 });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  server.keepAliveTimeout = 60_000;
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const http = new JsonClient(baseUrl, 64);
  const login = async (username: string) =>
    expectStatus(await http.post<{ token: string }>('/api/auth/login', { username, password: PASSWORD, client: 'bearer' }), 200, `login ${username}`).token;
  const users: BenchUsers = {
    enterprises: await Promise.all(Array.from({ length: enterprises }, (_, i) => login(`ent-${i}`))),
    window: await login('window'),
    departments: new Map(await Promise.all(DEPARTMENTS.map(async (d) => [d, await login(`staff-${d.replace(':', '-')}`)] as const))),
  };
  return {
    pool, url, clock, runtime, baseUrl, server, users, http, newRuntime,
    close: async () => {
      http.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await pool.end();
    },
  };
}
