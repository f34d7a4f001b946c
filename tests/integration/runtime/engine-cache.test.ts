import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { QueryCounter } from '../../../bench/query-counter.ts';
import { applyAndAccept, createHarness, eventTypes, ITEM, REGION, reviewAll, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

describe('live engines and idempotent application', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('reuses the live engine while its row version is current and rebuilds it after another node wrote', async () => {
    const node = h.newRuntime();
    const other = h.newRuntime();
    const accepted = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const [a, b] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    await node.signFor({ caseId: accepted.caseId, taskId: a!.id, actor: 'r' });
    expect(node.engineStats).toEqual({ reused: 2, restored: 0, retriedLocked: 0, withoutEngine: 0, fromSnapshot: 0 });
    await other.signFor({ caseId: accepted.caseId, taskId: b!.id, actor: 'r' });
    // node's cached case is one version behind: its unlocked write is refused and it runs again
    // locked (an opinion before the round's last needs no engine, so none is rebuilt) …
    await node.giveOpinion({ caseId: accepted.caseId, taskId: a!.id, decision: 'approve', actor: 'r' });
    expect(node.engineStats).toEqual({ reused: 2, restored: 0, retriedLocked: 1, withoutEngine: 1, fromSnapshot: 0 });
    // … and a command that moves the engine rebuilds it from the stored state, not the stale one
    await node.pauseClock({ caseId: accepted.caseId, reason: '专家评审' });
    expect(node.engineStats).toMatchObject({ reused: 2, restored: 1 });
    const [row] = await rows(h.db, 'SELECT version, event_seq FROM cases WHERE id = $1', [accepted.caseId]);
    const seqs = await rows(h.db, 'SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq', [accepted.caseId]);
    expect(seqs.map((e) => e.seq)).toEqual(Array.from({ length: row!.event_seq }, (_, i) => i + 1));
    expect(row!.version).toBe(accepted.version + 4);
    // the refused unlocked write (one statement) left nothing behind: one opinion, one event of it
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE task_id = $1', [a!.id])).toHaveLength(1);
    expect((await eventTypes(h.db, accepted.caseId)).filter((t) => t === 'opinion')).toHaveLength(1);
  });

  it('commits a command on a case whose engine it holds in one statement (its own transaction), and its result equals a locked run’s', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const [a, b] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    const counter = new QueryCounter();
    counter.install();
    let cached;
    try {
      cached = await counter.step('sign', () => h.runtime.signFor({ caseId: accepted.caseId, taskId: a!.id, actor: 'r' }));
    } finally {
      counter.uninstall();
    }
    expect(counter.steps[0]).toMatchObject({ flights: 1, statements: 1 });
    expect(counter.steps[0]!.sql[0]).toMatch(/^▶ WITH moved AS \(UPDATE cases/);
    // a fresh node (nothing cached) reads everything under the lock: same open tasks, same order
    const locked = await h.newRuntime().signFor({ caseId: accepted.caseId, taskId: b!.id, actor: 'r' });
    expect(locked.openTasks.map((t) => t.id)).toEqual(cached.openTasks.map((t) => t.id));
    expect(locked.version).toBe(cached.version + 1);
    expect(await eventTypes(h.db, accepted.caseId)).toContain('signed');
  });

  it('runs commands sent at once to one case in one process in turn, each on the engine the previous one left', async () => {
    const node = h.newRuntime();
    const accepted = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    await Promise.all(reviews.map((t) => node.signFor({ caseId: accepted.caseId, taskId: t.id, actor: 'r' })));
    expect(node.engineStats).toEqual({ reused: 1 + reviews.length, restored: 0, retriedLocked: 0, withoutEngine: 0, fromSnapshot: 0 });
    const signed = await rows(h.db, `SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status = 'signed'`, [accepted.caseId]);
    expect(signed[0]!.n).toBe(reviews.length);
    const [row] = await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [accepted.caseId]);
    expect(row!.version).toBe(accepted.version + reviews.length);
  });

  it('creates one case for two identical applications sent at once', async () => {
    const input = { requestId: 'apply-once', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-twice' };
    const [first, second] = await Promise.all([h.newRuntime().startCase(input), h.newRuntime().startCase(input)]);
    expect(second).toEqual(first);
    expect(await rows(h.db, `SELECT id FROM cases WHERE applicant_id = 'ent-twice'`)).toHaveLength(1);
    expect(taskOf(first, 'accept').kind).toBe('accept');
  });

  it('refuses a request id reused for a different command', async () => {
    const applied = await h.runtime.startCase({ requestId: 'reused-id', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-r' });
    await expect(h.runtime.completeTask({ requestId: 'reused-id', caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'w' }))
      .rejects.toMatchObject({ code: 'idempotency_mismatch' });
  });

  it('runs 签收 and the opinions before the round\'s last in one unlocked flight from the snapshot of a case whose engine it let go, and rebuilds the engine for the join', async () => {
    // room for one construction-permit engine (≈ 1.4 MB): accepting a second case pushes out the first one's
    const node = h.newRuntime({ settings: { engineCacheMB: 2 } });
    const first = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const reviews = first.openTasks.filter((t) => t.elementId === 'jointReview');
    const counter = new QueryCounter();
    counter.install();
    let joined;
    try {
      for (const t of reviews) await counter.step('sign', () => node.signFor({ caseId: first.caseId, taskId: t.id, actor: 'r' }));
      for (const t of reviews) joined = await counter.step('opinion', () => node.giveOpinion({ caseId: first.caseId, taskId: t.id, decision: 'approve', actor: 'r' }));
    } finally {
      counter.uninstall();
    }
    const before = counter.steps.slice(0, -1);
    expect(before.map((st) => st.flights)).toEqual(before.map(() => 1));
    expect(before.flatMap((st) => st.sql).filter((q) => q.includes('FOR UPDATE'))).toEqual([]);
    // the join: the stored state (read with BEGIN), then the writes and COMMIT
    expect(counter.steps.at(-1)!.flights).toBe(2);
    expect(joined!.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    expect(node.engineStats).toMatchObject({ fromSnapshot: 2 * reviews.length, restored: 1, retriedLocked: 0 });
    expect((await eventTypes(h.db, first.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
  });

  it('refuses a stored engine state of another version than its snapshot before rebuilding anything, and joins locked', async () => {
    const node = h.newRuntime({ settings: { engineCacheMB: 2 } });
    const first = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const reviews = first.openTasks.filter((t) => t.elementId === 'jointReview');
    for (const t of reviews) await node.signFor({ caseId: first.caseId, taskId: t.id, actor: 'r' });
    for (const t of reviews.slice(0, -1)) await node.giveOpinion({ caseId: first.caseId, taskId: t.id, decision: 'approve', actor: 'r' });
    // another node's command that touched neither these tasks nor the engine moved the row on
    await h.db.pool.query('UPDATE cases SET version = version + 1 WHERE id = $1', [first.caseId]);
    const stats = node.engineStats;
    const joined = await node.giveOpinion({ caseId: first.caseId, taskId: reviews.at(-1)!.id, decision: 'approve', actor: 'r' });
    expect(joined.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    expect(node.engineStats.retriedLocked - stats.retriedLocked).toBe(1);
    expect(node.engineStats.restored - stats.restored).toBe(1); // the locked run's only
    expect((await eventTypes(h.db, first.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
  });

  it('stores the engine state deflated, and still rebuilds an engine from a state stored as jsonb before', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const [stored] = await rows(h.db, 'SELECT engine_state_z, engine_state FROM cases WHERE id = $1', [accepted.caseId]);
    expect(stored!.engine_state).toBeNull();
    const json = inflateRawSync(stored!.engine_state_z).toString('utf8');
    expect(JSON.parse(json).definitions).toHaveLength(1);
    expect(stored!.engine_state_z.length * 4).toBeLessThan(json.length);
    // as a row written before migration 042 holds it
    await h.db.pool.query('UPDATE cases SET engine_state = $2::jsonb, engine_state_z = NULL WHERE id = $1', [accepted.caseId, json]);
    const [a] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    const node = h.newRuntime();
    const signed = await node.signFor({ caseId: accepted.caseId, taskId: a!.id, actor: 'r' });
    expect(signed.openTasks.find((t) => t.id === a!.id)?.status).toBe('signed');
    // an opinion that is not the round's last leaves the engine (and its stored state) alone
    const given = await node.giveOpinion({ caseId: accepted.caseId, taskId: a!.id, decision: 'approve', actor: 'r' });
    const [untouched] = await rows(h.db, 'SELECT engine_state_z IS NULL AS kept FROM cases WHERE id = $1', [accepted.caseId]);
    expect(untouched).toEqual({ kept: true });
    // the next command that moves the engine (the round's join) writes it the new way
    await reviewAll(node, given, 'jointReview');
    expect(node.engineStats.restored).toBe(1);
    const [after] = await rows(h.db, 'SELECT engine_state_z IS NOT NULL AS z, engine_state IS NULL AS cleared FROM cases WHERE id = $1', [accepted.caseId]);
    expect(after).toEqual({ z: true, cleared: true });
  });

  it('reads the round\'s stored opinions with the lock on a node that holds nothing of the case: the joining opinion needs no round trip of its own for them', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    const cold = h.newRuntime({ settings: { engineCacheMB: 0 } });
    for (const t of reviews) await cold.signFor({ caseId: accepted.caseId, taskId: t.id, actor: 'r' });
    const counter = new QueryCounter();
    counter.install();
    try {
      for (const [i, t] of reviews.entries()) {
        const decision = i === 0 ? 'reject' as const : 'approve' as const;
        await counter.step(i === reviews.length - 1 ? 'join' : 'opinion', () =>
          cold.giveOpinion({ caseId: accepted.caseId, taskId: t.id, decision, ...(decision === 'reject' ? { reasons: ['不符合条件'] } : {}), actor: 'r' }));
      }
    } finally {
      counter.uninstall();
    }
    const join = counter.steps.at(-1)!;
    // the lock's flight carries the round's opinions; no statement reads them on its own
    expect(join.sql.filter((q) => q.includes('FROM opinions'))).toEqual([]);
    expect(join.sql.find((q) => q.includes('JOIN opinions'))).not.toMatch(/^▶/);
    expect(join.flights).toBe(counter.steps[0]!.flights); // as many as any other opinion: the lock, the writes
    // …and concludes the round with them: the rejection stored seven opinions earlier counts
    const [concluded] = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'review-concluded'`, [accepted.caseId]);
    expect(concluded!.payload).toMatchObject({ rejected: true, approved: false });
    expect(cold.engineStats.restored).toBe(1);
  });

  it('joins in one round trip when this node saw the round begin, and reads the stored opinions once another node gave one', async () => {
    // food licence: one review round; the node that accepted saw it begin
    const node = h.newRuntime();
    const alone = await applyAndAccept(node, ITEM.foodBusinessLicence, REGION.county);
    const counter = new QueryCounter();
    counter.install();
    try {
      const reviews = alone.openTasks.filter((t) => t.elementId === 'review');
      for (const t of reviews) await node.signFor({ caseId: alone.caseId, taskId: t.id, actor: 'r' });
      for (const t of reviews) await counter.step('opinion', () => node.giveOpinion({ caseId: alone.caseId, taskId: t.id, decision: 'approve', actor: 'r' }));
    } finally {
      counter.uninstall();
    }
    expect(counter.steps.map((st) => st.flights)).toEqual(counter.steps.map(() => 1));
    expect(await eventTypes(h.db, alone.caseId)).toContain('review-concluded');

    // construction permit (eight departments): one rejects on another node, the rest on this one
    const shared = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const [first, ...rest] = shared.openTasks.filter((t) => t.elementId === 'jointReview');
    const other = h.newRuntime();
    await other.signFor({ caseId: shared.caseId, taskId: first!.id, actor: 'r' });
    await other.giveOpinion({ caseId: shared.caseId, taskId: first!.id, decision: 'reject', reasons: ['不符合条件'], actor: 'r' });
    for (const t of rest) {
      await node.signFor({ caseId: shared.caseId, taskId: t.id, actor: 'r' });
      await node.giveOpinion({ caseId: shared.caseId, taskId: t.id, decision: 'approve', actor: 'r' });
    }
    const [concluded] = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'review-concluded'`, [shared.caseId]);
    expect(concluded!.payload).toMatchObject({ rejected: true, approved: false });
  });
});
