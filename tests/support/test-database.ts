/** A fresh, migrated database per test file on the run's embedded PostgreSQL server. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { ensureDatabase } from '../../engine/adapters/postgres/database.ts';
import { migrate } from '../../engine/adapters/postgres/migrate.ts';
import { createPool, type Pool } from '../../engine/adapters/postgres/pool.ts';
import { seedOrg } from '../../engine/adapters/postgres/seed-org.ts';

export interface TestDatabase {
  pool: Pool;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Create, migrate and seed (demo regions and departments) a new database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(serverUrl, name);
  const pool = createPool(url);
  await migrate(pool);
  await seedOrg(pool);
  return {
    pool, url, name,
    drop: async () => {
      await pool.end();
      // DROP DATABASE … (FORCE) refuses a database with prepared transactions: deadlines staged
      // by a node the test did not stop (a killed child process) are rolled back first.
      const own = new pg.Client({ connectionString: url });
      await own.connect();
      const { rows } = await own.query<{ gid: string }>('SELECT gid FROM pg_prepared_xacts WHERE database = current_database()');
      for (const { gid } of rows) await own.query(`ROLLBACK PREPARED '${gid.replace(/'/g, "''")}'`);
      await own.end();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
