/** The one `pg` pool of an app process, plus a helper to run a function in a transaction. */
import pg from 'pg';
import { readTimestamptzByHand } from './timestamptz.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// bigint counts (COUNT(*), bigserial ids) fit in a JS number for any realistic volume here.
pg.types.setTypeParser(20, (value) => Number(value));
readTimestamptzByHand();

/** Create the application's pool for a connection string. */
export function createPool(url: string, max = 20, onError: (error: Error) => void = () => {}): Pool {
  // Pipelining lets a command send its writes in one flight (pg ≥ 8.20); statements awaited
  // one by one behave exactly as without it.
  // No idle time-out: pg-pool arms a timer at every release and clears it at the next checkout,
  // a few times per command (≈ 0.5 ms of CPU per case in the profile); the app's connections
  // are few (max) and long-lived anyway.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 0, application_name: 'lianshen', pipeline: true } as pg.PoolConfig);
  // An idle client can lose its connection (database restart, admin termination); without a
  // listener pg would rethrow that as an uncaught exception and take the process down.
  pool.on('error', onError);
  return pool;
}

/** Lets `work` finish the transaction itself (its COMMIT pipelined behind its last writes). */
export interface TransactionControl {
  committed: boolean;
}

/**
 * Run `work` inside BEGIN … COMMIT on one client; ROLLBACK and rethrow on any error. With
 * `pipelineBegin`, `work` is called as soon as BEGIN is sent, so its first statements travel in
 * the same flight; it must await `begun` (with them) before relying on the transaction. When
 * `work` sets `control.committed` it has committed (and checked the COMMIT) itself.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient, begun: Promise<unknown>, control: TransactionControl) => Promise<T>,
  options: { pipelineBegin?: boolean; /** The statement that opens the transaction (default BEGIN). */ begin?: string } = {},
): Promise<T> {
  const beginSql = options.begin ?? 'BEGIN';
  const client = await pool.connect();
  const control: TransactionControl = { committed: false };
  try {
    let begun: Promise<unknown>;
    let working: Promise<T>;
    if (options.pipelineBegin) {
      // BEGIN and what `work` issues before its first await leave in one write.
      [begun, working] = corked(client, () => {
        const b = client.query(beginSql);
        b.catch(() => {});
        return [b, work(client, b, control)] as const;
      });
    } else {
      begun = client.query(beginSql);
      await begun;
      working = work(client, begun, control);
    }
    const result = await working;
    await begun; // a transaction that never began is never committed
    if (!control.committed) await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!control.committed) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Send the statements `send` issues and COMMIT in one flight and wait for all of them. Each
 * statement is its own protocol sync, so the first failure aborts the transaction and the
 * COMMIT then only rolls back: the first error is thrown, and a COMMIT that did not commit is an
 * error too. `finish` ends the transaction another way (PREPARE TRANSACTION: its tag is PREPARE).
 */
export async function commitWith(client: PoolClient, send: () => Array<Promise<unknown>>, finish = { sql: 'COMMIT', tag: 'COMMIT' }): Promise<void> {
  const [statements, commit] = corked(client, () => [send(), client.query(finish.sql)] as const);
  const settled = await Promise.allSettled([...statements, commit]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const tag = (settled.at(-1) as PromiseFulfilledResult<{ command?: string }>).value.command;
  if (tag !== finish.tag) throw new Error(`transaction did not ${finish.tag.toLowerCase()} (${tag})`);
}

/**
 * Issue several statements with the connection's socket corked: a pipelined pg client writes
 * each statement as it is issued (one syscall each); corked, they leave in one write.
 */
export function corked<T>(client: PoolClient, issue: () => T): T {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  stream?.cork?.();
  try {
    return issue();
  } finally {
    stream?.uncork?.();
  }
}

/** Await every promise (so none is left rejecting unobserved), then rethrow the first failure. */
export async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Run independent reads in one round trip: pipelined on one connection, corked into one write,
 * each statement its own implicit transaction (a commit may land between them, as between
 * separate reads).
 */
export async function readTogether(pool: Pool, statements: ReadonlyArray<{ text: string; values: unknown[] }>): Promise<pg.QueryResult[]> {
  const client = await pool.connect();
  try {
    return await settleAll(corked(client, () => statements.map((s) => client.query(s.text, s.values))));
  } finally {
    client.release();
  }
}
