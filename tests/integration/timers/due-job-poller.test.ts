import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgendaTimerScheduler, type TimerJobData } from '../../../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { DueJobPoller } from '../../../engine/adapters/agenda/due-job-poller.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** Wait for a condition that other nodes make true (bounded; fails the test after 15 s). */
async function until(condition: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what} not met within 15 s`);
}

const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// Real PostgreSQL, agenda's real table; the wake records what it was asked to do.
describe('timer jobs claimed in batches', () => {
  let db: TestDatabase;
  let stoppers: Array<() => Promise<void>> = [];
  beforeAll(async () => { db = await createTestDatabase(); });
  afterEach(async () => {
    for (const stop of stoppers) await stop().catch(() => {});
    stoppers = [];
    await db.pool.query('DELETE FROM agenda_jobs');
  });
  afterAll(async () => { await db.drop(); });

  const node = async (wake: (data: TimerJobData) => Promise<unknown>, processEvery = 200) => {
    const scheduler = await AgendaTimerScheduler.start({ connectionString: db.url, wake, processEvery });
    stoppers.push(() => scheduler.stop());
    return scheduler;
  };
  const jobsLeft = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'case-timer'`)).rows[0].n as number;

  it('wakes each of 300 timers due at one instant exactly once with two nodes polling, and removes their jobs', async () => {
    const wakes: string[] = [];
    const wake = async (data: TimerJobData) => { wakes.push(`${data.caseId}|${data.key}`); };
    const first = await node(wake);
    await node(wake);
    const dueAt = new Date(Date.now() + 400);
    for (let i = 0; i < 300; i += 1) await first.schedule(caseId(i), 'task:x:sign-due', dueAt);

    await until(() => wakes.length >= 300, '300 wakes');
    await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    expect(new Set(wakes).size).toBe(300);
    expect(wakes).toHaveLength(300);
  });

  it('lets another node run the jobs a stopping node had claimed but not started', async () => {
    const wakes: string[] = [];
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async (d) => { wakes.push(`writer ${d.caseId}`); }, processEvery: 60_000 });
    for (let i = 0; i < 5; i += 1) await writer.schedule(caseId(i), 'case-due', new Date(Date.now() + 1500));
    await writer.stop();
    // A node starting now claims what is due within its period (a minute), then stops before it is due.
    const first = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async (d) => { wakes.push(`first ${d.caseId}`); }, processEvery: 60_000 });
    await until(async () => (await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n === 5, 'claimed by the first node');
    await first.stop();
    expect((await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n).toBe(0);

    await node(async (d) => { wakes.push(`second ${d.caseId}`); });
    await until(() => wakes.length >= 5, 'five wakes on the second node');
    expect(wakes.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `second ${caseId(i)}`));
  });

  it('claims again, after the lock lifetime, the jobs of a node that died holding them', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    await writer.schedule(caseId(1), 'case-due', new Date(Date.now() + 60_000));
    await writer.stop();
    // A node that died: its claim stays in the table.
    await db.pool.query(`UPDATE agenda_jobs SET locked_at = now() - interval '11 minutes', next_run_at = now() - interval '1 second'`);
    const wakes: unknown[] = [];
    const poller = new DueJobPoller({ connectionString: db.url, table: 'agenda_jobs', jobName: 'case-timer', run: async (d) => { wakes.push(d); }, processEveryMs: 100, concurrency: 2 });
    poller.start();
    stoppers.push(() => poller.stop());
    await until(() => wakes.length === 1, 'the expired claim taken over');
    expect(wakes).toEqual([{ caseId: caseId(1), key: 'case-due' }]);
  });

  it('keeps a job rescheduled while it ran, and runs it again at its new time', async () => {
    let scheduler: AgendaTimerScheduler | undefined;
    const wakes: number[] = [];
    scheduler = await node(async (d) => {
      wakes.push(Date.now());
      // The case moved its deadline while being woken (e.g. the clock was paused and resumed).
      if (wakes.length === 1) await scheduler!.schedule(d.caseId, d.key, new Date(Date.now() + 300));
    });
    await scheduler.schedule(caseId(7), 'task:y:review-due', new Date(Date.now() + 200));
    await until(() => wakes.length === 2, 'the rescheduled wake');
    await until(async () => (await jobsLeft()) === 0, 'job removed after its second run');
  });

  it('keeps a job whose wake failed, marked failed and not retried (the sweep fires its timer)', async () => {
    let calls = 0;
    const scheduler = await node(async () => { calls += 1; throw new Error('database away'); });
    await scheduler.schedule(caseId(9), 'case-due', new Date(Date.now() + 100));
    await until(async () => (await db.pool.query('SELECT 1 FROM agenda_jobs WHERE failed_at IS NOT NULL')).rowCount === 1, 'job marked failed');
    const { rows } = await db.pool.query('SELECT fail_count, fail_reason, next_run_at, locked_at FROM agenda_jobs');
    expect(rows[0]).toMatchObject({ fail_count: 1, next_run_at: null, locked_at: null });
    expect(rows[0].fail_reason).toContain('database away');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls).toBe(1);
  });
});
