/**
 * Every request leaves one log line an operator can find it by (request id, method, path,
 * status, time) — and never the credentials it carried: no bearer token, session cookie or
 * CSRF token reaches the log.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

describe('request log', () => {
  let h: ApiHarness;
  const lines: string[] = [];
  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(line); } });
    h = await createApiHarness(undefined, { logger });
  });
  afterAll(async () => { await h.close(); });

  it('logs each request by id, method, path, status and time, without its credentials', async () => {
    const bearer = new ApiClient(h.baseUrl);
    const token = (await bearer.login('xf-east', 'bearer')).body.token as string;
    const browser = new ApiClient(h.baseUrl);
    const signedIn = await browser.login('window-east');
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    lines.length = 0;
    const me = await fetch(`${h.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-me-0001' } });
    expect(me.status).toBe(200);
    expect((await browser.post('/api/tasks/00000000-0000-4000-8000-000000000000/sign', {})).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.find((l) => l.req?.id === 'trace-me-0001')).toMatchObject({
      msg: 'request completed', req: { id: 'trace-me-0001', method: 'GET', url: '/api/auth/me' }, res: { statusCode: 200 }, responseTime: expect.any(Number),
    });
    expect(logged.some((l) => l.req?.method === 'POST' && l.res?.statusCode === 403)).toBe(true);
    const text = lines.join('\n');
    for (const secret of [token, cookie, decodeURIComponent(cookie), signedIn.body.csrfToken as string]) expect(text).not.toContain(secret);
  });
});
