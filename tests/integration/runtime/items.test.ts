import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAndAccept, createHarness, eventTypes, ITEM, REGION, reviewAll, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';

describe('every approval item in processes/ runs end to end', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('食品经营许可: a 补正 round stops the clock, then the licence is issued (承诺件 办结)', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county);
    const review = taskOf(accepted, 'review', `${REGION.county}:scjg`);
    await h.runtime.signFor({ caseId: accepted.caseId, taskId: review.id, actor: 'scjg' });
    const asked = await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: review.id, decision: 'supplement', materials: ['食品安全管理制度文本'], actor: 'scjg' });
    expect(asked.form).toBe('supplement');
    const supplied = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(asked, 'supplement').id, outcome: 'supplied', actor: 'ent-1' });
    expect(supplied.form).toBe('promised');
    const approved = await reviewAll(h.runtime, supplied, 'review');
    const done = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(approved, 'issueLicence').id, outcome: 'approved', actor: 'scjg' });
    expect(done.status).toBe('completed');
    expect(await eventTypes(h.db, accepted.caseId)).toEqual(expect.arrayContaining(['paused', 'resumed', 'completed']));
  });

  it('食品经营许可: a rejection ends the case as 退办件 with the reasons kept', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county);
    const done = await reviewAll(h.runtime, accepted, 'review', 'reject');
    expect(done.status).toBe('returned');
    expect(done.form).toBe('returned');
    const [opinion] = await rows(h.db, 'SELECT reasons FROM opinions WHERE case_id = $1', [accepted.caseId]);
    expect(opinion!.reasons).toEqual(['不符合条件']);
  });

  it('危险化学品经营许可 (市县联动): the county pre-reviews, then the parent city’s departments decide', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.hazardousChemicals, REGION.otherCounty);
    expect(taskOf(accepted, 'countyPreReview').departmentId).toBe(`${REGION.otherCounty}:yjgl`);
    const passedUp = await reviewAll(h.runtime, accepted, 'countyPreReview');
    const city = passedUp.openTasks.filter((t) => t.elementId === 'cityReview').map((t) => t.departmentId).sort();
    expect(city).toEqual([`${REGION.city}:sthj`, `${REGION.city}:xf`, `${REGION.city}:yjgl`]);
    const decided = await reviewAll(h.runtime, passedUp, 'cityReview');
    expect(taskOf(decided, 'cityDecision').departmentId).toBe(`${REGION.city}:yjgl`);
    const done = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(decided, 'cityDecision').id, outcome: 'approved', actor: 'yjgl' });
    expect(done.status).toBe('completed');
  });

  it('12345: a department returns a misrouted order with its reason, the next one answers, the caller is called back', async () => {
    const order = await h.runtime.startCase({ itemCode: ITEM.workOrder12345, startedBy: 'hotline', regionCode: REGION.county, applicantId: 'caller-1' });
    const routed = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(order, 'dispatch').id, outcome: 'routed', department: `${REGION.county}:zj`, actor: 'dispatcher' });
    const first = taskOf(routed, 'handle', `${REGION.county}:zj`);
    await expect(h.runtime.completeTask({ caseId: order.caseId, taskId: first.id, outcome: 'returned', actor: 'zj' })).rejects.toMatchObject({ code: 'validation_failed' });
    const back = await h.runtime.completeTask({ caseId: order.caseId, taskId: first.id, outcome: 'returned', returnReason: 'outside-jurisdiction', actor: 'zj' });
    const rerouted = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(back, 'dispatch').id, outcome: 'routed', department: `${REGION.county}:sw`, actor: 'dispatcher' });
    const handle = taskOf(rerouted, 'handle', `${REGION.county}:sw`);
    await expect(h.runtime.completeTask({ caseId: order.caseId, taskId: handle.id, outcome: 'answered', actor: 'sw' })).rejects.toMatchObject({ code: 'invalid_state' });
    await h.runtime.signFor({ caseId: order.caseId, taskId: handle.id, actor: 'sw' });
    const answered = await h.runtime.completeTask({ caseId: order.caseId, taskId: handle.id, outcome: 'answered', actor: 'sw' });
    const closed = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(answered, 'callback').id, outcome: 'satisfied', actor: 'dispatcher' });
    expect(closed.status).toBe('completed');
  });

  it('12345: an unanswered order is reminded, urged twice after its limit and escalated to supervision', async () => {
    const order = await h.runtime.startCase({ itemCode: ITEM.workOrder12345, startedBy: 'hotline', regionCode: REGION.county, applicantId: 'caller-2' });
    const routed = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(order, 'dispatch').id, outcome: 'routed', department: `${REGION.county}:jt`, actor: 'dispatcher' });
    const handle = taskOf(routed, 'handle');
    await h.runtime.signFor({ caseId: order.caseId, taskId: handle.id, actor: 'jt' });
    // handling limit: 8 working days from Mon 2 March → end of Thu 12 March; escalation 10 working days later → end of Thu 26 March
    expect(handle.dueAt).toBe(new Date('2026-03-12T23:59:59.999+08:00').toISOString());
    h.clock.set('2026-03-26T12:00:00+08:00');
    await h.runtime.runDueTimers();
    let types = await eventTypes(h.db, order.caseId);
    expect(types.filter((t) => t === 'reminder')).toHaveLength(1);
    expect(types.filter((t) => t === 'urged')).toHaveLength(2);
    expect(types).not.toContain('escalated');
    h.clock.set('2026-03-27T09:00:00+08:00');
    await h.runtime.runDueTimers();
    types = await eventTypes(h.db, order.caseId);
    expect(types.filter((t) => t === 'escalated')).toHaveLength(1);
    const supervise = await rows(h.db, `SELECT assignee, status FROM tasks WHERE case_id = $1 AND element_id = 'supervise'`, [order.caseId]);
    expect(supervise).toEqual([{ assignee: 'supervisor', status: 'open' }]);
    // the department can still answer; the case ends when supervision closes too
    const answered = await h.runtime.completeTask({ caseId: order.caseId, taskId: handle.id, outcome: 'answered', actor: 'jt' });
    const called = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(answered, 'callback').id, outcome: 'unsatisfied', actor: 'dispatcher' });
    expect(called.status).toBe('running');
    const done = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(called, 'supervise').id, outcome: 'done', actor: 'supervisor' });
    expect(done.status).toBe('completed');
  });
});
