import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

describe('受理通知书 and 一次性告知', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('lists a material accepted as missing (容缺) with its promised date on a green-channel notice', async () => {
    const ent = await h.as('ent-east');
    const caseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    await (await h.as('supervisor-city')).post(`/api/cases/${caseId}/green`, { reason: '市重点项目' });
    const window = await h.as('window-east');
    const accepted = await window.post(`/api/cases/${caseId}/accept`, { missingMaterials: [{ code: 'CP10', promisedBy: '2026-03-06T17:00:00+08:00' }] });
    expect(accepted.status).toBe(200);
    const notice = (await ent.get(`/api/cases/${caseId}/acceptance-notice`)).body;
    expect(notice).toMatchObject({ kind: 'acceptance', green: true, promisedDays: 12 });
    // green channel: 7 working days from Mon 2 March
    expect(notice.dueAt).toBe(new Date('2026-03-11T23:59:59.999+08:00').toISOString());
    expect(notice.materials.find((m: { code: string }) => m.code === 'CP10')).toEqual({
      code: 'CP10', name: expect.any(String), essential: false, status: 'promised', promisedBy: new Date('2026-03-06T17:00:00+08:00').toISOString(),
    });
  });

  it('says 未提交 for an optional material the window did not receive, 已收取 for the rest', async () => {
    const ent = await h.as('ent-east');
    const caseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    const window = await h.as('window-east');
    const optional = ['CP10', 'CP11'];
    expect((await window.post(`/api/cases/${caseId}/accept`, { notReceived: optional })).status).toBe(200);
    const notice = (await ent.get(`/api/cases/${caseId}/acceptance-notice`)).body;
    expect(notice.kind).toBe('acceptance');
    const status = Object.fromEntries(notice.materials.map((m: { code: string; status: string }) => [m.code, m.status]));
    expect(optional.map((c) => status[c])).toEqual(['not-submitted', 'not-submitted']);
    expect(Object.entries(status).filter(([c]) => !optional.includes(c)).every(([, s]) => s === 'received')).toBe(true);
    const pdf = await window.get(`/api/cases/${caseId}/acceptance-notice.pdf`);
    expect(pdf.status).toBe(200);
  });

  it('refuses to list an essential, unknown, owed or repeated material as not received, naming each, and accepts nothing', async () => {
    const ent = await h.as('ent-east');
    const caseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    await (await h.as('supervisor-city')).post(`/api/cases/${caseId}/green`, { reason: '市重点项目' });
    const window = await h.as('window-east');
    const bad = await window.post(`/api/cases/${caseId}/accept`, {
      notReceived: ['CP01', 'XX99', 'CP10', 'CP11', 'CP11'], missingMaterials: [{ code: 'CP10', promisedBy: '2026-03-06T17:00:00+08:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual(['notReceived.0', 'notReceived.1', 'notReceived.2', 'notReceived.4']);
    expect((await ent.get(`/api/cases/${caseId}`)).body.status).toBe('running');
    expect((await ent.get(`/api/cases/${caseId}/acceptance-notice`)).body.kind).toBe('pending');
    const wrongType = await window.post(`/api/cases/${caseId}/accept`, { notReceived: 'CP10' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.problems[0].path).toBe('notReceived');
  });

  it('gives a refused application every reason at once', async () => {
    const ent = await h.as('ent-east');
    const caseId = (await ent.post('/api/cases', { itemCode: '010070001000', regionCode: '990121' })).body.id;
    const refused = await (await h.as('window-east')).post(`/api/cases/${caseId}/refuse`, { reasons: ['缺少经营场所证明', '法定代表人身份证明已过期'] });
    expect(refused.body.status).toBe('returned');
    const notice = (await ent.get(`/api/cases/${caseId}/acceptance-notice`)).body;
    expect(notice.kind).toBe('refusal');
    expect(notice.refusalReasons).toEqual(['缺少经营场所证明', '法定代表人身份证明已过期']);
    expect(notice.queryCode).toBeNull();
  });
});
