/**
 * A deadline's writes staged ahead of its instant as a PostgreSQL prepared transaction (two-phase
 * commit's PREPARE TRANSACTION): the rows, index entries, ledger hashes and WAL are written before
 * the instant, and the instant costs only COMMIT PREPARED. A burst of 10,000 deadlines at one
 * instant then drains in a fraction of the time (bench: PostgreSQL 0.31 → 0.05 ms per fire at
 * the instant). The prepared transaction holds the case row until it is committed or rolled back;
 * it survives the node (and a PostgreSQL restart), so its identifier says which case and which
 * instant it is for, and whoever finds it in the way settles it (CaseCommandRunner).
 */
import type { StagedWrite } from '../../store/case-store.ts';
import { isUuid } from '../../store/uuid.ts';
import { corked, type Pool, type PoolClient } from './pool.ts';
import { batchedByTurn } from './turn-batch.ts';

const PREFIX = 'lianshen-wake/';

/** The prepared transaction's identifier: `lianshen-wake/<case>/<instant ms>`. */
export function stagedWriteId(caseId: string, at: Date): string {
  // The identifier is a literal in COMMIT/ROLLBACK PREPARED (no parameters there): only a
  // case id of the expected shape ever goes into it.
  if (!isUuid(caseId)) throw new Error(`not a case id: ${caseId}`);
  return `${PREFIX}${caseId.toLowerCase()}/${at.getTime()}`;
}

function parse(id: string): StagedWrite | undefined {
  const [caseId, at] = id.slice(PREFIX.length).split('/');
  if (!id.startsWith(PREFIX) || !caseId || !isUuid(caseId) || !/^\d+$/.test(at ?? '')) return undefined;
  return { id, caseId, at: new Date(Number(at)) };
}

/** Staged writes of this database not committed yet: of one case, or all. */
export async function listStagedWrites(pool: Pool, caseId?: string): Promise<StagedWrite[]> {
  const { rows } = await pool.query<{ gid: string }>(
    `SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND gid LIKE $1 ORDER BY prepared`,
    [caseId ? `${PREFIX}${caseId.toLowerCase()}/%` : `${PREFIX}%`]);
  return rows.map((r) => parse(r.gid)).filter((w): w is StagedWrite => w !== undefined);
}

/**
 * COMMIT or ROLLBACK PREPARED, answering false when it was already gone (settled elsewhere).
 * Those asked for in the same turn share one connection and one flight (turn-batch.ts): each is
 * its own protocol sync, so its own transaction with its own outcome (COMMIT PREPARED may not
 * run inside a transaction block, and never does here).
 */
export function stagedWriteFinisher(pool: Pool): (id: string, commit: boolean) => Promise<boolean> {
  const finish = batchedByTurn<{ id: string; commit: boolean }, boolean>(async (items) => {
    const client = await pool.connect();
    try {
      const sent = corked(client, () => items.map(({ id, commit }) => client.query(`${commit ? 'COMMIT' : 'ROLLBACK'} PREPARED '${id}'`)));
      return (await Promise.allSettled(sent)).map((outcome) =>
        outcome.status === 'rejected' && (outcome.reason as { code?: string }).code === UNDEFINED_OBJECT
          ? { status: 'fulfilled', value: false } : outcome.status === 'fulfilled' ? { status: 'fulfilled', value: true } : outcome);
    } finally {
      client.release();
    }
  }, FINISHED_PER_FLIGHT);
  return (id, commit) => {
    if (!parse(id)) return Promise.reject(new Error(`not a staged write: ${id}`));
    return finish({ id, commit });
  };
}

/** Commits one flight carries at most: one server process runs them one after another. */
const FINISHED_PER_FLIGHT = 4;

/** "prepared transaction with identifier … does not exist". */
const UNDEFINED_OBJECT = '42704';
/** "prepared transactions are disabled" (max_prepared_transactions = 0). */
export const PREPARED_TRANSACTIONS_DISABLED = '55000';

/** Leave no transaction open on a client whose staging failed half-way. */
export async function rollbackQuietly(client: PoolClient): Promise<void> {
  await client.query('ROLLBACK').catch(() => {});
}
