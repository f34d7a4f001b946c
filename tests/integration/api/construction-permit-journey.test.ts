import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { PublicProgressSchema } from '../../../api/public/public-schemas.ts';

const COUNTY = '990121';
const CITY = '990100';

// One reviewer per department of the construction permit's joint review.
const DEPARTMENTS = [`${COUNTY}:zj`, `${COUNTY}:zrzy`, `${COUNTY}:xf`, `${COUNTY}:rf`, `${COUNTY}:sthj`, `${COUNTY}:sw`, `${CITY}:fgw`, `${CITY}:jt`];

const DEPARTMENT_NAMES: Record<string, string> = {
  [`${COUNTY}:zj`]: '东阳县住房和城乡建设局', [`${COUNTY}:zrzy`]: '东阳县自然资源和规划局', [`${COUNTY}:xf`]: '东阳县消防救援支队',
  [`${COUNTY}:rf`]: '东阳县人民防空办公室', [`${COUNTY}:sthj`]: '东阳县生态环境局', [`${COUNTY}:sw`]: '东阳县水务局',
  [`${CITY}:fgw`]: '临川市发展和改革委员会', [`${CITY}:jt`]: '临川市交通运输局',
};
const XF_REASON = '消防设计审查合格';
const XF_CONDITION = '施工期间保持消防车通道畅通';

/** 公开查询 names departments, never people: no user id or name, no opinion's reasons or conditions, no internal ids. */
function expectNothingPersonal(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of ['ent-east', 'xf-east', 'u-rev-', 'window-east', XF_REASON, XF_CONDITION]) expect(text).not.toContain(secret);
  for (const key of ['"by"', '"assignee"', '"givenBy"', '"applicantId"', '"reasons"', '"conditions"', '"materials"', '"taskId"', '"payload"']) expect(text).not.toContain(key);
}

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
      // the fire brigade approves with reasons and a condition, which are the applicant's, not the public's
      const opinion = dept === `${COUNTY}:xf` ? { decision: 'approve', reasons: [XF_REASON], conditions: [XF_CONDITION] } : { decision: 'approve' };
      expect((await client.post(`/api/tasks/${task.taskId}/opinion`, opinion)).status).toBe(200);
    }
    const jt = reviewers.get(`${CITY}:jt`)!;
    const jtTask = (await jt.get('/api/tasks/inbox')).body.tasks[0];
    await jt.post(`/api/tasks/${jtTask.taskId}/sign`);

    // 公开查询 while the transport bureau holds the case: each department by name, with its state and countdown
    const midway = await h.anonymous().get(`/api/public/progress?caseNumber=${accepted.body.caseNumber}&queryCode=${accepted.body.queryCode}`);
    expect(midway.status).toBe(200);
    expect(() => PublicProgressSchema.parse(midway.body)).not.toThrow();
    const byName = new Map(midway.body.departments.map((d: { departmentName: string }) => [d.departmentName, d]));
    expect([...byName.keys()].sort()).toEqual(Object.values(DEPARTMENT_NAMES).sort());
    expect(byName.get('东阳县消防救援支队')).toMatchObject({ departmentId: `${COUNTY}:xf`, state: 'approved' });
    expect(byName.get('临川市交通运输局')).toMatchObject({ departmentId: `${CITY}:jt`, state: 'signed', late: false, remainingWorkingDays: expect.any(Number) });
    expect(midway.body.pending).toEqual([expect.objectContaining({ departmentId: `${CITY}:jt`, departmentName: '临川市交通运输局' })]);
    const signedBy = midway.body.steps.filter((s: { type: string }) => s.type === 'signed').map((s: { departmentName: string }) => s.departmentName);
    expect(signedBy.sort()).toEqual(Object.values(DEPARTMENT_NAMES).sort());
    expect(midway.body.steps.filter((s: { type: string }) => s.type === 'opinion')).toHaveLength(7);
    expectNothingPersonal(midway.body);
    h.clock.set('2026-03-10T09:00:00+08:00');
    await h.runtime.runDueTimers();

    // a week later: sessions last a working day, so everyone signs in again
    let lead = await h.as('rev-990121-zj');
    const meeting = (await lead.get('/api/tasks/inbox')).body.tasks.find((t: { kind: string }) => t.kind === 'meeting');
    expect((await lead.post(`/api/tasks/${meeting.taskId}/meeting`, { at: '2026-03-11T14:30:00+08:00', place: '东阳县政务服务中心三楼联审会议室' })).status).toBe(200);
    // the applicant sees the 联审会 coming: when, where, who leads it, whom it invited
    const meetingOf = async () => (await (await h.as('ent-east')).get(`/api/cases/${caseId}/progress`)).body.meetings;
    const [scheduled] = await meetingOf();
    expect(scheduled).toMatchObject({
      taskId: meeting.taskId, status: 'scheduled', decision: null, closedAt: null, place: '东阳县政务服务中心三楼联审会议室',
      scheduledAt: new Date('2026-03-11T14:30:00+08:00').toISOString(), leadId: `${COUNTY}:zj`, leadName: DEPARTMENT_NAMES[`${COUNTY}:zj`],
    });
    expect(scheduled.attendance.every((a: { present: unknown; absenceDefault: boolean }) => a.present === null && !a.absenceDefault)).toBe(true);
    const attendance = Object.fromEntries(DEPARTMENTS.map((d) => [d, d !== `${COUNTY}:rf`]));
    // attendance (and with it 缺席默认) is recorded only once the meeting has taken place
    expect((await lead.get('/api/meetings')).body.meetings[0]).toMatchObject({ taskId: meeting.taskId, closable: false });
    const early = await lead.post(`/api/tasks/${meeting.taskId}/meeting/close`, { decision: 'approved', attendance });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('invalid_state');
    expect((await meetingOf())[0]).toMatchObject({ status: 'scheduled', decision: null });
    h.clock.set('2026-03-11T14:30:00+08:00');
    lead = await h.as('rev-990121-zj');
    expect((await lead.get('/api/meetings')).body.meetings[0]).toMatchObject({ taskId: meeting.taskId, closable: true });
    expect((await lead.post(`/api/tasks/${meeting.taskId}/meeting/close`, { decision: 'approved', attendance })).status).toBe(200);
    // …and, once it is closed, who attended and that the absent 人防 counts as agreeing (缺席默认),
    // invitees in the order the review round lists the departments
    const [closed] = await meetingOf();
    expect(closed).toMatchObject({ status: 'closed', decision: 'approved' });
    const reviewOrder = (await (await h.as('ent-east')).get(`/api/cases/${caseId}/progress`)).body.departments.map((d: { departmentId: string }) => d.departmentId);
    expect(closed.attendance.map((a: { departmentId: string }) => a.departmentId)).toEqual(reviewOrder.filter((d: string) => d in attendance));
    expect(closed.attendance.filter((a: { present: boolean }) => !a.present).map((a: object) => a))
      .toEqual([{ departmentId: `${COUNTY}:rf`, departmentName: DEPARTMENT_NAMES[`${COUNTY}:rf`], present: false, absenceDefault: true }]);
    expect(closed.attendance.filter((a: { absenceDefault: boolean }) => a.absenceDefault)).toHaveLength(1);
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
    expect(() => PublicProgressSchema.parse(lookup.body)).not.toThrow();
    expectNothingPersonal(lookup.body);
    const finalStates = Object.fromEntries(lookup.body.departments.map((d: { departmentId: string; state: string }) => [d.departmentId, d.state]));
    expect(finalStates).toMatchObject({ [`${CITY}:jt`]: 'default-approved', [`${COUNTY}:rf`]: 'approved', [`${COUNTY}:xf`]: 'approved' });
    expect(lookup.body.steps.filter((s: { type: string }) => s.type === 'default-consent').map((s: { departmentName: string }) => s.departmentName))
      .toEqual(['临川市交通运输局', '东阳县人民防空办公室']);
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
