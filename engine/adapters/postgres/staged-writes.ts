/**
 * Deadlines' writes staged ahead of their instant as a PostgreSQL prepared transaction (two-phase
 * commit's PREPARE TRANSACTION): the rows, index entries, ledger hashes and WAL are written before
 * the instant, and the instant costs only COMMIT PREPARED. A burst of 10,000 deadlines at one
 * instant then drains in a fraction of the time (bench: PostgreSQL 0.31 → 0.05 ms per fire at
 * the instant). Several cases due at the same instant share one prepared transaction: each COMMIT
 * PREPARED waits for its own WAL flush (PostgreSQL has no asynchronous commit of a prepared
 * transaction), so a burst's instant costs a flush per transaction, not per case. The prepared
 * transaction holds its cases' rows until it is committed or rolled back; it survives the node
 * (and a PostgreSQL restart), so its identifier says which cases and which instant it is for,
 * and whoever finds it in the way settles it (CaseCommandRunner) — for all its cases at once.
 */
import type { StagedWrite } from '../../store/case-store.ts';
import { isUuid } from '../../store/uuid.ts';
import { corked, type Pool, type PoolClient } from './pool.ts';
import { batchedByTurn } from './turn-batch.ts';

const PREFIX = 'lianshen-wake/';
/**
 * Cases one prepared transaction stages at most: its identifier names each (22 characters, the
 * id's 16 bytes in base64url) and PostgreSQL allows 199 bytes: 14 + 7 × 22 + 6 + 14 = 188.
 */
export const MAX_CASES_PER_STAGED_WRITE = 7;

/**
 * The prepared transaction's identifier: `lianshen-wake/<case uuid>/<instant ms>` for one case,
 * `lianshen-wake/<case>.<case>…/<instant ms>` with compact case ids for several.
 */
export function stagedWriteId(caseIds: string | readonly string[], at: Date): string {
  const ids = typeof caseIds === 'string' ? [caseIds] : caseIds;
  // The identifier is a literal in COMMIT/ROLLBACK PREPARED (no parameters there): only case
  // ids of the expected shape ever go into it.
  for (const id of ids) if (!isUuid(id)) throw new Error(`not a case id: ${id}`);
  if (!ids.length || ids.length > MAX_CASES_PER_STAGED_WRITE) throw new Error(`a staged write names 1 to ${MAX_CASES_PER_STAGED_WRITE} cases, not ${ids.length}`);
  const names = ids.length === 1 ? ids[0]!.toLowerCase() : ids.map(compactId).join('.');
  return `${PREFIX}${names}/${at.getTime()}`;
}

function compactId(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

function uuidOf(compact: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(compact)) return undefined;
  const hex = Buffer.from(compact, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parse(id: string): StagedWrite | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const [names, at, ...rest] = id.slice(PREFIX.length).split('/');
  if (!names || rest.length || !/^\d+$/.test(at ?? '')) return undefined;
  const caseIds = isUuid(names) ? [names] : names.split('.').map(uuidOf);
  if (caseIds.some((c) => c === undefined) || caseIds.length > MAX_CASES_PER_STAGED_WRITE) return undefined;
  return { id, caseIds: caseIds as string[], at: new Date(Number(at)) };
}

/** Staged writes of this database not committed yet: those naming one case, or all. */
export async function listStagedWrites(pool: Pool, caseId?: string): Promise<StagedWrite[]> {
  // At most max_prepared_transactions rows: the case is looked for here, not in SQL.
  const { rows } = await pool.query<{ gid: string }>(
    `SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND gid LIKE $1 ORDER BY prepared`, [`${PREFIX}%`]);
  const wanted = caseId?.toLowerCase();
  return rows.map((r) => parse(r.gid)).filter((w): w is StagedWrite => w !== undefined && (!wanted || w.caseIds.includes(wanted)));
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
      return (await Promise.allSettled(sent)).map((outcome) => {
        if (outcome.status === 'fulfilled') return { status: 'fulfilled', value: true };
        const gone = (outcome.reason as { code?: string }).code === UNDEFINED_OBJECT;
        return gone ? { status: 'fulfilled', value: false } : outcome;
      });
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
