/**
 * Each app node keeps the sessions it looked up (no round trip per request to know the caller),
 * yet a session that ends anywhere ends on every node: signing out on one node is refused on the
 * other as soon as the sign-out is answered, expiry at once, and a user disabled or changed in the
 * database as soon as its announcement arrives. A node that loses the connection these
 * announcements come on stops trusting what it kept until it is back.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app.ts';
import { SessionCache } from '../../../api/auth/session-cache.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createPool, type Pool } from '../../../engine/adapters/postgres/pool.ts';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { statementsDuring } from '../../support/statements-during.ts';

const sessionLookups = (sql: string[]) => sql.filter((s) => s.includes('FROM sessions s JOIN users u')).length;

/** Until `count` connections of this database LISTEN for session announcements. */
async function announcementsHeard(pool: Pool, count: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'lianshen-sessions' AND datname = current_database() AND state = 'idle' AND query LIKE 'LISTEN%'`);
    if (rows[0].n >= count) return new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('session announcements never listened to');
}

/**
 * A change made in the database by someone else (an administrator's UPDATE) reaches the nodes
 * with its announcement, a few milliseconds later: asked again for up to half a second — far
 * less than the 10 s an entry is trusted without one, so a missing announcement still fails.
 */
async function soon<T>(ask: () => Promise<T>, expected: T): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < 50 && answer !== expected; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    answer = await ask();
  }
  return answer;
}

describe('sessions kept on two nodes of one database', () => {
  let h: ApiHarness;
  let otherPool: Pool;
  let other: Server;
  let otherUrl: string;
  /** The same bearer session, sent to node A or node B. */
  const node = (baseUrl: () => string) => (token: string) => {
    const client = new ApiClient(baseUrl());
    const auth = { authorization: `Bearer ${token}` };
    return { get: (path: string) => client.request('GET', path, undefined, auth), post: (path: string, body: unknown) => client.request('POST', path, body, auth) };
  };
  const onA = node(() => h.baseUrl);
  const onB = node(() => otherUrl);
  const signIn = async (username: string) => (await new ApiClient(h.baseUrl).login(username, 'bearer')).body.token as string;

  beforeAll(async () => {
    h = await createApiHarness();
    otherPool = createPool(h.db.url);
    const app = createApp({ pool: otherPool, runtime: h.newRuntime() });
    other = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = other.address();
    otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await announcementsHeard(h.db.pool, 2);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => other.close(() => resolve()));
    other.closeAllConnections?.();
    await otherPool.end();
    await h.close();
  });

  it('looks a session up once per node, then knows the caller without a query', async () => {
    const token = await signIn('xf-east');
    const first = await statementsDuring(async () => expect((await onB(token).get('/api/auth/me')).status).toBe(200));
    const second = await statementsDuring(async () => expect((await onB(token).get('/api/auth/me')).body.user.username).toBe('xf-east'));
    expect(sessionLookups(first)).toBe(1);
    expect(second).toEqual([]);
  });

  it('ends a session on the other node the moment it is signed out on one', async () => {
    const token = await signIn('zj-east');
    for (const at of [onA, onB]) for (let i = 0; i < 2; i += 1) expect((await at(token).get('/api/auth/me')).status).toBe(200);
    expect((await onA(token).post('/api/auth/logout', {})).status).toBe(204);
    const after = await onB(token).get('/api/auth/me');
    expect([after.status, after.body.code]).toEqual([401, 'unauthenticated']);
    expect((await onA(token).get('/api/auth/me')).status).toBe(401);
    // a write on the other node is refused too
    expect((await onB(token).post('/api/tasks/00000000-0000-4000-8000-000000000000/sign', {})).status).toBe(401);
  });

  it('refuses a user disabled in the database on every node as soon as the announcement arrives, and admits them again when enabled', async () => {
    const token = await signIn('window-east');
    for (const at of [onA, onB]) for (let i = 0; i < 2; i += 1) expect((await at(token).get('/api/auth/me')).status).toBe(200);
    await h.db.pool.query("UPDATE users SET disabled = true WHERE username = 'window-east'");
    expect(await soon(async () => (await onB(token).get('/api/auth/me')).status, 401)).toBe(401);
    expect(await soon(async () => (await onA(token).get('/api/auth/me')).status, 401)).toBe(401);
    await h.db.pool.query("UPDATE users SET disabled = false WHERE username = 'window-east'");
    expect((await onB(token).get('/api/auth/me')).status).toBe(200);
  });

  it('acts on a changed role, region or department on every node as soon as the announcement arrives', async () => {
    const token = await signIn('supervisor-west');
    for (let i = 0; i < 2; i += 1) expect((await onB(token).get('/api/auth/me')).body.user.regionCode).toBe('990122');
    await h.db.pool.query("UPDATE users SET region_code = '990121' WHERE username = 'supervisor-west'");
    expect(await soon(async () => (await onB(token).get('/api/auth/me')).body.user.regionCode, '990121')).toBe('990121');
    await h.db.pool.query("UPDATE users SET region_code = '990122' WHERE username = 'supervisor-west'");
  });

  it('refuses a kept session once it has expired', async () => {
    const token = await signIn('ent-other');
    for (let i = 0; i < 2; i += 1) expect((await onB(token).get('/api/auth/me')).status).toBe(200);
    h.clock.advance(12 * 3_600_000 + 1);
    expect((await onB(token).get('/api/auth/me')).status).toBe(401);
    expect((await onA(token).get('/api/auth/me')).status).toBe(401);
  });
});

describe('a node that loses its announcements connection', () => {
  let h: ApiHarness;
  let cache: SessionCache;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await cache?.close(); await h.close(); });

  const becomes = (active: boolean) => new Promise<void>((resolve) => {
    if (cache.active === active) return resolve();
    const stop = cache.onChange(() => { if (cache.active === active) { stop(); resolve(); } });
  });

  it('stops answering from memory until it listens again, so nothing ended meanwhile is missed', async () => {
    cache = SessionCache.listen(h.db.pool);
    const users = new UserStore(h.db.pool, cache);
    await becomes(true);
    const opened = await users.openSession('u-xf-east', 'bearer', h.clock.now());
    expect(await users.session(opened.token, h.clock.now())).toBeDefined();
    expect(await statementsDuring(() => users.session(opened.token, h.clock.now()))).toEqual([]);

    await h.db.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lianshen-sessions' AND datname = current_database()");
    await becomes(false);
    // Signed out while nobody listened: the announcement is lost, the kept session must not be used.
    await h.db.pool.query('DELETE FROM sessions WHERE user_id = $1', ['u-xf-east']);
    expect(await users.session(opened.token, h.clock.now())).toBeUndefined();

    await becomes(true);
    const again = await users.openSession('u-xf-east', 'bearer', h.clock.now());
    expect(await users.session(again.token, h.clock.now())).toBeDefined();
    expect(await statementsDuring(() => users.session(again.token, h.clock.now()))).toEqual([]);
  });
});
