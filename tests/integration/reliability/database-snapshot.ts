/**
 * "Nothing changed in the database", checked rather than assumed: every table of the schema
 * (whatever later migrations add) with its row count and a hash of its full contents.
 */
import type { Pool } from '../../../engine/adapters/postgres/pool.ts';

export type Snapshot = Record<string, { rows: number; hash: string }>;

/** Row count and md5 of the ordered rows of every table in `public`; `except` names tables left out. */
export async function snapshotDatabase(pool: Pool, except: string[] = []): Promise<Snapshot> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const snapshot: Snapshot = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const { rows } = await pool.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash FROM "${name}" t`);
    snapshot[name] = rows[0];
  }
  return snapshot;
}
