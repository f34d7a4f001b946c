import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';

const COUNTY = '990121';
const CITY = '990100';

// One reviewer per department of the construction permit's joint review.
const DEPARTMENTS = [`${COUNTY}:zj`, `${COUNTY}:zrzy`, `${COUNTY}:xf`, `${COUNTY}:rf`, `${COUNTY}:sthj`, `${COUNTY}:sw`, `${CITY}:fgw`, `${CITY}:jt`];

describe('企业投资建设项目施工许可 over HTTP, from application to 办结', () => {
  let h: ApiHarness;
  const reviewers = new Map<string, ApiClient>();
  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const users = new UserStore(h.db.pool);
    const passwordHash = await hashPassword(PASSWORD);
    for (const dept of DEPARTMENTS) {
      const username = `rev-${dept.replace(':', '-')}`;
      if (dept !== `${COUNTY}:xf`) await users.create({ id: `u-${username}`, username, passwordHash, displayName: username, role: dept.endsWith(':zj') ? 'lead' : 'reviewer', regionCode: dept.split(':')[0]!, departmentId: dept });
      reviewers.set(dept, await h.as(dept === `${COUNTY}:xf` ? 'xf-east' : username));
    }
  });
  afterAll(async () => { await h.close(); });

  it('runs the whole journey: apply, accept, sign and review, one department times out, meeting with an absentee, permit', async () => {
    const enterprise = await h.as('ent-east');
    const applied = await enterprise.post('/api/cases', { itemCode: '010030001000', regionCode: COUNTY, materials: ['CP01', 'CP02'] }, { 'idempotency-key': 'apply-1' });
    expect(applied.status).toBe(201);
    const caseId = applied.body.id as string;
    const window = await h.as('window-east');
    const accepted = await window.post(`/api/cases/${caseId}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.queryCode).toMatch(/^\d{6}$/);
    const notice = await window.get(`/api/cases/${caseId}/acceptance-notice`);
    expect(notice.body).toMatchObject({ kind: 'acceptance', caseNumber: accepted.body.caseNumber, queryCode: accepted.body.queryCode, promisedDays: 12 });
    expect(notice.body.dueAt).toBe(new Date('2026-03-18T23:59:59.999+08:00').toISOString());
    expect(notice.body.materials.every((m: { status: string }) => m.status === 'received')).toBe(true);

    // six departments sign and approve; the city transport bureau signs and then does nothing
    for (const dept of DEPARTMENTS.filter((d) => d !== `${CITY}:jt`)) {
      const client = reviewers.get(dept)!;
      const inbox = await client.get('/api/tasks/inbox');
      const task = inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
      expect((await client.post(`/api/tasks/${task.taskId}/sign`)).status).toBe(200);
      expect((await client.post(`/api/tasks/${task.taskId}/opinion`, { decision: 'approve' })).status).toBe(200);
    }
    const jt = reviewers.get(`${CITY}:jt`)!;
    const jtTask = (await jt.get('/api/tasks/inbox')).body.tasks[0];
    await jt.post(`/api/tasks/${jtTask.taskId}/sign`);
    h.clock.set('2026-03-10T09:00:00+08:00');
    await h.runtime.runDueTimers();

    // a week later: sessions last a working day, so everyone signs in again
    const lead = await h.as('rev-990121-zj');
    const meeting = (await lead.get('/api/tasks/inbox')).body.tasks.find((t: { kind: string }) => t.kind === 'meeting');
    expect((await lead.post(`/api/tasks/${meeting.taskId}/meeting`, { at: '2026-03-11T14:30:00+08:00', place: '东阳县政务服务中心三楼联审会议室' })).status).toBe(200);
    const attendance = Object.fromEntries(DEPARTMENTS.map((d) => [d, d !== `${COUNTY}:rf`]));
    expect((await lead.post(`/api/tasks/${meeting.taskId}/meeting/close`, { decision: 'approved', attendance })).status).toBe(200);
    const permit = (await lead.get('/api/tasks/inbox')).body.tasks.find((t: { elementId: string }) => t.elementId === 'issuePermit');
    expect((await lead.post(`/api/tasks/${permit.taskId}/complete`, { outcome: 'approved' })).status).toBe(200);

    const done = await (await h.as('ent-east')).get(`/api/cases/${caseId}`);
    expect(done.body.status).toBe('completed');
    const defaults = done.body.timeline.filter((e: { type: string }) => e.type === 'default-consent').map((e: { payload: { basis: string; departmentId: string } }) => [e.payload.departmentId, e.payload.basis]);
    expect(defaults).toEqual([[`${CITY}:jt`, 'inaction'], [`${COUNTY}:rf`, 'absence']]);

    // the public lookup shows progress without anything personal
    const lookup = await h.anonymous().get(`/api/public/progress?caseNumber=${done.body.caseNumber}&queryCode=${accepted.body.queryCode}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.status).toBe('completed');
    expect(JSON.stringify(lookup.body)).not.toContain('ent-east');
    const wrongCode = await h.anonymous().get(`/api/public/progress?caseNumber=${done.body.caseNumber}&queryCode=000000`);
    expect(wrongCode.status).toBe(accepted.body.queryCode === '000000' ? 200 : 404);
  });

  it('returns the first result for a repeated Idempotency-Key instead of applying twice', async () => {
    const enterprise = await h.as('ent-east');
    const first = await enterprise.post('/api/cases', { itemCode: '010070001000', regionCode: COUNTY }, { 'idempotency-key': 'apply-twice' });
    const again = await enterprise.post('/api/cases', { itemCode: '010070001000', regionCode: COUNTY }, { 'idempotency-key': 'apply-twice' });
    expect(again.body.id).toBe(first.body.id);
  });
});
