import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION } from '../../support/runtime-harness.ts';

describe('rating a case over HTTP', () => {
  let h: ApiHarness;
  let enterprise: ApiClient;
  let window: ApiClient;
  /** Applied by ent-east and refused at the window (不予受理): ended, returned. */
  let refusedId: string;
  /** Applied by ent-east and still running. */
  let runningId: string;

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    enterprise = await h.as('ent-east');
    window = await h.as('window-east');
    refusedId = (await enterprise.post('/api/cases', { itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county })).body.id;
    expect((await window.post(`/api/cases/${refusedId}/refuse`, { reasons: ['经营场所与申请材料不符'] })).status).toBe(200);
    runningId = (await enterprise.post('/api/cases', { itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county })).body.id;
  });
  afterAll(async () => { await h.close(); });

  it('shows an ended case as awaiting the applicant’s rating, with the scale and the window', async () => {
    const res = await enterprise.get(`/api/cases/${refusedId}/rating`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'awaiting', rating: null, archived: null,
      window: { closesAt: new Date('2026-03-23T23:59:59.999+08:00').toISOString() },
      scale: { id: 'national-5', levels: ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] },
    });
  });

  it('never lets staff rate for the applicant (403), whatever their role', async () => {
    for (const username of ['window-east', 'xf-east', 'zj-east', 'supervisor-city', 'admin']) {
      const staff = await h.as(username);
      const res = await staff.post(`/api/cases/${refusedId}/rating`, { level: '非常满意' });
      expect(res.status, username).toBe(403);
    }
    expect((await enterprise.get(`/api/cases/${refusedId}/rating`)).body.state).toBe('awaiting');
  });

  it('answers 404 to another applicant, as if the case did not exist', async () => {
    const other = await h.as('ent-other');
    expect((await other.post(`/api/cases/${refusedId}/rating`, { level: '非常不满意' })).status).toBe(404);
    expect((await other.get(`/api/cases/${refusedId}/rating`)).status).toBe(404);
  });

  it('answers 400 naming the field for a level outside the scale', async () => {
    const res = await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '很满意', comment: 'x'.repeat(501) });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual(['level', 'comment']);
    const aspect = await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '满意', aspects: { mood: '满意' } });
    expect(aspect.status).toBe(400);
    expect(aspect.body.problems).toEqual([expect.objectContaining({ path: 'aspects.mood' })]);
  });

  it('answers 409 before the case has ended', async () => {
    const res = await enterprise.post(`/api/cases/${runningId}/rating`, { level: '满意' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
  });

  it('records the applicant’s rating once (201), then answers 409; a dissatisfied rating marks a verification', async () => {
    const first = await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '不满意', comment: '退回理由没有一次说清', aspects: { efficiency: '非常不满意' } }, { 'idempotency-key': 'rate-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      state: 'rated', archived: { reason: 'rated' },
      rating: { level: '不满意', rank: 4, dissatisfied: true, verificationDue: true, comment: '退回理由没有一次说清', aspects: { efficiency: '非常不满意' } },
    });
    // a retry with the same key is the same rating, not a second one
    expect((await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '不满意' }, { 'idempotency-key': 'rate-1' })).status).toBe(201);
    const twice = await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '非常满意' });
    expect(twice.status).toBe(409);
    expect(twice.body.title).toContain('already been rated');
  });

  it('shows the rating to whoever may read the case, and to no one else', async () => {
    expect((await window.get(`/api/cases/${refusedId}/rating`)).body.rating.level).toBe('不满意');
    expect((await (await h.as('supervisor-city')).get(`/api/cases/${refusedId}/rating`)).status).toBe(200);
    expect((await (await h.as('window-west')).get(`/api/cases/${refusedId}/rating`)).status).toBe(404);
    expect((await (await h.as('supervisor-west')).get(`/api/cases/${refusedId}/rating`)).status).toBe(404);
  });

  it('lets supervisors and admins verify the ledger, and nobody else', async () => {
    const supervisor = await h.as('supervisor-city');
    const res = await supervisor.get('/api/ledger/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, checked: 1, firstBroken: null });
    expect((await (await h.as('admin')).get('/api/ledger/verify')).status).toBe(200);
    for (const username of ['ent-east', 'window-east', 'xf-east']) {
      expect((await (await h.as(username)).get('/api/ledger/verify')).status, username).toBe(403);
    }
    expect((await h.anonymous().get('/api/ledger/verify')).status).toBe(401);
  });
});
