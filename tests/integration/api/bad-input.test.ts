import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

describe('bad input gets a clear 4xx naming the field, and changes nothing', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  const caseCount = async () => (await h.db.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n as number;

  it('names every invalid field of an application', async () => {
    const ent = await h.as('ent-east');
    const res = await ent.post('/api/cases', { itemCode: '', regionCode: 'east', materials: 'CP01' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['itemCode', 'materials', 'regionCode']);
    expect(await caseCount()).toBe(0);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const ent = await h.as('ent-east');
    const res = await ent.request('POST', '/api/cases', '{"itemCode": "0100', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
  });

  it('answers an oversize body with 413', async () => {
    const ent = await h.as('ent-east');
    const res = await ent.post('/api/cases', { itemCode: '010070001000', regionCode: '990121', materials: Array(40_000).fill('CP01-xxxxxxx') });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await caseCount()).toBe(0);
  });

  it('refuses an unknown region and an unknown item with the field named', async () => {
    const ent = await h.as('ent-east');
    const region = await ent.post('/api/cases', { itemCode: '010070001000', regionCode: '123456' });
    expect(region.status).toBe(400);
    expect(region.body.problems).toEqual([{ path: 'regionCode', reason: 'no region "123456"' }]);
    const item = await ent.post('/api/cases', { itemCode: 'NO-SUCH', regionCode: '990121' });
    expect(item.status).toBe(404);
    expect(await caseCount()).toBe(0);
  });

  it('refuses an application for an internal item: a 12345 order is registered by the hotline, a 差评核查 opened by a rating', async () => {
    const ent = await h.as('ent-east');
    for (const [itemCode, starter] of [['200150001000', '12345 hotline'], ['200140001000', '不满意 rating']] as const) {
      const res = await ent.post('/api/cases', { itemCode, regionCode: '990121', materials: [] });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([{ path: 'itemCode', reason: expect.stringContaining(starter) }]);
    }
    expect(await caseCount()).toBe(0);
    // …while the hotline registers its orders as before
    expect((await (await h.as('window-east')).post('/api/work-orders', {})).status).toBe(201);
  });

  it('refuses an application or a 12345 order declaring a material its item does not ask for, naming it', async () => {
    const before = await caseCount();
    const ent = await h.as('ent-east');
    const res = await ent.post('/api/cases', { itemCode: '010070001000', regionCode: '990121', materials: ['FB01', 'ZZ99'] });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ path: 'materials.1', reason: expect.stringContaining('ZZ99') }]);
    const order = await (await h.as('window-east')).post('/api/work-orders', { materials: ['WO01', 'CP01'] });
    expect(order.status).toBe(400);
    expect(order.body.problems).toEqual([{ path: 'materials.1', reason: expect.stringContaining('CP01') }]);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a 帮办 for a green-channel case who is not window or department staff of its region, naming helperId, and changes nothing', async () => {
    const caseId = (await (await h.as('ent-east')).post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    const supervisor = await h.as('supervisor-city');
    // nobody; the applicant; a supervisor; another county's window
    for (const helperId of ['u-nobody', 'u-ent-east', 'u-supervisor-city', 'u-window-west']) {
      const res = await supervisor.post(`/api/cases/${caseId}/green`, { reason: '市重点项目', helperId });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([{ path: 'helperId', reason: "no window or department staff of the case's region (or below) with this id" }]);
    }
    expect((await h.db.pool.query('SELECT green, helper_id FROM cases WHERE id = $1', [caseId])).rows[0]).toEqual({ green: false, helper_id: null });
    const ok = await supervisor.post(`/api/cases/${caseId}/green`, { reason: '市重点项目', helperId: 'u-window-east' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ green: true, helperId: 'u-window-east' });
  });

  it('answers a malformed id in the path with 400, not a server error', async () => {
    const ent = await h.as('ent-east');
    const res = await ent.get('/api/cases/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.problems[0].path).toBe('params.caseId');
  });

  it('names the field of an opinion that lacks what its decision requires', async () => {
    const ent = await h.as('ent-east');
    const caseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    const accepted = await (await h.as('window-east')).post(`/api/cases/${caseId}/accept`, {});
    const task = accepted.body.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === '990121:xf' && t.status === 'open');
    const xf = await h.as('xf-east');
    await xf.post(`/api/tasks/${task.id}/sign`);
    const res = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'reject' });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ path: 'reasons', reason: 'required when decision is reject' }]);
    const wrongDecision = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'maybe' });
    expect(wrongDecision.body.problems[0].path).toBe('decision');
  });

  it('sends security headers and a request id', async () => {
    const res = await h.anonymous().get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/[\w-]{8,}/);
    // plain HTTP on an intranet: no HSTS, no upgrade of sub-resources to HTTPS
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('lets no browser or proxy keep an API answer (window terminals are shared computers)', async () => {
    const xf = await h.as('xf-east');
    for (const path of ['/api/auth/me', '/api/tasks/inbox', '/api/no-such-endpoint']) {
      const res = await xf.get(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      // nothing stored, nothing to revalidate: no ETag, and a conditional request is answered in full
      expect(res.headers.get('etag'), path).toBeNull();
    }
    const again = await xf.request('GET', '/api/auth/me', undefined, { 'if-none-match': '*' });
    expect(again.status).toBe(200);
    expect(again.body.user.username).toBe('xf-east');
    // not an API path: the liveness probe carries no such header
    expect((await h.anonymous().get('/healthz')).headers.get('cache-control')).toBeNull();
  });
});
