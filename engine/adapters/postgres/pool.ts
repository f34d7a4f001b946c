/** The one `pg` pool of an app process, plus a helper to run a function in a transaction. */
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// bigint counts (COUNT(*), bigserial ids) fit in a JS number for any realistic volume here.
pg.types.setTypeParser(20, (value) => Number(value));

/** Create the application's pool for a connection string. */
export function createPool(url: string, max = 20, onError: (error: Error) => void = () => {}): Pool {
  // Pipelining lets a command send its writes in one flight (pg ≥ 8.20); statements awaited
  // one by one behave exactly as without it.
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'lianshen', pipeline: true } as pg.PoolConfig);
  // An idle client can lose its connection (database restart, admin termination); without a
  // listener pg would rethrow that as an uncaught exception and take the process down.
  pool.on('error', onError);
  return pool;
}

/** Run `work` inside BEGIN … COMMIT on one client; ROLLBACK and rethrow on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
