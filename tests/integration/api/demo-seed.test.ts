/**
 * The demo world: on a database without users the seed creates the demo regions, departments and
 * one user per role, printing each password once; every printed password signs its user in over
 * HTTP; a second run creates and prints nothing; production refuses to create demo users, and
 * `npm start` in production then starts without them and says so.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app.ts';
import { DEMO_USERS, DemoSeedRefusedError, seedDemoWorld } from '../../../api/seed/demo-world.ts';
import { ApiClient } from '../../support/api-harness.ts';
import { createHarness, type Harness } from '../../support/runtime-harness.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** username → password from the printed table (a user row: username, role, password, scope). */
function printedPasswords(lines: string[]): Map<string, string> {
  const users = new Set(DEMO_USERS.map((u) => u.username));
  const found = new Map<string, string>();
  for (const line of lines) {
    const [username, , password] = line.trim().split(/\s+/);
    if (username && users.has(username) && password) found.set(username, password);
  }
  return found;
}

const count = async (db: TestDatabase, table: string) => (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('demo world seed', () => {
  let h: Harness;
  let server: Server;
  let baseUrl = '';
  const lines: string[] = [];

  beforeAll(async () => {
    h = await createHarness();
    // Start from nothing: the seed brings the organisation too.
    await h.db.pool.query('DELETE FROM departments');
    await h.db.pool.query('DELETE FROM regions');
    const app = createApp({ pool: h.db.pool, runtime: h.runtime, loginLimit: 1000 });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  });

  it('refuses to create demo users in production, and creates nothing', async () => {
    const log: string[] = [];
    await expect(seedDemoWorld(h.db.pool, { log: (l) => log.push(l), nodeEnv: 'production' })).rejects.toBeInstanceOf(DemoSeedRefusedError);
    await expect(seedDemoWorld(h.db.pool, { nodeEnv: 'production' })).rejects.toThrow(/NODE_ENV=production: refusing to create the demo world/);
    expect(log).toEqual([]);
    expect(await count(h.db, 'users')).toBe(0);
    expect(await count(h.db, 'regions')).toBe(0);
  });

  it('creates the demo regions, departments and one user per role, printing each password once', async () => {
    const result = await seedDemoWorld(h.db.pool, { log: (l) => lines.push(l), nodeEnv: 'development' });
    expect(result.created.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    expect(new Set(result.created.map((u) => u.role))).toEqual(new Set(['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'designer', 'admin']));
    expect(await count(h.db, 'regions')).toBe(7);
    expect(await count(h.db, 'departments')).toBeGreaterThan(50);
    const passwords = printedPasswords(lines);
    expect(passwords.size).toBe(DEMO_USERS.length);
    for (const u of result.created) {
      expect(passwords.get(u.username)).toBe(u.password);
      expect(u.password.length).toBeGreaterThanOrEqual(16);
      expect(lines.join('\n').split(u.password)).toHaveLength(2); // printed exactly once
    }
    expect(new Set(passwords.values()).size).toBe(DEMO_USERS.length);
    const { rows } = await h.db.pool.query('SELECT username, password_hash, demo FROM users');
    for (const row of rows) {
      expect(row.demo).toBe(true);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(passwords.get(row.username));
    }
    expect(lines.join('\n')).toContain('990121:xf 东阳县消防救援支队');
  });

  it('lets every role sign in with its printed password, in its region and department', async () => {
    const passwords = printedPasswords(lines);
    for (const spec of DEMO_USERS) {
      const client = new ApiClient(baseUrl);
      const res = await client.login(spec.username, 'bearer', passwords.get(spec.username));
      expect({ username: spec.username, status: res.status }).toEqual({ username: spec.username, status: 200 });
      expect(res.body.user).toMatchObject({ username: spec.username, role: spec.role, regionCode: spec.regionCode, departmentId: spec.departmentId });
      expect((await new ApiClient(baseUrl).login(spec.username, 'bearer', 'wrong password')).status).toBe(401);
    }
  });

  it('lets the demo users work: the enterprise applies and the county window accepts', async () => {
    const passwords = printedPasswords(lines);
    const enterprise = new ApiClient(baseUrl);
    await enterprise.login('demo-enterprise', 'browser', passwords.get('demo-enterprise'));
    const applied = await enterprise.post('/api/cases', { itemCode: '010070001000', regionCode: '990121' });
    expect(applied.status).toBe(201);
    const window = new ApiClient(baseUrl);
    await window.login('demo-window', 'browser', passwords.get('demo-window'));
    expect((await window.post(`/api/cases/${applied.body.id}/accept`, {})).status).toBe(200);
  });

  it('does nothing and prints nothing on a database that already has users, in any environment', async () => {
    const before = (await h.db.pool.query('SELECT id, password_hash FROM users ORDER BY id')).rows;
    const log: string[] = [];
    expect((await seedDemoWorld(h.db.pool, { log: (l) => log.push(l), nodeEnv: 'development' })).created).toEqual([]);
    expect((await seedDemoWorld(h.db.pool, { log: (l) => log.push(l), nodeEnv: 'production' })).created).toEqual([]);
    expect(log).toEqual([]);
    expect((await h.db.pool.query('SELECT id, password_hash FROM users ORDER BY id')).rows).toEqual(before);
  });

  it('creates one set of users when two nodes seed an empty database at the same time', async () => {
    const db = await createTestDatabase();
    try {
      const [a, b] = await Promise.all([seedDemoWorld(db.pool, { log: () => {}, nodeEnv: 'test' }), seedDemoWorld(db.pool, { log: () => {}, nodeEnv: 'test' })]);
      expect(a.created.length + b.created.length).toBe(DEMO_USERS.length);
      expect(await count(db, 'users')).toBe(DEMO_USERS.length);
    } finally {
      await db.drop();
    }
  });
});

describe('demo world at start-up and on demand', () => {
  let dataDir = '';
  beforeAll(async () => { dataDir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-seed-')); });
  afterAll(async () => { await rm(dataDir, { recursive: true, force: true }); });

  /** Run `script` (`npm start` is `tsx api/main.ts`, `npm run seed` is `tsx api/seed/main.ts`) against a test database. */
  const run = (script: string, databaseUrl: string, nodeEnv: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: nodeEnv, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out.stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { out.stderr += c; });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, out, exited };
  };

  /** `npm start` until it listens, then killed (a clean stop is the server-process test's concern). */
  const startServer = async (databaseUrl: string, nodeEnv: string): Promise<string> => {
    const server = run('api/main.ts', databaseUrl, nodeEnv);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening on" within 30 s\n${server.out.stdout}\n${server.out.stderr}`)), 30_000);
        const check = () => { if (server.out.stdout.includes('listening on')) { clearTimeout(timer); resolve(); } };
        server.child.stdout.on('data', check);
        void server.exited.then(() => { clearTimeout(timer); reject(new Error(`exited before listening\n${server.out.stdout}\n${server.out.stderr}`)); });
      });
      return server.out.stdout;
    } finally {
      // With DATABASE_URL nothing is embedded, so nothing is orphaned by a hard stop.
      server.child.kill('SIGKILL');
      await server.exited;
    }
  };

  it('npm start in production on an empty database starts without demo users, and says so', async () => {
    const db = await createTestDatabase();
    try {
      const stdout = await startServer(db.url, 'production');
      expect(stdout).toContain('NODE_ENV=production and no users yet: starting without demo users (create real accounts to sign in)');
      expect(printedPasswords(stdout.split('\n')).size).toBe(0);
      expect(await count(db, 'users')).toBe(0);
    } finally {
      await db.drop();
    }
  }, 90_000);

  it('npm start seeds the demo users at the first start outside production, and not at the next', async () => {
    const db = await createTestDatabase();
    try {
      const first = await startServer(db.url, 'development');
      expect(printedPasswords(first.split('\n')).size).toBe(DEMO_USERS.length);
      expect(await count(db, 'users')).toBe(DEMO_USERS.length);
      const second = await startServer(db.url, 'development');
      expect(printedPasswords(second.split('\n')).size).toBe(0);
      expect(second).not.toContain('Demo world created');
      expect(await count(db, 'users')).toBe(DEMO_USERS.length);
    } finally {
      await db.drop();
    }
  }, 90_000);

  it('npm run seed: creates and prints the users once, then reports there is nothing to do; refuses in production', async () => {
    const db = await createTestDatabase();
    const seed = async (nodeEnv: string) => {
      const r = run('api/seed/main.ts', db.url, nodeEnv);
      return { code: await r.exited, ...r.out };
    };
    try {
      const refused = await seed('production');
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain('NODE_ENV=production: refusing');
      expect(await count(db, 'users')).toBe(0);
      const first = await seed('development');
      expect(first.code, first.stderr).toBe(0);
      expect(printedPasswords(first.stdout.split('\n')).size).toBe(DEMO_USERS.length);
      const second = await seed('development');
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('the database already has users: no demo users created');
      expect(printedPasswords(second.stdout.split('\n')).size).toBe(0);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
