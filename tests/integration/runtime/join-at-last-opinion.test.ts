/**
 * 会签 joins at the round's last opinion: earlier opinions (given or by default) store their rows
 * and close their tasks without moving the engine, and the last one signals every instance of
 * the round at once — on whichever node, with whatever engine it rebuilt from the stored state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAndAccept, bpmn, createHarness, eventTypes, holdMeeting, ITEM, REGION, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';

async function storedCase(h: Harness, caseId: string): Promise<{ version: number; state: Buffer }> {
  const [row] = await rows(h.db, 'SELECT version, engine_state_z AS state FROM cases WHERE id = $1', [caseId]);
  return row as { version: number; state: Buffer };
}

async function tasksOf(h: Harness, caseId: string, elementId: string) {
  return rows<{ department_id: string; status: string; round: number }>(h.db,
    'SELECT department_id, status, round FROM tasks WHERE case_id = $1 AND element_id = $2 ORDER BY round, department_id', [caseId, elementId]);
}

async function signAll(h: Harness, result: CommandResult, elementId: string): Promise<void> {
  for (const t of result.openTasks.filter((o) => o.elementId === elementId)) {
    await h.runtime.signFor({ caseId: result.caseId, taskId: t.id, actor: 'r' });
  }
}

describe('会签: the round joins at its last opinion', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('stores an opinion that is not the round’s last without rewriting the stored engine state', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-keep' });
    await signAll(h, accepted, 'jointReview');
    const before = await storedCase(h, accepted.caseId);
    const [first, second] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: first!.id, decision: 'approve', actor: 'r' });
    await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: second!.id, decision: 'reject', reasons: ['消防设计不符合规范'], actor: 'r' });
    const after = await storedCase(h, accepted.caseId);
    expect(after.version).toBe(before.version + 2);
    expect(after.state.equals(before.state)).toBe(true);
    const closed = await rows(h.db, `SELECT status FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY status`, [[first!.id, second!.id]]);
    expect(closed).toEqual([{ status: 'done' }, { status: 'done' }]);
    expect(await rows(h.db, 'SELECT decision FROM opinions WHERE case_id = $1 ORDER BY decision', [accepted.caseId])).toEqual([{ decision: 'approve' }, { decision: 'reject' }]);
    // a closed task takes no second opinion
    await expect(h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: first!.id, decision: 'approve', actor: 'r' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('joins every pending instance once on a node that rebuilt the engine from the stored state, and the case runs on to 办结', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-restart' });
    await signAll(h, accepted, 'jointReview');
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    // seven opinions, spread over two nodes; then "restart": a node that has cached nothing
    for (const [i, t] of reviews.slice(0, -1).entries()) {
      const node = i % 2 === 0 ? h.runtime : h.newRuntime();
      await node.giveOpinion({ caseId: accepted.caseId, taskId: t.id, decision: 'approve', actor: 'r' });
      // a node that does not hold the case gives it without rebuilding the engine at all
      if (node !== h.runtime) expect(node.engineStats).toMatchObject({ restored: 0, withoutEngine: 1 });
    }
    expect(await rows(h.db, `SELECT 1 FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting'`, [accepted.caseId])).toHaveLength(0);
    const restarted = h.newRuntime();
    const joined = await restarted.giveOpinion({ caseId: accepted.caseId, taskId: reviews.at(-1)!.id, decision: 'approve', actor: 'r' });
    expect(restarted.engineStats.restored).toBe(1);
    expect(joined.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    expect((await eventTypes(h.db, accepted.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
    expect((await tasksOf(h, accepted.caseId, 'jointReview')).map((t) => t.status)).toEqual(reviews.map(() => 'done'));

    // the stored state moved on with every instance: another fresh node finishes the case from it
    const later = h.newRuntime();
    const met = await holdMeeting(h, accepted.caseId, { runtime: later });
    const done = await later.completeTask({ caseId: accepted.caseId, taskId: taskOf(met, 'issuePermit').id, outcome: 'approved', actor: 'zj' });
    expect(done.status).toBe('completed');
    expect(later.engineStats.restored).toBe(1);
  });

  it('joins when the remaining departments’ limits pass (超时默认 after given opinions)', async () => {
    const local = await createHarness('2026-05-11T09:00:00+08:00');
    try {
      const accepted = await applyAndAccept(local.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-late' });
      const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
      for (const t of reviews.slice(0, 3)) {
        await local.runtime.signFor({ caseId: accepted.caseId, taskId: t.id, actor: 'r' });
        await local.runtime.giveOpinion({ caseId: accepted.caseId, taskId: t.id, decision: 'approve', actor: 'r' });
      }
      local.clock.set('2026-05-25T09:00:00+08:00'); // every sign-for and review limit has passed
      await local.newRuntime().runDueTimers();
      const bases = await rows(local.db, 'SELECT basis, count(*)::int AS n FROM opinions WHERE case_id = $1 GROUP BY basis ORDER BY basis', [accepted.caseId]);
      expect(bases).toEqual([{ basis: 'given', n: 3 }, { basis: 'unsigned', n: reviews.length - 3 }]);
      expect((await eventTypes(local.db, accepted.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
      expect(await rows(local.db, `SELECT status FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting'`, [accepted.caseId])).toEqual([{ status: 'open' }]);
    } finally {
      await local.close();
    }
  });

  it('runs a 补正 round with only the departments that asked, joining it at its own last opinion', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-supply' });
    await signAll(h, accepted, 'jointReview');
    const asking = [`${REGION.county}:xf`, `${REGION.city}:jt`];
    let last = accepted;
    // the departments that ask for materials go first, so their instances wait longest
    const ordered = [...accepted.openTasks.filter((t) => t.elementId === 'jointReview')].sort((a, b) => Number(asking.includes(b.departmentId!)) - Number(asking.includes(a.departmentId!)));
    for (const t of ordered) {
      const asks = asking.includes(t.departmentId!);
      last = await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: t.id, actor: 'r', decision: asks ? 'supplement' : 'approve', ...(asks ? { materials: ['消防设计审查意见书'] } : {}) });
    }
    const supplied = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(last, 'supplement').id, outcome: 'supplied', actor: 'ent-supply' });
    const second = supplied.openTasks.filter((t) => t.elementId === 'jointReview');
    expect(second.map((t) => [t.departmentId, t.round]).sort()).toEqual(asking.map((d) => [d, 2]).sort());
    await signAll(h, supplied, 'jointReview');
    const before = await storedCase(h, accepted.caseId);
    await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: second[0]!.id, decision: 'approve', actor: 'r' });
    expect((await storedCase(h, accepted.caseId)).state.equals(before.state)).toBe(true);
    const joined = await h.newRuntime().giveOpinion({ caseId: accepted.caseId, taskId: second[1]!.id, decision: 'approve', actor: 'r' });
    expect(joined.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    const concluded = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'review-concluded' ORDER BY seq`, [accepted.caseId]);
    expect(concluded.map((c) => [c.payload.round, c.payload.supplement, c.payload.approved])).toEqual([[1, true, false], [2, false, true]]);
  });

  it('lets an interrupting boundary end the review while earlier opinions still wait for the join', async () => {
    await h.runtime.deploy(await bpmn('interrupted-joint-review.bpmn'));
    const applied = await h.runtime.startCase({ itemCode: '010030009900', regionCode: REGION.county, applicantId: 'ent-escalated' });
    const accepted = await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'Task_accept').id, outcome: 'accepted', actor: 'w' });
    const [a, b, c] = accepted.openTasks.filter((t) => t.elementId === 'Task_review');
    for (const t of [a!, b!]) {
      await h.runtime.signFor({ caseId: accepted.caseId, taskId: t.id, actor: 'r' });
      await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: t.id, decision: 'approve', actor: 'r' });
    }
    h.clock.advance(30 * 86_400_000); // c's limit and its escalation period have passed
    await h.newRuntime().runDueTimers();
    const review = await tasksOf(h, accepted.caseId, 'Task_review');
    expect(review.map((t) => t.status).sort()).toEqual(['cancelled', 'done', 'done']);
    expect(review.find((t) => t.status === 'cancelled')!.department_id).toBe(c!.departmentId);
    expect((await eventTypes(h.db, accepted.caseId))).not.toContain('review-concluded');
    const [supervise] = await rows<{ id: string }>(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND element_id = 'Task_supervise' AND status = 'open'`, [accepted.caseId]);
    const closed = await h.newRuntime().completeTask({ caseId: accepted.caseId, taskId: supervise!.id, outcome: 'done', actor: 'supervisor' });
    expect(closed.status).toBe('completed');
    expect(closed.openTasks).toEqual([]);
  });
});
