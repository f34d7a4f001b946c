/**
 * The app reads timestamptz columns by hand (engine/adapters/postgres/timestamptz.ts): checked
 * here against what a real PostgreSQL writes, in the session time zones a production database may
 * have, to the millisecond PostgreSQL itself gives as the epoch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parseTimestamptz } from '../../../engine/adapters/postgres/timestamptz.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

describe('timestamptz read from PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('is read by hand on the app’s connections', () => {
    expect(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)).toBe(parseTimestamptz);
  });

  it('gives the instant PostgreSQL means in every session time zone, with and without fractions, old and far dates', async () => {
    const client = await db.pool.connect();
    try {
      for (const zone of ['UTC', 'Asia/Shanghai', 'America/St_Johns', 'Asia/Kathmandu', 'Africa/Monrovia']) {
        await client.query(`SET TimeZone = '${zone}'`);
        const { rows } = await client.query<{ at: Date; ms: string; text: string }>(`
          SELECT v AS at, floor(extract(epoch FROM v) * 1000)::text AS ms, v::text AS text
            FROM unnest(ARRAY['2026-12-02 04:25:05+00', '2026-12-02 04:25:05.1+00', '2024-02-29 23:59:59.999999+00',
                              '1900-01-01 00:00:00+00', '1937-07-07 12:00:00.5+00', '2099-12-31 16:00:00.123456+00']::timestamptz[]) v`);
        for (const r of rows) expect(r.at.getTime(), `${zone}: ${r.text}`).toBe(Number(r.ms));
        // Monrovia's offsets before 1972 have seconds (-00:43:08, -00:44:30): read by hand too.
        if (zone === 'Africa/Monrovia') expect(rows.map((r) => r.text.slice(-9))).toContain('-00:44:30');
      }
    } finally {
      await client.query('RESET TimeZone');
      client.release();
    }
  });
});
