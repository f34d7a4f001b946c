import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { rows } from '../../support/runtime-harness.ts';

/** 公开查询 is open to anyone: its 6-digit query code must not be guessable by trying. */
describe('public lookup limits', () => {
  let h: ApiHarness;
  let caseNumber: string;
  let queryCode: string;
  const lookup = (code: string, number = caseNumber) => h.anonymous().get(`/api/public/progress?caseNumber=${number}&queryCode=${code}`);
  const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

  beforeAll(async () => {
    h = await createApiHarness();
    const applied = await (await h.as('ent-east')).post('/api/cases', { itemCode: '010030001000', regionCode: '990121', materials: ['CP01', 'CP02'] });
    const accepted = await (await h.as('window-east')).post(`/api/cases/${applied.body.id}/accept`, {});
    caseNumber = accepted.body.caseNumber;
    queryCode = accepted.body.queryCode;
  });
  afterAll(async () => { await h.close(); });

  it('refuses a malformed lookup with 400 naming the field and counts nothing', async () => {
    const counters = () => rows(h.db, 'SELECT key, hits, resets_at FROM attempt_windows ORDER BY key');
    const before = await counters();
    const res = await h.anonymous().get(`/api/public/progress?caseNumber=${caseNumber}&queryCode=12ab`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.problems)).toContain('queryCode');
    expect(await counters()).toEqual(before);
  });

  it('locks a case number\'s lookup for an hour after 20 wrong codes, even for the right one', async () => {
    expect((await lookup(queryCode)).status).toBe(200);
    for (let i = 0; i < 20; i += 1) expect((await lookup(wrong(queryCode))).status).toBe(404);
    const locked = await lookup(queryCode);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(3000);
    h.clock.advance(60 * 60_000);
    expect((await lookup(queryCode)).status).toBe(200);
  });

  it('allows one address 30 lookups a minute', async () => {
    h.clock.advance(60 * 60_000);
    for (let i = 0; i < 30; i += 1) expect((await lookup(queryCode)).status).toBe(200);
    const refused = await lookup(queryCode);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    h.clock.advance(60_000);
    expect((await lookup(queryCode)).status).toBe(200);
  });
});
