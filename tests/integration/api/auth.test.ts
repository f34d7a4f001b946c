import { SESSION_HOURS } from '../../../api/auth/user-store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createApiHarness, PASSWORD, type ApiHarness } from '../../support/api-harness.ts';

describe('signing in', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  it('sets an httpOnly SameSite=Strict session cookie and returns a CSRF token', async () => {
    const client = new ApiClient(h.baseUrl);
    const res = await client.login('ent-east');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'ent-east', role: 'applicant', regionCode: '990121' });
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ls_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await client.get('/api/auth/me')).body.user.username).toBe('ent-east');
  });

  it('gives the cookie a lifetime relative to the browser’s clock (Max-Age), so a skewed server clock cannot hand out a dead cookie', async () => {
    // the harness clock is in March 2026, months behind the real date the browser lives in
    const res = await new ApiClient(h.baseUrl).login('ent-east');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_HOURS * 3600}(;|$)`));
    const expires = new Date(cookie.match(/Expires=([^;]+)/)![1]!);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong password with 401 and the same answer as an unknown user', async () => {
    const wrong = await new ApiClient(h.baseUrl).login('ent-east', 'browser', 'nope');
    const unknown = await new ApiClient(h.baseUrl).login('nobody', 'browser', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.code).toBe('invalid_credentials');
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('requires the CSRF token for a state-changing request made with the cookie', async () => {
    const client = await h.as('ent-east');
    const forged = await fetch(`${h.baseUrl}/api/cases`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: (client as any).cookie },
      body: JSON.stringify({ itemCode: '010070001000', regionCode: '990121' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('csrf_failed');
    expect(await h.db.pool.query('SELECT 1 FROM cases').then((r) => r.rowCount)).toBe(0);
  });

  it('gives machine clients a bearer token that needs no CSRF token', async () => {
    const machine = new ApiClient(h.baseUrl);
    const res = await machine.login('ent-east', 'bearer');
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const created = await machine.post('/api/cases', { itemCode: '010070001000', regionCode: '990121' });
    expect(created.status).toBe(201);
  });

  it('signs out: the session no longer works', async () => {
    const client = await h.as('window-east');
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('lets another user sign in on a browser that still holds someone’s cookie session, without that session’s CSRF token', async () => {
    const first = await new ApiClient(h.baseUrl).login('ent-east');
    const leftover = first.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${h.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { cookie: leftover, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xf-east', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { username: string } }).user.username).toBe('xf-east');
    // the leftover session itself still needs its token for anything else
    const write = await fetch(`${h.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: leftover } });
    expect(write.status).toBe(403);
  });

  it('stores argon2id hashes, never the password', async () => {
    const { rows } = await h.db.pool.query(`SELECT password_hash FROM users WHERE username = 'ent-east'`);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain('horse');
  });
});

describe('sign-in rate limit', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(undefined, { loginLimit: 3 }); });
  afterAll(async () => { await h.close(); });

  it('answers 429 after too many attempts for one username from one address', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await new ApiClient(h.baseUrl).login('ent-east', 'browser', 'guess')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
