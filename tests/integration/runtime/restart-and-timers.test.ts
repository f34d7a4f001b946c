import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, eventTypes, holdMeeting, ITEM, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

const COUNTY = '990121';

describe('durable time across a restart', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('a new runtime completes a joint review left with pending timers, firing each timer exactly once', async () => {
    // given: a case in joint review on the first runtime, two departments have approved
    const first = h.runtime;
    const applied = await first.startCase({ itemCode: ITEM.constructionPermit, regionCode: COUNTY, applicantId: 'ent-restart' });
    const accepted = await first.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'w' });
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    for (const task of reviews.slice(0, 2)) {
      await first.signFor({ caseId: applied.caseId, taskId: task.id, actor: 'r' });
      await first.giveOpinion({ caseId: applied.caseId, taskId: task.id, decision: 'approve', actor: 'r' });
    }
    const signedOnly = reviews[2]!;
    await first.signFor({ caseId: applied.caseId, taskId: signedOnly.id, actor: 'r' });

    // when: the process "dies" (its live engines with it), time passes beyond every limit,
    // and two new runtimes (a restarted node and a second node) both sweep for due timers
    h.clock.set('2026-03-20T09:00:00+08:00');
    const restarted = h.newRuntime();
    const secondNode = h.newRuntime();
    const fired = await Promise.all([restarted.runDueTimers(), secondNode.runDueTimers(), restarted.runDueTimers()]);

    // then: each pending timer took effect once in total, whoever fired it
    const timerRows = await rows(h.db, 'SELECT key, fired_at FROM case_timers WHERE case_id = $1', [applied.caseId]);
    const firedRows = timerRows.filter((t) => t.fired_at !== null);
    expect(fired.reduce((a, b) => a + b, 0)).toBe(firedRows.length);
    const defaults = await rows(h.db, `SELECT task_id, basis FROM opinions WHERE case_id = $1 AND basis <> 'given' ORDER BY basis`, [applied.caseId]);
    expect(defaults).toHaveLength(6);
    expect(new Set(defaults.map((d) => d.task_id)).size).toBe(6);
    // the department that signed but did nothing: 不作为默认; the five that never signed: 签收超时
    expect(defaults.filter((d) => d.basis === 'inaction').map((d) => d.task_id)).toEqual([signedOnly.id]);
    expect(defaults.filter((d) => d.basis === 'unsigned')).toHaveLength(5);
    const accountability = await rows(h.db, 'SELECT task_id FROM accountability_records WHERE case_id = $1', [applied.caseId]);
    expect(accountability).toHaveLength(6);
    const types = await eventTypes(h.db, applied.caseId);
    expect(types.filter((t) => t === 'review-concluded')).toHaveLength(1);

    // and the restarted runtime carries the case on to the meeting and the end
    const state = await rows(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting' AND status = 'open'`, [applied.caseId]);
    expect(state).toHaveLength(1);
    const met = await holdMeeting(h, applied.caseId, { runtime: restarted });
    const done = await restarted.completeTask({ caseId: applied.caseId, taskId: taskOf(met, 'issuePermit').id, outcome: 'approved', actor: 'zj' });
    expect(done.status).toBe('completed');
    // a late duplicate wake changes nothing
    expect(await secondNode.runDueTimers()).toBe(0);
  });
});

describe('ten departments acting at the same instant', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('stores every opinion once and joins once, on separate runtimes (app nodes)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const applied = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: COUNTY, applicantId: `ent-c${round}` });
      const accepted = await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'w' });
      const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
      const nodes = reviews.map(() => h.newRuntime());
      await Promise.all(reviews.map((t, i) => nodes[i]!.signFor({ caseId: applied.caseId, taskId: t.id, actor: 'r' })));
      // each department submits twice at once (a double click): the duplicate is refused or replayed
      const attempts = reviews.flatMap((t, i) => [0, 1].map((n) =>
        nodes[(i + n) % nodes.length]!.giveOpinion({ requestId: `op-${round}-${t.id}`, caseId: applied.caseId, taskId: t.id, decision: 'approve', actor: 'r' })));
      const results = await Promise.allSettled(attempts);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const opinions = await rows(h.db, 'SELECT task_id FROM opinions WHERE case_id = $1', [applied.caseId]);
      expect(opinions).toHaveLength(reviews.length);
      const types = await eventTypes(h.db, applied.caseId);
      expect(types.filter((t) => t === 'review-concluded')).toHaveLength(1);
      expect(types.filter((t) => t === 'opinion')).toHaveLength(reviews.length);
      const meetings = await rows(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting'`, [applied.caseId]);
      expect(meetings).toHaveLength(1);
    }
  });
});
