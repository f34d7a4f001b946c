/**
 * On a PostgreSQL that allows no prepared transactions (max_prepared_transactions = 0, the
 * default of a server the centre runs itself), a deadline's writes cannot be staged ahead: they
 * are sent at the instant, as before staging existed, and nothing else changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundledItems } from '../../../api/bundled-items.ts';
import { createRuntimeOn } from '../../../engine/adapters/postgres/create-runtime.ts';
import { ensureDatabase } from '../../../engine/adapters/postgres/database.ts';
import { migrate } from '../../../engine/adapters/postgres/migrate.ts';
import { createPool, type Pool } from '../../../engine/adapters/postgres/pool.ts';
import { seedOrg } from '../../../engine/adapters/postgres/seed-org.ts';
import { ManualClock } from '../../../engine/clock/clock.ts';
import { applyAndAccept, ITEM, REGION } from '../../support/runtime-harness.ts';
import { throwAwayPostgres } from '../../support/throwaway-postgres.ts';

const servers = throwAwayPostgres('lianshen-no-2pc-');

describe('deadlines on a server without prepared transactions', () => {
  let pool: Pool;
  beforeAll(async () => {
    const server = await servers.start({ settings: { max_prepared_transactions: 0 } });
    pool = createPool(await ensureDatabase(server.url, 'no_prepared'));
    await migrate(pool);
    await seedOrg(pool);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
  }, 60_000);

  it('sends the prepared writes at the instant when they cannot be staged', async () => {
    const clock = new ManualClock('2026-09-07T09:00:00+08:00');
    const runtime = createRuntimeOn(pool, { clock });
    await deployBundledItems(runtime);
    const { caseId } = await applyAndAccept(runtime, ITEM.constructionPermit, REGION.county);
    const timers = (await pool.query(`SELECT key, due_at FROM case_timers WHERE case_id = $1 AND kind = 'sign-due'`, [caseId])).rows;
    const keys = timers.map((t) => t.key as string);

    const prepared = await createRuntimeOn(pool, { clock }).prepareTimers(caseId, keys);
    expect(await prepared!.stage()).toBe(false);
    expect((await pool.query('SELECT 1 FROM opinions WHERE case_id = $1', [caseId])).rows).toHaveLength(0);

    clock.set(new Date((timers[0]!.due_at as Date).getTime() + 1).toISOString());
    expect(await prepared!.commit()).toEqual(keys.map(() => 'fired'));
    expect((await pool.query(`SELECT basis FROM opinions WHERE case_id = $1`, [caseId])).rows.map((r) => r.basis)).toEqual(keys.map(() => 'unsigned'));
  });
});
