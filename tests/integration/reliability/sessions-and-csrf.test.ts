/**
 * Session safety beyond the role × endpoint matrix: a token planted before sign-in is never
 * adopted (session fixation); every state-changing endpoint refuses a cookie session without its
 * own CSRF token and changes nothing; password guessing is locked out per username even when the
 * guesses come from many addresses, and per address even when they spread over many usernames.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../../api/openapi/operations.ts';
import type { Role } from '../../../api/auth/auth-user.ts';
import { createApiHarness, PASSWORD, USERS, type ApiHarness } from '../../support/api-harness.ts';
import { snapshotDatabase } from './database-snapshot.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const concretePath = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => (/itemCode/i.test(name) ? '010070001000' : MISSING));
const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie')?.split(';')[0];

async function login(baseUrl: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await res.json() as any };
}

async function me(baseUrl: string, headers: Record<string, string>) {
  const res = await fetch(`${baseUrl}/api/auth/me`, { headers });
  return { status: res.status, body: await res.json() as any };
}

describe('session fixation', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  it('issues a new session on sign-in and never adopts a token chosen before it', async () => {
    const planted = 'attacker-chosen-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const res = await login(h.baseUrl, { username: 'ent-east', password: PASSWORD }, { cookie: `ls_session=${planted}` });
    expect(res.status).toBe(200);
    const issued = cookieOf(res)!;
    expect(issued).toMatch(/^ls_session=/);
    expect(issued).not.toContain(planted);
    expect((await me(h.baseUrl, { cookie: `ls_session=${planted}` })).status).toBe(401);
    expect((await me(h.baseUrl, { cookie: issued })).body.user.username).toBe('ent-east');
  });

  it("does not lift an attacker's own planted session to the victim who signs in over it", async () => {
    const attacker = await login(h.baseUrl, { username: 'ent-other', password: PASSWORD });
    const planted = cookieOf(attacker)!;
    const victim = await login(h.baseUrl, { username: 'ent-east', password: PASSWORD }, { cookie: planted, 'x-csrf-token': attacker.body.csrfToken });
    expect(victim.status).toBe(200);
    expect(cookieOf(victim)).not.toBe(planted);
    // the planted session is still the attacker's own, never the victim's
    expect((await me(h.baseUrl, { cookie: planted })).body.user.username).toBe('ent-other');
    expect((await me(h.baseUrl, { cookie: cookieOf(victim)! })).body.user.username).toBe('ent-east');
  });

  it('gives every sign-in its own token, CSRF token and bearer token', async () => {
    const first = await login(h.baseUrl, { username: 'window-east', password: PASSWORD });
    const second = await login(h.baseUrl, { username: 'window-east', password: PASSWORD });
    expect(cookieOf(first)).not.toBe(cookieOf(second));
    expect(first.body.csrfToken).not.toBe(second.body.csrfToken);
    const bearers = await Promise.all([0, 1].map(() => login(h.baseUrl, { username: 'window-east', password: PASSWORD, client: 'bearer' })));
    expect(bearers[0]!.body.token).not.toBe(bearers[1]!.body.token);
  });
});

describe('CSRF on cookie sessions, on every state-changing endpoint', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  const writes = API_OPERATIONS.filter((op) => op.method !== 'get' && op.access !== 'public');

  it('covers every state-changing endpoint', () => {
    expect(writes.length).toBeGreaterThan(25);
  });

  it('refuses each without the token, with a wrong one and with another session\'s, changing nothing', async () => {
    const sessions = new Map<string, { cookie: string; csrf: string; otherCsrf: string }>();
    const sessionFor = async (username: string) => {
      if (!sessions.has(username)) {
        const mine = await login(h.baseUrl, { username, password: PASSWORD });
        const other = await login(h.baseUrl, { username, password: PASSWORD });
        sessions.set(username, { cookie: cookieOf(mine)!, csrf: mine.body.csrfToken, otherCsrf: other.body.csrfToken });
      }
      return sessions.get(username)!;
    };
    for (const op of writes) {
      const username = Object.keys(USERS).find((u) => op.access === 'signed-in' || (op.access as readonly Role[]).includes(USERS[u]!.role))!;
      await sessionFor(username);
    }
    const before = await snapshotDatabase(h.db.pool);
    const wrong: string[] = [];
    for (const op of writes) {
      const username = Object.keys(USERS).find((u) => op.access === 'signed-in' || (op.access as readonly Role[]).includes(USERS[u]!.role))!;
      const session = await sessionFor(username);
      for (const [what, token] of [['no token', undefined], ['a wrong token', 'x'.repeat(43)], ["another session's token", session.otherCsrf]] as const) {
        const res = await fetch(`${h.baseUrl}${concretePath(op.path)}`, {
          method: op.method.toUpperCase(),
          headers: { cookie: session.cookie, 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
          body: '{}',
        });
        const body = await res.json().catch(() => ({})) as { code?: string };
        if (res.status !== 403 || body.code !== 'csrf_failed') wrong.push(`${op.method.toUpperCase()} ${op.path} with ${what} → ${res.status} ${body.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotDatabase(h.db.pool)).toEqual(before);
  });

  it('accepts the same write with the session\'s own token (the refusals were about CSRF, nothing else)', async () => {
    const res = await login(h.baseUrl, { username: 'ent-east', password: PASSWORD });
    const created = await fetch(`${h.baseUrl}/api/cases`, {
      method: 'POST', headers: { cookie: cookieOf(res)!, 'x-csrf-token': res.body.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ itemCode: '010070001000', regionCode: '990121' }),
    });
    expect(created.status).toBe(201);
  });
});

describe('password guessing', () => {
  let h: ApiHarness;
  // three tries a minute per address and username (the production default is ten)
  beforeAll(async () => { h = await createApiHarness(undefined, { loginLimit: 3 }); });
  afterAll(async () => { await h.close(); });

  const guess = (username: string, from: string, password = 'guess') =>
    login(h.baseUrl, { username, password }, { 'x-forwarded-for': from });

  it('locks one username out after repeated failures even when every guess comes from a new address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await guess('window-east', `203.0.113.${i + 1}`)).status);
    const firstLocked = statuses.indexOf(429);
    expect(firstLocked, statuses.join(',')).toBeGreaterThan(0);
    expect(statuses.slice(firstLocked).every((s) => s === 429), statuses.join(',')).toBe(true);
    // locked means locked: the right password from yet another address is refused too
    expect((await guess('window-east', '198.51.100.7', PASSWORD)).status).toBe(429);
    // other users are not affected
    expect((await guess('window-west', '198.51.100.7', PASSWORD)).status).toBe(200);
  });

  it('locks one address out after repeated failures even when every guess names another user', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push((await guess(`nobody-${i}`, '192.0.2.50')).status);
    const firstLocked = statuses.indexOf(429);
    expect(firstLocked, statuses.join(',')).toBeGreaterThan(0);
    expect(statuses.slice(firstLocked).every((s) => s === 429), statuses.join(',')).toBe(true);
    // another address still signs in
    expect((await guess('xf-east', '192.0.2.51', PASSWORD)).status).toBe(200);
  });

  it('does not count successful sign-ins against a username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await guess('zj-east', `198.51.100.${i + 10}`, PASSWORD)).status);
    expect(statuses.every((s) => s === 200), statuses.join(',')).toBe(true);
  });

  it('answers a locked-out sign-in with a problem saying to wait', async () => {
    const res = await guess('window-east', '198.51.100.99');
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('rate_limited');
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
