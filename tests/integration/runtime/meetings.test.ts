import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAndAccept, createHarness, eventTypes, holdMeeting, ITEM, REGION, reviewAll, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';

describe('联审会: joint review meetings and 缺席默认', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  async function caseAtMeeting(applicantId: string) {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId });
    return reviewAll(h.runtime, accepted, 'jointReview');
  }

  it('records two absent departments as approving the meeting decision, each with an accountability record', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting');
    const absent = [`${REGION.county}:rf`, `${REGION.city}:jt`];
    const after = await holdMeeting(h, atMeeting.caseId, { absent });
    expect(taskOf(after, 'issuePermit').departmentId).toBe(`${REGION.county}:zj`);
    const defaults = await rows(h.db, `SELECT department_id, decision FROM opinions WHERE case_id = $1 AND basis = 'absence' ORDER BY department_id`, [atMeeting.caseId]);
    expect(defaults).toEqual([{ department_id: `${REGION.city}:jt`, decision: 'approve' }, { department_id: `${REGION.county}:rf`, decision: 'approve' }]);
    const records = await rows(h.db, `SELECT department_id, level, basis FROM accountability_records WHERE case_id = $1 ORDER BY department_id`, [atMeeting.caseId]);
    expect(records).toEqual([
      { department_id: `${REGION.city}:jt`, level: 'city', basis: 'absence' },
      { department_id: `${REGION.county}:rf`, level: 'county', basis: 'absence' },
    ]);
    const attendance = await rows(h.db, `SELECT count(*) FILTER (WHERE present) AS present, count(*) FILTER (WHERE NOT present) AS absent
      FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.case_id = $1`, [atMeeting.caseId]);
    expect(attendance).toEqual([{ present: 6, absent: 2 }]);
  });

  it('refuses to close a meeting whose attendance leaves an invitee out, and changes nothing', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-2');
    const task = taskOf(atMeeting, 'jointMeeting');
    await h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: h.clock.now(), place: '联审会议室', actor: 'lead' });
    const before = await eventTypes(h.db, atMeeting.caseId);
    await expect(h.runtime.closeMeeting({ caseId: atMeeting.caseId, taskId: task.id, decision: 'approved', attendance: { [`${REGION.county}:zj`]: true }, actor: 'lead' }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: expect.arrayContaining([{ path: `attendance.${REGION.county}:xf`, reason: 'record whether this invitee attended' }]) });
    expect(await eventTypes(h.db, atMeeting.caseId)).toEqual(before);
  });

  it('refuses to close a meeting that was never scheduled, and to finish it as a plain task', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-3');
    const task = taskOf(atMeeting, 'jointMeeting');
    await expect(h.runtime.closeMeeting({ caseId: atMeeting.caseId, taskId: task.id, decision: 'approved', attendance: {}, actor: 'lead' }))
      .rejects.toMatchObject({ code: 'invalid_state' });
    await expect(h.runtime.completeTask({ caseId: atMeeting.caseId, taskId: task.id, outcome: 'approved', actor: 'lead' }))
      .rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('returns the case when the meeting rejects, the absent recorded as agreeing with that decision', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-4');
    const after = await holdMeeting(h, atMeeting.caseId, { decision: 'rejected', absent: [`${REGION.county}:sw`] });
    expect(after.status).toBe('returned');
    const [row] = await rows(h.db, `SELECT decision FROM opinions WHERE case_id = $1 AND basis = 'absence'`, [atMeeting.caseId]);
    expect(row!.decision).toBe('reject');
  });
});
