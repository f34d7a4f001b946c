import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAndAccept, bpmn, createHarness, eventTypes, holdMeeting, ITEM, REGION, reviewAll, rows, taskOf, type Harness,
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

  it('refuses to schedule a meeting at a time already past, naming the field, and records nothing', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-5');
    const task = taskOf(atMeeting, 'jointMeeting');
    const before = await eventTypes(h.db, atMeeting.caseId);
    const yesterday = new Date(h.clock.now().getTime() - 24 * 3600_000);
    await expect(h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: yesterday, place: '联审会议室', actor: 'lead' }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [expect.objectContaining({ path: 'at' })] });
    expect(await eventTypes(h.db, atMeeting.caseId)).toEqual(before);
    expect(await rows(h.db, 'SELECT id FROM meetings WHERE case_id = $1', [atMeeting.caseId])).toEqual([]);
  });

  it('takes a time typed to the minute while that minute runs (up to a minute past), but not two minutes past', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-grace');
    const task = taskOf(atMeeting, 'jointMeeting');
    const minutesAgo = (m: number) => new Date(h.clock.now().getTime() - m * 60_000);
    await expect(h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: minutesAgo(2), place: '联审会议室', actor: 'lead' }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [expect.objectContaining({ path: 'at' })] });
    await h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: minutesAgo(0.9), place: '联审会议室', actor: 'lead' });
    expect(await rows(h.db, 'SELECT scheduled_at FROM meetings WHERE case_id = $1', [atMeeting.caseId])).toEqual([{ scheduled_at: minutesAgo(0.9) }]);
  });

  it('refuses to invite a department that takes no part in the case — it would be charged with 缺席默认 — naming it, and records nothing', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-7');
    const task = taskOf(atMeeting, 'jointMeeting');
    const before = await eventTypes(h.db, atMeeting.caseId);
    const schedule = (invitees: string[]) => h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: h.clock.now(), place: '联审会议室', invitees, actor: 'lead' });
    // another county's fire brigade, and a department that does not exist
    await expect(schedule([`${REGION.county}:xf`, '990122:xf', `${REGION.county}:nope`])).rejects.toMatchObject({
      code: 'validation_failed', problems: [expect.objectContaining({ path: 'invitees.1' }), expect.objectContaining({ path: 'invitees.2' })],
    });
    expect(await eventTypes(h.db, atMeeting.caseId)).toEqual(before);
    expect(await rows(h.db, 'SELECT id FROM meetings WHERE case_id = $1', [atMeeting.caseId])).toEqual([]);
    // a department of the case (here a city one, of the review round) may be invited, once however often named
    await schedule([`${REGION.city}:jt`, `${REGION.city}:jt`]);
    const invited = await rows(h.db, 'SELECT a.department_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.task_id = $1 ORDER BY 1', [task.id]);
    expect(invited).toEqual([{ department_id: `${REGION.city}:jt` }, { department_id: `${REGION.county}:zj` }]);
  });

  it("charges an absent invitee from another step of the case with 缺席默认 at that step's level", async () => {
    // a variant of the permit whose meeting invites no city department by default
    const permit = await bpmn('construction-permit.bpmn');
    const meetingAt = permit.indexOf('<bpmn:userTask id="jointMeeting"');
    const narrow = permit.slice(0, meetingAt) + permit.slice(meetingAt)
      .replace('<approval:participant department="fgw" level="city" />', '').replace('<approval:participant department="jt" level="city" />', '');
    const itemCode = '010030009901';
    await h.runtime.deploy(narrow.replace('approval:itemCode="010030001000"', `approval:itemCode="${itemCode}"`).replaceAll('"constructionPermit"', '"constructionPermitNarrow"'));
    const accepted = await applyAndAccept(h.runtime, itemCode, REGION.county, { applicantId: 'ent-meeting-8' });
    const atMeeting = await reviewAll(h.runtime, accepted, 'jointReview');
    const task = taskOf(atMeeting, 'jointMeeting');
    const jt = `${REGION.city}:jt`;
    await h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at: h.clock.now(), place: '联审会议室', invitees: [`${REGION.county}:zj`, jt], actor: 'lead' });
    await h.runtime.closeMeeting({ caseId: atMeeting.caseId, taskId: task.id, decision: 'approved', attendance: { [`${REGION.county}:zj`]: true, [jt]: false }, actor: 'lead' });
    expect(await rows(h.db, `SELECT department_id, level, basis FROM accountability_records WHERE task_id = $1`, [task.id]))
      .toEqual([{ department_id: jt, level: 'city', basis: 'absence' }]);
  });

  // (moves the clock forward: last)
  it('records no attendance and no 缺席默认 for a meeting that has not been held yet; once its time comes it closes', async () => {
    const atMeeting = await caseAtMeeting('ent-meeting-6');
    const task = taskOf(atMeeting, 'jointMeeting');
    const at = new Date(h.clock.now().getTime() + 2 * 3600_000);
    await h.runtime.scheduleMeeting({ caseId: atMeeting.caseId, taskId: task.id, at, place: '联审会议室', actor: 'lead' });
    const invitees = (await rows<{ department_id: string }>(h.db,
      'SELECT a.department_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.task_id = $1 ORDER BY 1', [task.id])).map((r) => r.department_id);
    const absent = `${REGION.county}:rf`;
    expect(invitees).toContain(absent);
    const attendance = Object.fromEntries(invitees.map((d) => [d, d !== absent]));
    const before = await eventTypes(h.db, atMeeting.caseId);
    await expect(h.runtime.closeMeeting({ caseId: atMeeting.caseId, taskId: task.id, decision: 'approved', attendance, actor: 'lead' }))
      .rejects.toMatchObject({ code: 'invalid_state', details: { scheduledAt: at.toISOString() } });
    expect(await eventTypes(h.db, atMeeting.caseId)).toEqual(before);
    expect(await rows(h.db, `SELECT id FROM opinions WHERE task_id = $1`, [task.id])).toEqual([]);
    expect(await rows(h.db, `SELECT id FROM accountability_records WHERE task_id = $1`, [task.id])).toEqual([]);

    h.clock.set(at);
    const after = await h.runtime.closeMeeting({ caseId: atMeeting.caseId, taskId: task.id, decision: 'approved', attendance, actor: 'lead' });
    expect(taskOf(after, 'issuePermit')).toBeTruthy();
    expect(await rows(h.db, `SELECT department_id FROM opinions WHERE task_id = $1 AND basis = 'absence'`, [task.id])).toEqual([{ department_id: absent }]);
  });
});
