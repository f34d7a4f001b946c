/**
 * Sign-in limits are counted in PostgreSQL: two app instances on one database (two workers, two
 * nodes, or one node before and after a restart) see the same guesses and the same lock-out.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app.ts';
import { createPool, type Pool } from '../../../engine/adapters/postgres/pool.ts';
import { ApiClient, createApiHarness, PASSWORD, type ApiHarness } from '../../support/api-harness.ts';

describe('sign-in lock-out across app instances on one database', () => {
  let h: ApiHarness;
  let otherPool: Pool;
  let other: Server;
  let otherUrl: string;

  // Three tries a minute per address and username, nine failures per username in 15 minutes.
  beforeAll(async () => {
    h = await createApiHarness(undefined, { loginLimit: 3 });
    // Its own pool and its own app: shares nothing with the first instance but the database.
    otherPool = createPool(h.db.url);
    const app = createApp({ pool: otherPool, runtime: h.newRuntime(), loginLimit: 3 });
    other = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = other.address();
    otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => other.close(() => resolve()));
    await otherPool.end();
    await h.close();
  });

  const attempt = (baseUrl: string, username: string, password: string, from: string) =>
    fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username, password }),
    });

  it('refuses on one instance the guess that exceeds the limit after guesses on the other', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await attempt(h.baseUrl, 'ent-east', 'guess', '203.0.113.7')).status);
    const refused = await attempt(otherUrl, 'ent-east', 'guess', '203.0.113.7');
    expect([...statuses, refused.status]).toEqual([401, 401, 401, 429]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('keeps a username locked on both instances, and a fresh instance on the same database, whichever served the guesses', async () => {
    const statuses: number[] = [];
    // Spread over both instances and over new addresses: only the username counter can catch it.
    for (let i = 0; i < 12; i += 1) statuses.push((await attempt(i % 2 ? otherUrl : h.baseUrl, 'window-east', 'guess', `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 9).every((s) => s === 401), statuses.join(',')).toBe(true);
    expect(statuses.slice(9).every((s) => s === 429), statuses.join(',')).toBe(true);
    // locked means locked: the right password from another address on either instance
    expect((await attempt(h.baseUrl, 'window-east', PASSWORD, '192.0.2.1')).status).toBe(429);
    expect((await attempt(otherUrl, 'window-east', PASSWORD, '192.0.2.2')).status).toBe(429);
    // a restarted node (a new app on a new pool) still refuses: nothing was kept in memory
    const restartedPool = createPool(h.db.url);
    const restarted = createApp({ pool: restartedPool, runtime: h.newRuntime(), loginLimit: 3 });
    const server = await new Promise<Server>((resolve) => { const s = restarted.listen(0, '127.0.0.1', () => resolve(s)); });
    try {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      expect((await attempt(url, 'window-east', PASSWORD, '192.0.2.3')).status).toBe(429);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await restartedPool.end();
    }
    // other users are not affected
    expect((await new ApiClient(otherUrl).login('window-west')).status).toBe(200);
  });

  it('lifts the username lock-out once its 15 minutes have passed on the clock', async () => {
    expect((await attempt(otherUrl, 'window-east', PASSWORD, '192.0.2.4')).status).toBe(429);
    h.clock.advance(15 * 60_000 + 1);
    expect((await attempt(otherUrl, 'window-east', PASSWORD, '192.0.2.4')).status).toBe(200);
  });

  it('stores no username or address in the clear', async () => {
    const { rows } = await h.db.pool.query<{ key: string }>('SELECT key FROM attempt_windows');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).not.toMatch(/window|ent-east|198\.51|203\.0/);
  });
});
