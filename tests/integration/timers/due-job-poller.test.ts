import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgendaTimerScheduler } from '../../../engine/adapters/agenda/agenda-timer-scheduler.ts';
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

  type Wake = (caseId: string, keys: string[]) => Promise<unknown>;
  const node = async (wake: Wake, processEvery = 200) => {
    const scheduler = await AgendaTimerScheduler.start({ connectionString: db.url, wake, processEvery });
    stoppers.push(() => scheduler.stop());
    return scheduler;
  };
  const jobsLeft = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'case-timer'`)).rows[0].n as number;

  it('wakes each of 300 timers due at one instant exactly once with two nodes polling, and removes their jobs', async () => {
    const wakes: string[] = [];
    const wake = async (id: string, keys: string[]) => { for (const key of keys) wakes.push(`${id}|${key}`); };
    const first = await node(wake);
    await node(wake);
    const dueAt = new Date(Date.now() + 400);
    for (let i = 0; i < 300; i += 1) await first.schedule(caseId(i), 'task:x:sign-due', dueAt);

    await until(() => wakes.length >= 300, '300 wakes');
    await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    expect(new Set(wakes).size).toBe(300);
    expect(wakes).toHaveLength(300);
  });

  it('prepares a case\'s timers ahead of their instant and only commits at it; runs them the ordinary way when the commit did not take effect', async () => {
    const log: string[] = [];
    const wake: Wake = async (id, keys) => { log.push(`wake ${id} ${keys.sort().join(',')} ${Date.now() >= due ? 'on time' : 'EARLY'}`); };
    let due = 0;
    const scheduler = await AgendaTimerScheduler.start({
      connectionString: db.url, wake, processEvery: 200, prepareAheadMs: 5_000,
      prepare: async (id, keys, at) => {
        log.push(`prepare ${id} ${keys.sort().join(',')} at ${at.getTime() === due ? 'the instant' : at.toISOString()} ${Date.now() < due ? 'ahead' : 'LATE'}`);
        // the second case moved on meanwhile: its commit does not take effect
        return { commit: async () => { log.push(`commit ${id} ${Date.now() >= due ? 'on time' : 'EARLY'}`); return id === caseId(2) ? undefined : ['fired']; } };
      },
    });
    stoppers.push(() => scheduler.stop());
    // due beyond the poll period (200 ms) but within the look-ahead: claimed and prepared long before
    due = Date.now() + 1_500;
    // as a command arms its timers: all in one statement, so no poll sees half of a case's
    await scheduler.scheduleAll([{ caseId: caseId(1), key: 'a', dueAt: new Date(due) }, { caseId: caseId(1), key: 'b', dueAt: new Date(due) }]);
    await scheduler.scheduleAll([{ caseId: caseId(2), key: 'a', dueAt: new Date(due) }]);
    await until(() => log.filter((l) => l.startsWith('prepare')).length === 2, 'both cases prepared');
    expect(Date.now()).toBeLessThan(due);
    await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    expect(log.sort()).toEqual([
      `commit ${caseId(1)} on time`, `commit ${caseId(2)} on time`,
      `prepare ${caseId(1)} a,b at the instant ahead`, `prepare ${caseId(2)} a at the instant ahead`,
      `wake ${caseId(2)} a on time`,
    ]);
  });

  it('stages a prepared wake shortly before its instant, commits it at the instant, and abandons what it holds when stopped', async () => {
    const log: string[] = [];
    const when = (at: number) => (Date.now() < at ? 'ahead' : 'on time');
    const due = new Map<string, number>();
    const scheduler = await AgendaTimerScheduler.start({
      connectionString: db.url, wake: async (id) => { log.push(`wake ${id}`); }, processEvery: 200, prepareAheadMs: 10_000, stageAheadMs: 1_000,
      prepare: async (id) => ({
        stage: async () => { log.push(`stage ${id} ${due.get(id)! - Date.now() <= 1_050 ? 'within 1 s' : 'TOO EARLY'} ${when(due.get(id)!)}`); return true; },
        commit: async () => { log.push(`commit ${id} ${when(due.get(id)!)}`); return ['fired']; },
        abandon: async () => { log.push(`abandon ${id}`); },
      }),
    });
    due.set(caseId(1), Date.now() + 1_800);
    due.set(caseId(2), Date.now() + 6_000);
    for (const [id, at] of due) await scheduler.schedule(id, 'a', new Date(at));

    await until(() => log.includes(`commit ${caseId(1)} on time`), 'the first case committed');
    await until(() => log.some((l) => l.startsWith(`stage ${caseId(2)}`)), 'the second case staged');
    await scheduler.stop();
    expect(log).toEqual([
      `stage ${caseId(1)} within 1 s ahead`, `commit ${caseId(1)} on time`,
      `stage ${caseId(2)} within 1 s ahead`, `abandon ${caseId(2)}`,
    ]);
  });

  it('claims a share of the jobs due beyond its period per poll, so that two nodes split a burst to prepare', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    const due = new Date(Date.now() + 90_000);
    await writer.scheduleAll(Array.from({ length: 300 }, (_, i) => ({ caseId: caseId(100 + i), key: 'task:x:sign-due', dueAt: due })));
    await writer.stop();
    const prepared: string[][] = [[], []];
    const claimedNow = async () => (await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n as number;
    for (const n of [0, 1]) {
      const scheduler = await AgendaTimerScheduler.start({
        connectionString: db.url, wake: async () => {}, processEvery: 60_000, prepareAheadMs: 120_000, prepareClaimPerPoll: 100,
        prepare: async (id) => { prepared[n]!.push(id); return undefined; },
      });
      stoppers.push(() => scheduler.stop());
      // each node's first poll takes one share of the jobs not due within its period
      await until(async () => (await claimedNow()) === 100 * (n + 1), `node ${n} claimed its share`);
      await until(() => prepared[n]!.length === 100, `node ${n} prepared its share`);
    }
    expect(new Set([...prepared[0]!, ...prepared[1]!]).size).toBe(200);
  });

  it('runs a group the ordinary way when a job of it was claimed after its preparation began', async () => {
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const scheduler = await AgendaTimerScheduler.start({
      connectionString: db.url, processEvery: 200, prepareAheadMs: 5_000,
      wake: async (id, keys) => { log.push(`wake ${keys.sort().join(',')}`); },
      prepare: async (id, keys) => {
        log.push(`prepare ${keys.join(',')}`);
        await held;
        return { commit: async () => { log.push('commit'); return ['fired']; } };
      },
    });
    stoppers.push(() => scheduler.stop());
    const due = new Date(Date.now() + 1_500);
    await scheduler.schedule(caseId(3), 'a', due);
    await until(() => log.length === 1, 'preparation started');
    await scheduler.schedule(caseId(3), 'b', due);
    await until(async () => (await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n === 2, 'both claimed');
    release();
    await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    expect(log).toEqual(['prepare a', 'wake a,b']);
  });

  it('lets another node run the jobs a stopping node had claimed but not started', async () => {
    const wakes: string[] = [];
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async (id) => { wakes.push(`writer ${id}`); }, processEvery: 60_000 });
    for (let i = 0; i < 5; i += 1) await writer.schedule(caseId(i), 'case-due', new Date(Date.now() + 1500));
    await writer.stop();
    // A node starting now claims what is due within its period (a minute), then stops before it is due.
    const first = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async (id) => { wakes.push(`first ${id}`); }, processEvery: 60_000 });
    await until(async () => (await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n === 5, 'claimed by the first node');
    await first.stop();
    expect((await db.pool.query('SELECT count(*)::int AS n FROM agenda_jobs WHERE locked_at IS NOT NULL')).rows[0].n).toBe(0);

    await node(async (id) => { wakes.push(`second ${id}`); });
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
    const poller = new DueJobPoller({ connectionString: db.url, table: 'agenda_jobs', jobName: 'case-timer', run: async (d) => { wakes.push(...d); }, processEveryMs: 100, concurrency: 2 });
    poller.start();
    stoppers.push(() => poller.stop());
    await until(() => wakes.length === 1, 'the expired claim taken over');
    expect(wakes).toEqual([{ caseId: caseId(1), key: 'case-due' }]);
  });

  it('keeps a job rescheduled while it ran, and runs it again at its new time', async () => {
    let scheduler: AgendaTimerScheduler | undefined;
    const wakes: number[] = [];
    scheduler = await node(async (id, keys) => {
      wakes.push(Date.now());
      // The case moved its deadline while being woken (e.g. the clock was paused and resumed).
      if (wakes.length === 1) await scheduler!.schedule(id, keys[0]!, new Date(Date.now() + 300));
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
  it('wakes each case once for all its timers falling due at one instant', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    const dueAt = new Date(Date.now() + 1500);
    const keys = ['task:a:sign-due', 'task:b:sign-due', 'task:c:sign-due'];
    for (let i = 0; i < 40; i += 1) for (const key of keys) await writer.schedule(caseId(i), key, dueAt);
    await writer.stop();
    const wakes: Array<{ caseId: string; keys: string[]; at: number }> = [];
    // One node that claims everything ahead (a minute's look-ahead) and fires it at the instant.
    await node(async (id, due) => { wakes.push({ caseId: id, keys: [...due].sort(), at: Date.now() }); }, 60_000);
    await until(() => wakes.length >= 40, 'forty wakes');
    await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    expect(wakes.map((w) => w.caseId).sort()).toEqual(Array.from({ length: 40 }, (_, i) => caseId(i)));
    expect(wakes.every((w) => JSON.stringify(w.keys) === JSON.stringify(keys))).toBe(true);
    expect(Math.min(...wakes.map((w) => w.at))).toBeGreaterThanOrEqual(dueAt.getTime());
  });

  it('claims a job written on this node due before its next poll at the job\'s instant, not a period later', async () => {
    const wakes: number[] = [];
    // Polls once a minute: without being told, the job would wait for the next poll.
    const scheduler = await node(async () => { wakes.push(Date.now()); }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the first poll found nothing
    const dueAt = Date.now() + 300;
    await scheduler.schedule(caseId(3), 'task:z:review-due', new Date(dueAt));
    await until(() => wakes.length === 1, 'the wake');
    expect(wakes[0]!).toBeGreaterThanOrEqual(dueAt);
    expect(wakes[0]! - dueAt).toBeLessThan(2000);
  });

  it('removes a finished job whose due time has microseconds (written by SQL) instead of running it again', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    await writer.schedule(caseId(4), 'case-due', new Date(Date.now() + 3_600_000));
    await writer.stop();
    await db.pool.query(`UPDATE agenda_jobs SET next_run_at = now() + interval '300.123456 milliseconds'`);
    let calls = 0;
    await node(async () => { calls += 1; });
    await until(async () => (await jobsLeft()) === 0, 'job removed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls).toBe(1);
  });

  it('keeps one job per (case, key), also for a table that held duplicates before', async () => {
    const first = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    await first.stop();
    // As agenda's own unique save could leave them when two nodes raced.
    await db.pool.query('DROP INDEX agenda_jobs_case_timer_key');
    for (const at of ['2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z']) {
      await db.pool.query(`INSERT INTO agenda_jobs (name, next_run_at, data) VALUES ('case-timer', $1, jsonb_build_object('caseId', $2::text, 'key', 'case-due'))`, [at, caseId(5)]);
    }
    const scheduler = await node(async () => {}, 60_000);
    expect(await jobsLeft()).toBe(1);
    await Promise.all([0, 1, 2].map((n) => scheduler.schedule(caseId(5), 'case-due', new Date(Date.UTC(2031, 0, 1 + n)))));
    await scheduler.schedule(caseId(5), 'task:q:sign-due', new Date('2031-02-01T00:00:00Z'));
    const { rows } = await db.pool.query(`SELECT data->>'key' AS key, count(*)::int AS n FROM agenda_jobs GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([{ key: 'case-due', n: 1 }, { key: 'task:q:sign-due', n: 1 }]);
    await scheduler.cancel(caseId(5), 'case-due');
    expect((await db.pool.query(`SELECT data->>'key' AS key FROM agenda_jobs`)).rows).toEqual([{ key: 'task:q:sign-due' }]);
  });

  it('claims from the claim-order index: a claim reads as many due jobs as it takes, not every job due', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    const dueAt = new Date(Date.now() + 30_000);
    await writer.scheduleAll(Array.from({ length: 3000 }, (_, i) => ({ caseId: caseId(i), key: 'task:a:sign-due', dueAt })));
    await writer.stop();
    await db.pool.query('ANALYZE agenda_jobs');
    // The claim statement a poller sends, as sent (its text and parameters).
    const claims: Array<{ text: string; values: unknown[] }> = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].includes('unclaimed AS')) claims.push({ text: args[0], values: args[1] as unknown[] });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const poller = new DueJobPoller({ connectionString: db.url, table: 'agenda_jobs', jobName: 'case-timer', run: async () => {}, processEveryMs: 60_000, concurrency: 1, batchSize: 200, maxClaimed: 200 });
      poller.start();
      await until(() => claims.length > 0, 'a claim');
      await poller.stop();
    } finally {
      pg.Client.prototype.query = original;
    }
    await db.pool.query('UPDATE agenda_jobs SET locked_at = NULL');
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${claims[0]!.text}`, claims[0]!.values);
      await client.query('ROLLBACK');
      const scans: Array<Record<string, any>> = [];
      const walk = (node: Record<string, any>) => { scans.push(node); for (const child of node.Plans ?? []) walk(child); };
      walk(rows[0]['QUERY PLAN'][0].Plan);
      const onIndex = scans.filter((n) => n['Index Name'] === 'agenda_jobs_claim_order');
      expect(onIndex).toHaveLength(1);
      // 200 claimed of 3,000 due: read in claim order, stopped at the limit
      expect(onIndex[0]!['Actual Rows']).toBeLessThanOrEqual(200);
      expect(scans.filter((n) => n['Node Type'] === 'Sort').every((n) => n['Actual Rows'] <= 200)).toBe(true);
    } finally {
      client.release();
    }
  });

  it('removes the rows of jobs that finish one after another in a burst in one statement once the burst is over', async () => {
    const writer = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    const dueAt = new Date(Date.now() + 1_000);
    await writer.scheduleAll(Array.from({ length: 120 }, (_, i) => ({ caseId: caseId(i), key: 'task:a:review-due', dueAt })));
    await writer.stop();
    const removals: number[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].includes('done AS (DELETE')) removals.push(Date.now());
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    let lastWake = 0;
    try {
      // Each wake takes ~8 ms, four at a time: the burst lasts ~a quarter of a second, no pause of 100 ms in it.
      await node(async () => { await new Promise((resolve) => setTimeout(resolve, 8)); lastWake = Date.now(); }, 60_000);
      await until(async () => (await jobsLeft()) === 0, 'jobs removed');
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(removals).toHaveLength(1);
    expect(removals[0]!).toBeGreaterThanOrEqual(lastWake);
  });
});
