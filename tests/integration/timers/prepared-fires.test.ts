import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../engine/adapters/postgres/migrate.ts';
import { listStagedWrites } from '../../../engine/adapters/postgres/staged-writes.ts';
import { applyAndAccept, createHarness, eventTypes, ITEM, REGION, rows, type Harness } from '../../support/runtime-harness.ts';

// A deadline's effect computed before its instant: only the writes are left for the instant, and
// they count only if nothing happened to the case in between.
describe('deadlines prepared ahead of their instant', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  const version = async (caseId: string) => (await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [caseId]))[0]!.version as number;

  async function caseInReview(applicantId: string) {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId });
    const timers = await rows(h.db, `SELECT key, due_at FROM case_timers WHERE case_id = $1 AND kind = 'sign-due' ORDER BY key`, [accepted.caseId]);
    const dueAt = timers[0]!.due_at as Date;
    expect(timers.every((t) => (t.due_at as Date).getTime() === dueAt.getTime())).toBe(true);
    return { accepted, caseId: accepted.caseId, signDue: timers.map((t) => t.key as string), dueAt };
  }

  it('writes nothing before the instant, then records the default consents at the deadline with one commit', async () => {
    h.clock.set('2026-09-07T09:00:00+08:00');
    const { caseId, signDue, dueAt } = await caseInReview('ent-1');
    const before = await version(caseId);

    // prepared on a node that holds no engine of the case, before the deadline (the clock has not reached it)
    const node = h.newRuntime();
    const prepared = await node.prepareTimers(caseId, signDue);
    expect(prepared).toBeDefined();
    expect(await version(caseId)).toBe(before);
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE case_id = $1', [caseId])).toHaveLength(0);

    // at the instant: the writes alone
    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await prepared!.commit()).toEqual(signDue.map(() => 'fired'));
    expect(await version(caseId)).toBe(before + 1);
    const opinions = await rows(h.db, 'SELECT basis, given_at FROM opinions WHERE case_id = $1', [caseId]);
    expect(opinions.map((o) => o.basis)).toEqual(signDue.map(() => 'unsigned'));
    // 不作为默认 takes effect at the deadline itself, however late the write
    expect(opinions.every((o) => (o.given_at as Date).getTime() === dueAt.getTime())).toBe(true);
    expect((await eventTypes(h.db, caseId)).filter((t) => t === 'review-concluded')).toHaveLength(1);
    expect(await rows(h.db, `SELECT 1 FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting' AND status = 'open'`, [caseId])).toHaveLength(1);
    // the meeting's own deadlines were armed like any command's
    expect(await rows(h.db, `SELECT 1 FROM case_timers t JOIN tasks k ON k.id = t.task_id WHERE t.case_id = $1 AND k.element_id = 'jointMeeting'`, [caseId]))
      .not.toHaveLength(0);

    // and the ordinary wake that follows (agenda's job, the sweep) finds nothing left to do
    expect(await h.runtime.fireTimers(caseId, signDue)).toEqual(signDue.map(() => 'stale'));
    expect(await version(caseId)).toBe(before + 1);
  });

  it('sends nothing when a department acted on the case after it was prepared, and the ordinary wake decides', async () => {
    h.clock.set('2026-09-14T09:00:00+08:00');
    const { accepted, caseId, signDue, dueAt } = await caseInReview('ent-2');
    const prepared = await h.newRuntime().prepareTimers(caseId, signDue);
    expect(prepared).toBeDefined();

    // one department signs for its task in time
    const first = accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
    await h.runtime.signFor({ caseId, taskId: first.id, actor: 'u-reviewer' });
    const afterSign = await version(caseId);

    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await prepared!.commit()).toBeUndefined();
    expect(await version(caseId)).toBe(afterSign);
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE case_id = $1', [caseId])).toHaveLength(0);

    // the wake then fires the others; the department that signed is not deemed to consent
    const results = await h.runtime.fireTimers(caseId, signDue);
    expect(results.filter((r) => r === 'fired')).toHaveLength(signDue.length - 1);
    const defaults = await rows(h.db, 'SELECT task_id FROM opinions WHERE case_id = $1', [caseId]);
    expect(defaults.map((d) => d.task_id)).not.toContain(first.id);
  });

  const staged = async () => (await rows(h.db, `SELECT gid FROM pg_prepared_xacts WHERE database = current_database()`)).map((r) => r.gid as string);

  it('stages the writes shortly before the instant without showing them, and the instant only commits them', async () => {
    h.clock.set('2026-10-05T09:00:00+08:00');
    const { caseId, signDue, dueAt } = await caseInReview('ent-4');
    const before = await version(caseId);
    const prepared = await h.newRuntime().prepareTimers(caseId, signDue);
    expect(await prepared!.stage()).toBe(true);

    // written, uncommitted: a prepared transaction named after the case and the instant
    expect(await staged()).toEqual([`lianshen-wake/${caseId}/${dueAt.getTime()}`]);
    expect(await version(caseId)).toBe(before);
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE case_id = $1', [caseId])).toHaveLength(0);
    // It holds its locks until the instant (a prepared transaction's have no pid). PostgreSQL sizes
    // its lock table at max_locks_per_transaction (64) per session and per prepared transaction:
    // a staged wake that keeps within that share lets a whole burst be staged at once.
    const locks = await rows(h.db, `SELECT count(*)::int AS n FROM pg_locks WHERE pid IS NULL`);
    expect(locks[0]!.n).toBeGreaterThan(0);
    expect(locks[0]!.n).toBeLessThanOrEqual(64);

    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await prepared!.commit()).toEqual(signDue.map(() => 'fired'));
    expect(await staged()).toEqual([]);
    expect(await version(caseId)).toBe(before + 1);
    const opinions = await rows(h.db, 'SELECT basis, given_at FROM opinions WHERE case_id = $1', [caseId]);
    expect(opinions.map((o) => o.basis)).toEqual(signDue.map(() => 'unsigned'));
    expect(opinions.every((o) => (o.given_at as Date).getTime() === dueAt.getTime())).toBe(true);
    expect(await h.runtime.fireTimers(caseId, signDue)).toEqual(signDue.map(() => 'stale'));
  });

  it('lets a department that acts before the deadline go first: the staged writes are rolled back and it is not deemed to consent', async () => {
    h.clock.set('2026-10-12T09:00:00+08:00');
    const { accepted, caseId, signDue, dueAt } = await caseInReview('ent-5');
    const prepared = await h.newRuntime().prepareTimers(caseId, signDue);
    expect(await prepared!.stage()).toBe(true);

    // the runtime that accepted the case holds it cached: its unlocked write meets the staged
    // transaction's lock, the locked path settles it and signs
    const first = accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
    const started = Date.now();
    await h.runtime.signFor({ caseId, taskId: first.id, actor: 'u-reviewer' });
    expect(Date.now() - started).toBeLessThan(5_000); // not held until the deadline's instant
    expect(await staged()).toEqual([]);
    expect(await rows(h.db, `SELECT 1 FROM tasks WHERE id = $1 AND status = 'signed'`, [first.id])).toHaveLength(1);

    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await prepared!.commit()).toBeUndefined();
    const results = await h.runtime.fireTimers(caseId, signDue);
    expect(results.filter((r) => r === 'fired')).toHaveLength(signDue.length - 1);
    const defaults = await rows(h.db, 'SELECT task_id FROM opinions WHERE case_id = $1', [caseId]);
    expect(defaults).toHaveLength(signDue.length - 1);
    expect(defaults.map((d) => d.task_id)).not.toContain(first.id);
  });

  it('commits writes staged by a node that is gone once their instant has come, exactly once', async () => {
    h.clock.set('2026-10-19T09:00:00+08:00');
    const { caseId, signDue, dueAt } = await caseInReview('ent-6');
    const before = await version(caseId);
    // staged, then its node never comes back to commit it
    expect(await (await h.newRuntime().prepareTimers(caseId, signDue))!.stage()).toBe(true);

    // the sweep before the instant leaves it alone (its node may still commit it on time)
    await h.runtime.runDueTimers();
    expect(await staged()).toHaveLength(1);

    h.clock.set(new Date(dueAt.getTime() + 60_000).toISOString());
    await h.runtime.runDueTimers(1000, { overdueByMs: 5_000 });
    expect(await staged()).toEqual([]);
    expect(await version(caseId)).toBe(before + 1);
    const opinions = await rows(h.db, 'SELECT basis, given_at FROM opinions WHERE case_id = $1', [caseId]);
    expect(opinions).toHaveLength(signDue.length);
    expect(opinions.every((o) => (o.given_at as Date).getTime() === dueAt.getTime())).toBe(true);
    expect((await eventTypes(h.db, caseId)).filter((t) => t === 'review-concluded')).toHaveLength(1);
  });

  it('commits a staged deadline whose instant has come before the command that finds it in the way', async () => {
    h.clock.set('2026-10-26T09:00:00+08:00');
    const { caseId, signDue, dueAt } = await caseInReview('ent-7');
    expect(await (await h.newRuntime().prepareTimers(caseId, signDue))!.stage()).toBe(true);

    // the ordinary wake at the instant (its node lost the prepared commit): the deadline's own
    // writes take effect first, the wake then finds nothing left to do
    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await h.runtime.fireTimers(caseId, signDue)).toEqual(signDue.map(() => 'stale'));
    expect(await staged()).toEqual([]);
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE case_id = $1', [caseId])).toHaveLength(signDue.length);
  });

  it('rolls back what it staged when the prepared wake is abandoned', async () => {
    h.clock.set('2026-11-02T09:00:00+08:00');
    const { caseId, signDue } = await caseInReview('ent-8');
    const before = await version(caseId);
    const prepared = await h.newRuntime().prepareTimers(caseId, signDue);
    expect(await prepared!.stage()).toBe(true);
    await prepared!.abandon();
    expect(await staged()).toEqual([]);
    expect(await version(caseId)).toBe(before);
    expect(await prepared!.commit()).toBeUndefined();
  });

  it('rolls back writes staged by a node that was killed before a migration, which would wait for them for ever', async () => {
    h.clock.set('2026-11-02T12:00:00+08:00');
    const { caseId, signDue } = await caseInReview('ent-9');
    const before = await version(caseId);
    expect(await (await h.newRuntime().prepareTimers(caseId, signDue))!.stage()).toBe(true);

    // a new build's migration takes a lock the staged writes' table lock conflicts with
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-migration-'));
    await writeFile(path.join(dir, '999_index_events.sql'), 'CREATE INDEX case_events_at_for_test ON case_events (at);');
    expect(await migrate(h.db.pool, dir)).toEqual(['999_index_events.sql']);
    expect(await staged()).toEqual([]);
    expect(await version(caseId)).toBe(before);
  });

  it('prepares nothing when firing would change nothing', async () => {
    h.clock.set('2026-11-09T09:00:00+08:00');
    const { caseId, signDue, dueAt } = await caseInReview('ent-3');
    h.clock.set(new Date(dueAt.getTime() + 1).toISOString());
    expect(await h.runtime.fireTimers(caseId, signDue)).toEqual(signDue.map(() => 'fired'));
    expect(await h.runtime.prepareTimers(caseId, signDue)).toBeUndefined();
  });

  /**
   * Three cases accepted at `at`: their sign-for deadlines fall due at one instant, and a node
   * that holds none of them prepares each one's wake ahead of it.
   */
  async function preparedTogether(at: string, applicant: string, node = h.newRuntime()) {
    h.clock.set(at);
    const cases = [];
    for (let i = 0; i < 3; i += 1) cases.push(await caseInReview(`${applicant}-${i}`));
    expect(new Set(cases.map((c) => c.dueAt.getTime())).size).toBe(1);
    const prepared = await Promise.all(cases.map((c) => node.prepareTimers(c.caseId, c.signDue)));
    return { cases, prepared: prepared.map((p) => p!) };
  }

  it('stages the deadlines of cases due at one instant in one prepared transaction and commits it once for all', async () => {
    const { cases, prepared } = await preparedTogether('2026-12-07T09:00:00+08:00', 'ent-10');
    // staged in one turn, as the timer poller stages a burst
    expect(await Promise.all(prepared.map((p) => p.stage()))).toEqual([true, true, true]);
    const [gid, ...others] = await staged();
    expect(others).toEqual([]);
    const named = await listStagedWrites(h.db.pool, cases[1]!.caseId);
    expect(named).toEqual([{ id: gid, caseIds: cases.map((c) => c.caseId), at: cases[0]!.dueAt }]);

    h.clock.set(new Date(cases[0]!.dueAt.getTime() + 1).toISOString());
    // one commit takes effect for the three; each case's own commit then finds it done
    expect(await prepared[2]!.commit()).toEqual(cases[2]!.signDue.map(() => 'fired'));
    expect(await staged()).toEqual([]);
    expect(await prepared[0]!.commit()).toEqual(cases[0]!.signDue.map(() => 'fired'));
    expect(await prepared[1]!.commit()).toEqual(cases[1]!.signDue.map(() => 'fired'));
    for (const c of cases) {
      const opinions = await rows(h.db, 'SELECT basis, given_at FROM opinions WHERE case_id = $1', [c.caseId]);
      expect(opinions.map((o) => o.basis)).toEqual(c.signDue.map(() => 'unsigned'));
      expect(opinions.every((o) => (o.given_at as Date).getTime() === c.dueAt.getTime())).toBe(true);
      expect((await eventTypes(h.db, c.caseId)).filter((t) => t === 'review-concluded')).toHaveLength(1);
    }
  });

  it('rolls back the shared staging for a department that acts before the deadline; the other cases still default at the instant', async () => {
    const { cases, prepared } = await preparedTogether('2026-12-14T09:00:00+08:00', 'ent-11');
    expect(await Promise.all(prepared.map((p) => p.stage()))).toEqual([true, true, true]);
    expect(await staged()).toHaveLength(1);

    // a department of the second case signs in time: its case is held by the shared staging,
    // which gives way for all three
    const first = cases[1]!.accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
    await h.runtime.signFor({ caseId: cases[1]!.caseId, taskId: first.id, actor: 'u-reviewer' });
    expect(await staged()).toEqual([]);

    // at the instant no prepared commit takes effect; the ordinary wakes fire every deadline
    // but the signed department's
    h.clock.set(new Date(cases[0]!.dueAt.getTime() + 1).toISOString());
    for (const p of prepared) expect(await p.commit()).toBeUndefined();
    for (const c of cases) await h.runtime.fireTimers(c.caseId, c.signDue);
    const defaults = await rows(h.db, 'SELECT case_id, task_id FROM opinions WHERE case_id = ANY($1::uuid[])', [cases.map((c) => c.caseId)]);
    expect(defaults).toHaveLength(cases.reduce((n, c) => n + c.signDue.length, 0) - 1);
    expect(defaults.map((d) => d.task_id)).not.toContain(first.id);
  });

  it('stages the others apart when one case of a shared staging moved on since its writes were computed', async () => {
    const { cases, prepared } = await preparedTogether('2026-12-21T09:00:00+08:00', 'ent-12');
    // the first case moves on after its deadline's writes were computed
    const first = cases[0]!.accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
    await h.runtime.signFor({ caseId: cases[0]!.caseId, taskId: first.id, actor: 'u-reviewer' });

    expect(await Promise.all(prepared.map((p) => p.stage()))).toEqual([false, true, true]);
    expect((await staged()).sort()).toEqual(cases.slice(1).map((c) => `lianshen-wake/${c.caseId}/${c.dueAt.getTime()}`).sort());
    h.clock.set(new Date(cases[0]!.dueAt.getTime() + 1).toISOString());
    expect(await prepared[0]!.commit()).toBeUndefined();
    expect(await prepared[1]!.commit()).toEqual(cases[1]!.signDue.map(() => 'fired'));
    expect(await prepared[2]!.commit()).toEqual(cases[2]!.signDue.map(() => 'fired'));
  });

  it('commits staged deadlines at their instant while every command slot waits on a busy case', async () => {
    // a node with one command slot, as a node whose slots the API's commands have all taken
    const node = h.newRuntime({ settings: { concurrentCommands: 1 } });
    const { cases, prepared } = await preparedTogether('2026-12-28T09:00:00+08:00', 'ent-13', node);
    expect(await Promise.all(prepared.map((p) => p.stage()))).toEqual([true, true, true]);
    const other = await caseInReview('ent-13-other');

    // another transaction holds a fourth case; the node's only slot goes to a command waiting for it
    const holder = await h.db.pool.connect();
    let signed: Promise<unknown> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [other.caseId]);
      const task = other.accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
      signed = node.signFor({ caseId: other.caseId, taskId: task.id, actor: 'u-reviewer' });
      await expect.poll(async () => (await rows(h.db, `SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`)).length).toBe(1);

      h.clock.set(new Date(cases[0]!.dueAt.getTime() + 1).toISOString());
      const late = new Promise<'waited for a slot'>((resolve) => setTimeout(() => resolve('waited for a slot'), 3_000));
      for (const [i, p] of prepared.entries()) {
        expect(await Promise.race([p.commit(), late])).toEqual(cases[i]!.signDue.map(() => 'fired'));
      }
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    await signed;
    expect(await rows(h.db, `SELECT 1 FROM tasks WHERE case_id = $1 AND signed_at IS NOT NULL`, [other.caseId])).toHaveLength(1);
  });
});
