import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgendaTimerScheduler } from '../../../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { stagedWriteFinisher, stagedWriteId } from '../../../engine/adapters/postgres/staged-writes.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// At a burst's instant hundreds of cases commit their staged writes and arm their next
// deadlines at once: those of one turn go to PostgreSQL together.
describe('the statements of a burst of deadlines, sent together', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query('CREATE TABLE staged_probe (id uuid PRIMARY KEY)');
  });
  afterAll(async () => { await db.drop(); });

  /** Stage one row's insert as a prepared transaction named as a deadline's writes are. */
  async function stage(): Promise<{ row: string; gid: string }> {
    const row = randomUUID();
    const gid = stagedWriteId(row, new Date());
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO staged_probe (id) VALUES ($1)', [row]);
      await client.query(`PREPARE TRANSACTION '${gid}'`);
    } finally {
      client.release();
    }
    return { row, gid };
  }

  it('finishes the staged writes asked for in one turn over one connection, each with its own outcome', async () => {
    const [a, b, c] = [await stage(), await stage(), await stage()];
    const gone = stagedWriteId(randomUUID(), new Date());
    const finish = stagedWriteFinisher(db.pool);
    let checkouts = 0;
    const counting = () => { checkouts += 1; };
    db.pool.on('acquire', counting);
    const outcomes = await Promise.all([finish(a.gid, true), finish(b.gid, false), finish(gone, true), finish(c.gid, true)]);
    db.pool.off('acquire', counting);
    // A staged write someone else already settled answers false; the others are not disturbed by it.
    expect(outcomes).toEqual([true, true, false, true]);
    expect(checkouts).toBe(1);
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM staged_probe WHERE id = ANY($1::uuid[])', [[a.row, b.row, c.row]]);
    expect(rows.map((r) => r.id).sort()).toEqual([a.row, c.row].sort());
    const left = await db.pool.query(`SELECT gid FROM pg_prepared_xacts WHERE gid = ANY($1)`, [[a.gid, b.gid, c.gid]]);
    expect(left.rowCount).toBe(0);
  });

  it('refuses an identifier that is not a staged write without sending anything', async () => {
    await expect(stagedWriteFinisher(db.pool)(`x'; DROP TABLE cases; --`, true)).rejects.toThrow(/not a staged write/);
  });

  it('keeps the later of two wake-ups armed for one timer in the same turn', async () => {
    const scheduler = await AgendaTimerScheduler.start({ connectionString: db.url, wake: async () => {}, processEvery: 60_000 });
    try {
      const caseId = randomUUID();
      const later = new Date(Date.now() + 7_200_000);
      await Promise.all([
        scheduler.scheduleAll([{ caseId, key: 'case-due', dueAt: new Date(Date.now() + 3_600_000) }, { caseId, key: 'task:t:review-due', dueAt: later }]),
        scheduler.scheduleAll([{ caseId, key: 'case-due', dueAt: later }]),
      ]);
      const { rows } = await db.pool.query<{ key: string; next_run_at: Date }>(
        `SELECT data->>'key' AS key, next_run_at FROM agenda_jobs WHERE data->>'caseId' = $1 ORDER BY 1`, [caseId]);
      expect(rows).toEqual([{ key: 'case-due', next_run_at: later }, { key: 'task:t:review-due', next_run_at: later }]);
    } finally {
      await scheduler.stop();
    }
  });
});
