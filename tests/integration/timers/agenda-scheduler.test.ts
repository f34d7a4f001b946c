import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgendaTimerScheduler } from '../../../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** Wait for a condition that another process makes true (bounded; fails the test after 10 s). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 10 s');
}

// Real agenda on the real PostgreSQL: waits for the job's own completion signal, never a sleep.
describe('agenda-backed durable timers', () => {
  let db: TestDatabase;
  const nodes: AgendaTimerScheduler[] = [];
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => {
    for (const node of nodes) await node.stop().catch(() => {});
    await db.drop();
  });

  it('wakes the case once for a timer scheduled twice, with two nodes polling the same table', async () => {
    const wakes: Array<{ caseId: string; keys: string[] }> = [];
    let resolveWoken: () => void;
    const woken = new Promise<void>((resolve) => { resolveWoken = resolve; });
    const wake = async (caseId: string, keys: string[]) => {
      wakes.push({ caseId, keys });
      resolveWoken();
    };
    nodes.push(await AgendaTimerScheduler.start({ connectionString: db.url, wake, processEvery: 200 }));
    nodes.push(await AgendaTimerScheduler.start({ connectionString: db.url, wake, processEvery: 200 }));
    const dueAt = new Date(Date.now() + 300);
    // Re-scheduling the same (case, key) replaces the job instead of adding a second one.
    await nodes[0]!.schedule('00000000-0000-0000-0000-000000000001', 'task:x:review-due', new Date(Date.now() + 60_000));
    await nodes[1]!.schedule('00000000-0000-0000-0000-000000000001', 'task:x:review-due', dueAt);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'case-timer'`);
    expect(rows[0].n).toBe(1);
    await woken;
    // agenda removes a finished one-time job right after it ran; once it is gone no node can run it again
    await until(async () => (await db.pool.query(`SELECT 1 FROM agenda_jobs WHERE name = 'case-timer'`)).rowCount === 0);
    expect(wakes).toEqual([{ caseId: '00000000-0000-0000-0000-000000000001', keys: ['task:x:review-due'] }]);
  });

  it('drops the job when the timer is cancelled', async () => {
    await nodes[0]!.schedule('00000000-0000-0000-0000-000000000002', 'case-due', new Date(Date.now() + 3_600_000));
    await nodes[0]!.cancel('00000000-0000-0000-0000-000000000002', 'case-due');
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE data->>'caseId' = '00000000-0000-0000-0000-000000000002'`);
    expect(rows[0].n).toBe(0);
  });
  it('survives its idle connections being cut (PostgreSQL stopping first, an admin terminating them) and keeps scheduling', async () => {
    const errors: unknown[] = [];
    const node = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 200, onError: (e) => errors.push(e) });
    nodes.push(node);
    await node.schedule('00000000-0000-0000-0000-000000000009', 'task:y:review-due', new Date(Date.now() + 3_600_000));
    // The other nodes are done with: only this one's connections (agenda's, the poller's, the scheduler's) are cut.
    for (const other of nodes.splice(0, nodes.length - 1)) await other.stop();
    const { rows } = await db.pool.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    expect(rows[0].n).toBeGreaterThan(0);
    await until(async () => errors.length > 0);
    // A lost idle connection is reported, not thrown; the next statement opens a new one.
    await node.schedule('00000000-0000-0000-0000-000000000009', 'task:y:review-due', new Date(Date.now() + 7_200_000));
    const jobs = await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE data->>'caseId' = '00000000-0000-0000-0000-000000000009'`);
    expect(jobs.rows[0].n).toBe(1);
  });
});
