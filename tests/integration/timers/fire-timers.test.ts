import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndAccept, createHarness, eventTypes, ITEM, REGION, rows, type Harness } from '../../support/runtime-harness.ts';

// A burst of deadlines at one instant wakes each case once: every timer still takes effect once.
describe('firing the due timers of a case in one command', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  const version = async (caseId: string) => (await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [caseId]))[0]!.version as number;

  it('records every department\'s default consent once, joins once, and commits one version', async () => {
    // given: a case in joint review whose departments all let their 签收 limit pass
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const caseId = accepted.caseId;
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    const timers = await rows(h.db, `SELECT key, kind, task_id FROM case_timers WHERE case_id = $1 AND kind IN ('sign-due', 'review-due') AND fired_at IS NULL ORDER BY key`, [caseId]);
    const signDue = timers.filter((t) => t.kind === 'sign-due').map((t) => t.key as string);
    expect(signDue).toHaveLength(reviews.length);
    const reviewDueOfFirst = timers.find((t) => t.kind === 'review-due' && t.task_id === reviews[0]!.id)!.key as string;
    h.clock.set('2026-04-30T09:00:00+08:00');
    const before = await version(caseId);

    // when: one wake for all of them, with the review limit of a task whose 签收 default closes it, and a repeated key
    const results = await h.runtime.fireTimers(caseId, [reviewDueOfFirst, ...signDue, signDue[0]!]);

    // then: each 签收 limit fired once, in due order (the review limit came later: its task was closed by then)
    expect(results).toEqual(['stale', ...signDue.map(() => 'fired'), 'stale']);
    expect(await version(caseId)).toBe(before + 1);
    const defaults = await rows(h.db, `SELECT task_id, basis FROM opinions WHERE case_id = $1`, [caseId]);
    expect(defaults.map((d) => d.basis)).toEqual(reviews.map(() => 'unsigned'));
    expect(new Set(defaults.map((d) => d.task_id))).toEqual(new Set(reviews.map((t) => t.id)));
    expect(await rows(h.db, 'SELECT task_id FROM accountability_records WHERE case_id = $1', [caseId])).toHaveLength(reviews.length);
    const ledger = await rows(h.db, `SELECT case_seq FROM ledger_entries WHERE case_id = $1 AND kind = 'default-consent' ORDER BY case_seq`, [caseId]);
    expect(ledger.map((e) => e.case_seq)).toEqual(reviews.map((_, i) => i + 1));
    const types = await eventTypes(h.db, caseId);
    expect(types.filter((t) => t === 'default-consent')).toHaveLength(reviews.length);
    expect(types.filter((t) => t === 'review-concluded')).toHaveLength(1);
    const fired = await rows(h.db, `SELECT key FROM case_timers WHERE case_id = $1 AND key = ANY($2) AND fired_at IS NOT NULL`, [caseId, signDue]);
    expect(fired).toHaveLength(signDue.length);
    expect(await rows(h.db, `SELECT 1 FROM case_timers WHERE case_id = $1 AND key = $2 AND cancelled_at IS NOT NULL`, [caseId, reviewDueOfFirst])).toHaveLength(1);

    // and a repeated wake (the other node, or the sweep) changes nothing
    expect(await h.newRuntime().fireTimers(caseId, signDue)).toEqual(signDue.map(() => 'stale'));
    expect(await version(caseId)).toBe(before + 1);
  });

  it('leaves a timer that is not due yet pending while firing the due ones', async () => {
    h.clock.set('2026-05-04T09:00:00+08:00');
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-2' });
    const timers = await rows(h.db, `SELECT key, kind FROM case_timers WHERE case_id = $1 AND kind IN ('sign-due', 'case-due') ORDER BY key`, [accepted.caseId]);
    const signDue = timers.filter((t) => t.kind === 'sign-due').map((t) => t.key as string);
    h.clock.set('2026-05-20T09:00:00+08:00');
    const results = await h.runtime.fireTimers(accepted.caseId, ['case-due', ...signDue]);
    expect(results).toEqual(['not-due', ...signDue.map(() => 'fired')]);
    expect(await rows(h.db, `SELECT 1 FROM case_timers WHERE case_id = $1 AND key = 'case-due' AND fired_at IS NULL AND cancelled_at IS NULL`, [accepted.caseId])).toHaveLength(1);
  });

  it('shows a yellow light without rebuilding the case\'s engine, and a default consent that completes the round with it', async () => {
    h.clock.set('2026-07-06T09:00:00+08:00');
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-4' });
    const timers = await rows(h.db, `SELECT key, kind FROM case_timers WHERE case_id = $1 AND kind IN ('task-yellow', 'sign-due') AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY key`, [accepted.caseId]);
    h.clock.set('2026-08-31T09:00:00+08:00');
    // another node, which holds no engine of this case
    const node = h.newRuntime();
    const yellow = timers.find((t) => t.kind === 'task-yellow')!.key as string;
    expect(await node.fireTimers(accepted.caseId, [yellow])).toEqual(['fired']);
    expect(node.engineStats).toMatchObject({ restored: 0, withoutEngine: 1 });
    const signDue = timers.filter((t) => t.kind === 'sign-due').map((t) => t.key as string);
    expect(await node.fireTimers(accepted.caseId, signDue)).toEqual(signDue.map(() => 'fired'));
    expect(node.engineStats).toMatchObject({ restored: 1 });
    expect(await eventTypes(h.db, accepted.caseId)).toContain('review-concluded');
  });
});

describe('the sweep', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('fires a case\'s due timers in one command, leaving those due within the grace period to agenda', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const caseId = accepted.caseId;
    const pending = await rows(h.db, `SELECT key, due_at FROM case_timers WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL`, [caseId]);
    const first = Math.min(...pending.map((t) => (t.due_at as Date).getTime()));
    const earliest = pending.filter((t) => (t.due_at as Date).getTime() === first).map((t) => t.key as string);
    expect(earliest.length).toBeGreaterThan(1);
    const version = async () => (await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [caseId]))[0]!.version as number;
    const before = await version();
    // due a minute ago: within a two-minute grace the sweep leaves them alone
    h.clock.set(new Date(first + 60_000).toISOString());
    expect(await h.runtime.runDueTimers(1000, { overdueByMs: 120_000 })).toBe(0);
    expect(await version()).toBe(before);
    // past the grace: all of them, in one command on the case
    expect(await h.runtime.runDueTimers(1000, { overdueByMs: 30_000 })).toBe(earliest.length);
    expect(await version()).toBe(before + 1);
    const fired = await rows(h.db, `SELECT key FROM case_timers WHERE case_id = $1 AND fired_at IS NOT NULL`, [caseId]);
    expect(fired.map((t) => t.key).sort()).toEqual(earliest.sort());
  });
});
