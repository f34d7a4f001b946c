import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { applyAndAccept, ITEM, REGION, reviewAll } from '../../support/runtime-harness.ts';

describe('what the window desk and the department workbench read', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  describe('总台受理 queue', () => {
    it("lists the region's applications waiting for acceptance, green channel first, and drops them once accepted", async () => {
      const ent = await h.as('ent-east');
      const plain = (await ent.post('/api/cases', { itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, materials: ['FB01'] })).body;
      const key = (await ent.post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.county, materials: ['CP01', 'CP02'] })).body;
      await (await h.as('supervisor-city')).post(`/api/cases/${key.id}/green`, { reason: '市重点项目' });
      const window = await h.as('window-east');
      const queue = (await window.get('/api/tasks/acceptance-queue')).body.applications;
      expect(queue.map((a: { caseId: string }) => a.caseId)).toEqual([key.id, plain.id]);
      expect(queue[0]).toMatchObject({ caseNumber: key.caseNumber, itemCode: ITEM.constructionPermit, itemName: '企业投资建设项目施工许可', green: true, applicantName: 'ent-east', materialsTotal: 14, materialsSubmitted: 2 });

      await window.post(`/api/cases/${key.id}/accept`, {});
      const after = (await window.get('/api/tasks/acceptance-queue')).body.applications;
      expect(after.map((a: { caseId: string }) => a.caseId)).toEqual([plain.id]);
    });

    it("shows a window nothing of another county's applications and refuses other roles", async () => {
      const west = (await (await h.as('window-west')).get('/api/tasks/acceptance-queue'));
      expect(west.status).toBe(200);
      expect(west.body.applications).toEqual([]);
      expect((await (await h.as('xf-east')).get('/api/tasks/acceptance-queue')).status).toBe(403);
      expect((await (await h.as('ent-east')).get('/api/tasks/acceptance-queue')).status).toBe(403);
    });
  });

  describe('联审会 of a department', () => {
    it('shows the lead its meeting to close and an invited department the meeting it must attend, with attendance once closed', async () => {
      const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'u-ent-east' });
      await reviewAll(h.runtime, accepted, 'jointReview');
      const lead = await h.as('zj-east');
      const meetingTask = (await lead.get('/api/tasks/inbox')).body.tasks.find((t: { kind: string; caseId: string }) => t.kind === 'meeting' && t.caseId === accepted.caseId);
      // a meeting is scheduled ahead: a time already past is refused, naming the field
      const past = await lead.post(`/api/tasks/${meetingTask.taskId}/meeting`, { at: '2026-03-02T08:00:00+08:00', place: '三楼联审会议室' });
      expect(past.status).toBe(400);
      expect(past.body.problems.map((p: { path: string }) => p.path)).toEqual(['at']);
      expect((await lead.get('/api/meetings')).body.meetings).toEqual([]);
      expect((await lead.post(`/api/tasks/${meetingTask.taskId}/meeting`, { at: '2026-03-02T10:00:00+08:00', place: '三楼联审会议室' })).status).toBe(200);

      const leading = (await lead.get('/api/meetings')).body.meetings;
      expect(leading).toHaveLength(1);
      expect(leading[0]).toMatchObject({ caseId: accepted.caseId, taskId: meetingTask.taskId, leading: true, status: 'scheduled', place: '三楼联审会议室', leadId: '990121:zj', closable: false });
      const invitees = leading[0].attendance.map((a: { departmentId: string }) => a.departmentId);
      expect(invitees).toContain('990121:xf');
      expect(leading[0].attendance.every((a: { present: boolean | null }) => a.present === null)).toBe(true);

      const xf = await h.as('xf-east');
      const invited = (await xf.get('/api/meetings')).body.meetings;
      expect(invited).toHaveLength(1);
      expect(invited[0]).toMatchObject({ caseId: accepted.caseId, leading: false, leadName: expect.any(String) });

      const attendance = Object.fromEntries(invitees.map((d: string) => [d, d !== '990121:xf']));
      // not before it has taken place: nothing recorded, no 缺席默认 for a meeting still to come
      expect((await lead.post(`/api/tasks/${meetingTask.taskId}/meeting/close`, { decision: 'approved', attendance })).status).toBe(409);
      expect((await h.db.pool.query(`SELECT count(*)::int AS n FROM opinions WHERE task_id = $1`, [meetingTask.taskId])).rows[0].n).toBe(0);
      expect((await xf.get('/api/meetings')).body.meetings[0]).toMatchObject({ status: 'scheduled', leading: false, closable: false });
      h.clock.set('2026-03-02T10:00:00+08:00');
      expect((await lead.get('/api/meetings')).body.meetings[0].closable).toBe(true);
      expect((await lead.post(`/api/tasks/${meetingTask.taskId}/meeting/close`, { decision: 'approved', attendance })).status).toBe(200);
      const closed = (await xf.get('/api/meetings?status=closed')).body.meetings[0];
      expect(closed).toMatchObject({ status: 'closed', decision: 'approved' });
      expect(closed.attendance.find((a: { departmentId: string }) => a.departmentId === '990121:xf').present).toBe(false);
      expect((await xf.get('/api/meetings?status=scheduled')).body.meetings).toEqual([]);
    });

    it('answers an invitee that is no department of the case with 400 naming it, not a server error', async () => {
      const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'u-ent-east' });
      await reviewAll(h.runtime, accepted, 'jointReview');
      const lead = await h.as('zj-east');
      const meetingTask = (await lead.get('/api/tasks/inbox')).body.tasks.find((t: { kind: string; caseId: string }) => t.kind === 'meeting' && t.caseId === accepted.caseId);
      const res = await lead.post(`/api/tasks/${meetingTask.taskId}/meeting`, { at: h.clock.now().toISOString(), place: '三楼联审会议室', invitees: ['990121:nope'] });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([{ path: 'invitees.0', reason: expect.stringContaining('990121:nope') }]);
      expect((await lead.get('/api/meetings')).body.meetings.filter((m: { caseId: string }) => m.caseId === accepted.caseId)).toEqual([]);
    });

    it('shows a department only meetings it leads or is invited to, and validates the filter', async () => {
      expect((await (await h.as('xf-west')).get('/api/meetings')).body.meetings).toEqual([]);
      const bad = await (await h.as('xf-east')).get('/api/meetings?status=open');
      expect(bad.status).toBe(400);
      expect(bad.body.problems[0].path).toContain('status');
      expect((await (await h.as('window-east')).get('/api/meetings')).status).toBe(403);
      expect((await (await h.as('supervisor-city')).get('/api/meetings')).status).toBe(403);
    });
  });

  describe("a department's own 问责记录 and monthly score", () => {
    it('reads only its own records and refuses another department', async () => {
      const xf = await h.as('xf-east');
      const own = await xf.get('/api/supervision/accountability');
      expect(own.status).toBe(200);
      expect(own.body.records.every((r: { departmentId: string }) => r.departmentId === '990121:xf')).toBe(true);
      expect((await xf.get('/api/supervision/accountability?departmentId=990121:zj')).status).toBe(404);
      const score = await xf.get('/api/statistics/monthly-score?unit=department&month=2026-03');
      expect(score.status).toBe(200);
      expect(score.body.scores.every((s: { departmentId: string }) => s.departmentId === '990121:xf')).toBe(true);
      expect((await xf.get('/api/statistics/monthly-score?unit=window')).status).toBe(404);
    });
  });
});
