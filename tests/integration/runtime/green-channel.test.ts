import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgInboxSource } from '../../../engine/adapters/postgres/pg-inbox-source.ts';
import { departmentInbox } from '../../../engine/queries/department-inbox.ts';
import { applyAndAccept, createHarness, ITEM, REGION, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

describe('绿色通道 for key projects', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('compresses the running limits when a supervisor marks a case green, and tells its 帮办 of every step', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-key' });
    expect(accepted.dueAt).toBe(endOf('2026-03-18'));
    const green = await h.runtime.markGreen({ caseId: accepted.caseId, actor: 'supervisor-1', reason: '市重点项目', helperId: 'helper-wang' });
    // promised 12 → green 7 working days from Mon 2 March; review 5 → green 3 (city fgw 3 → its green 2)
    expect(green.dueAt).toBe(endOf('2026-03-11'));
    expect(taskOf(green, 'jointReview', `${REGION.county}:xf`).dueAt).toBe(endOf('2026-03-05'));
    expect(taskOf(green, 'jointReview', `${REGION.city}:fgw`).dueAt).toBe(endOf('2026-03-04'));
    await expect(h.runtime.markGreen({ caseId: accepted.caseId, actor: 'supervisor-1', reason: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    const task = taskOf(green, 'jointReview', `${REGION.county}:xf`);
    await h.runtime.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'xf' });
    await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'xf' });
    const told = await rows(h.db, `SELECT type FROM notifications WHERE recipient = 'helper-wang' AND case_id = $1 ORDER BY event_seq`, [accepted.caseId]);
    expect(told.map((n) => n.type)).toEqual(['green-channel', 'signed', 'opinion']);
  });

  it('puts green-channel cases first in the department inbox, then the nearest deadline', async () => {
    h.clock.set('2026-03-03T09:00:00+08:00');
    const normal = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.otherCounty, { applicantId: 'ent-n' });
    const green = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.otherCounty, { applicantId: 'ent-g', green: true });
    const inbox = await departmentInbox(new PgInboxSource(h.db.pool), h.runtime.env.calendar, h.clock.now(), `${REGION.otherCounty}:scjg`);
    expect(inbox.map((e) => e.caseId)).toEqual([green.caseId, normal.caseId]);
    // review: 3 working days from Tue 3 March → Fri 6 March; green 2 → Thu 5 March
    expect(inbox.map((e) => e.remainingWorkingDays)).toEqual([2, 3]);
    expect(inbox.map((e) => e.light)).toEqual(['none', 'none']);
    const thursday = new Date('2026-03-05T10:00:00+08:00');
    const later = await departmentInbox(new PgInboxSource(h.db.pool), h.runtime.env.calendar, thursday, `${REGION.otherCounty}:scjg`);
    expect(later.map((e) => e.light)).toEqual(['yellow', 'none']);
  });

  it('accepts a green case with a non-essential material missing (容缺受理) and stops the clock when the promise is broken', async () => {
    h.clock.set('2026-03-09T09:00:00+08:00');
    const applied = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-rq', green: true, helperId: 'helper-li' });
    const accept = taskOf(applied, 'accept');
    await expect(h.runtime.completeTask({ caseId: applied.caseId, taskId: accept.id, outcome: 'accepted', actor: 'w', missingMaterials: [{ code: 'CP04', promisedBy: new Date('2026-03-13T17:00:00+08:00') }] }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'missingMaterials.0.code', reason: expect.stringContaining('essential') }] });
    const accepted = await h.runtime.completeTask({ caseId: applied.caseId, taskId: accept.id, outcome: 'accepted', actor: 'w', missingMaterials: [{ code: 'CP10', promisedBy: new Date('2026-03-13T17:00:00+08:00') }] });
    expect(accepted.form).toBe('joint');
    h.clock.set('2026-03-13T17:30:00+08:00');
    await h.runtime.runDueTimers();
    const [paused] = await rows(h.db, 'SELECT paused_at, pause_reason FROM cases WHERE id = $1', [applied.caseId]);
    expect(paused!.pause_reason).toBe('missing-materials');
    const told = await rows(h.db, `SELECT type FROM notifications WHERE recipient = 'ent-rq' AND case_id = $1`, [applied.caseId]);
    expect(told).toEqual([{ type: 'materials-overdue' }]);
    const resumed = await h.runtime.supplyMaterials({ caseId: applied.caseId, codes: ['CP10'], actor: 'ent-rq' });
    const [running] = await rows(h.db, 'SELECT paused_at FROM cases WHERE id = $1', [applied.caseId]);
    expect(running!.paused_at).toBeNull();
    expect(resumed.status).toBe('running');
  });

  it('refuses 容缺受理 for a case that is not on the green channel', async () => {
    const applied = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-plain' });
    await expect(h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'w', missingMaterials: [{ code: 'CP10', promisedBy: new Date('2026-04-01T17:00:00+08:00') }] }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'missingMaterials', reason: expect.stringContaining('green') }] });
  });
});
