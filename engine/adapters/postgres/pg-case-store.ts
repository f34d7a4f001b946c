/**
 * CaseStore on PostgreSQL. A command on a case whose engine this process holds at the current
 * version costs one flight: a version-guarded UPDATE of the case with one write per kind of
 * change (set-based, never a row at a time) beside it, usually as one statement that is its own
 * transaction, else BEGIN, the statements and COMMIT pipelined (plus a flight per read the
 * command asks for). Otherwise: one flight for BEGIN and the locking read (with the idempotency
 * check, the open tasks and, only when needed, the engine state), then the reads, then the
 * writes and COMMIT in one flight.
 */
import { createHash } from 'node:crypto';
import type { CaseMaterial, CaseRecord, OpinionRecord, TaskRecord } from '../../cases/case-types.ts';
import {
  CaseBusyError, DuplicateRequestError, StaleCaseError, type CachedCase, type CaseChanges, type CaseStore, type CaseTransaction, type CommandRecord, type LockOptions, type LockedCase,
  type PreparedWrite, type StagedWrite,
} from '../../store/case-store.ts';
import { NotFoundError } from '../../errors/domain-error.ts';
import { RATING_WINDOW_KIND } from '../../rating/rating-window.ts';
import { decodeEngineState, encodeEngineState } from './engine-state-codec.ts';
import { batchedByTurn } from './turn-batch.ts';
import { commitWith, corked, inTransaction, settleAll, type Pool, type PoolClient, type TransactionControl } from './pool.ts';
import type { MeetingRecord } from '../../meetings/meeting-types.ts';
import { listStagedWrites, MAX_CASES_PER_STAGED_WRITE, stagedWriteFinisher, PREPARED_TRANSACTIONS_DISABLED, rollbackQuietly, stagedWriteId } from './staged-writes.ts';
import { taskColumns, toCase, toMeeting, toOpinion, toTask, toTimer } from './row-mappers.ts';

const CASE_COLUMNS = ['id', 'case_number', 'definition_id', 'item_code', 'region_code', 'applicant_id', 'green', 'helper_id', 'project_id',
  'query_code', 'site_region_code', 'form', 'status', 'accepted_at', 'due_at', 'due_provisional', 'paused_at', 'pause_reason', 'version',
  'created_at', 'updated_at', 'ended_at', 'event_seq'].map((c) => `c.${c}`).join(', ');

// Only columns of the locked row itself: after waiting for the lock, READ COMMITTED returns the
// row's newest version, but subqueries would still see the statement's older snapshot.
// The engine state only when the caller has no live engine at this version.
const LOCK_SQL = `
  SELECT ${CASE_COLUMNS},
         CASE WHEN c.version = $2 THEN NULL ELSE c.engine_state_z END AS state_z,
         CASE WHEN c.version = $2 OR c.engine_state_z IS NOT NULL THEN NULL ELSE c.engine_state END AS state_json
    FROM cases c WHERE c.id = $1 FOR UPDATE`;
// The same lock, refused at once when another transaction holds the case (LockOptions.wait).
const LOCK_NOWAIT_SQL = `${LOCK_SQL} NOWAIT`;
/** SQLSTATE of a lock refused by NOWAIT. */
const LOCK_NOT_AVAILABLE = '55P03';

const SNAPSHOT_SQL = `SELECT ${CASE_COLUMNS}, c.engine_state_z AS state_z, CASE WHEN c.engine_state_z IS NULL THEN c.engine_state END AS state_json
    FROM cases c WHERE c.id = $1`;

type Statement = { text: string; values: unknown[] };

/** One case's writes, to stage for its deadline's instant. */
interface StageRequest {
  caseId: string;
  at: Date;
  statements: Statement[];
}

/** A staged write shared by several cases: its members not yet done, and its commit (or rollback) once asked for. */
interface SharedStaging {
  members: number;
  outcome?: Promise<boolean>;
}

export class PgCaseStore implements CaseStore {
  /** Off once the server said it cannot prepare transactions (max_prepared_transactions = 0). */
  private canStage = true;
  /** COMMIT/ROLLBACK PREPARED, those of one turn in one flight (a burst of deadlines commits hundreds at its instant). */
  private readonly finishStagedWrite: (id: string, commit: boolean) => Promise<boolean>;
  /** Staged writes of several cases, staged by this store and not yet committed by all of them. */
  private readonly shared = new Map<string, SharedStaging>();

  constructor(private readonly pool: Pool) {
    this.finishStagedWrite = stagedWriteFinisher(pool);
  }

  async findCommand(requestId: string): Promise<CommandRecord | undefined> {
    return findCommand(this.pool, requestId);
  }

  async withLockedCase<T>(caseId: string, options: LockOptions, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client, begun, control) => {
      // One flight: BEGIN, the lock, then the reads every command needs. PostgreSQL runs them in
      // order and each later statement takes a new snapshot, so the reads see what a command
      // that held the lock before us committed (a duplicate request, its tasks).
      const [, lock, prior, open, opinions] = await settleAll(corked(client, () => [
        begun,
        client.query(prepared(options.wait === false ? LOCK_NOWAIT_SQL : LOCK_SQL, [caseId, options.cachedVersion ?? -1])),
        options.requestId ? findCommand(client, options.requestId) : Promise.resolve(undefined),
        client.query(prepared(OPEN_TASKS_SQL, [caseId])),
        options.roundOf ? client.query(prepared(ROUND_OPINIONS_SQL, [caseId, options.roundOf])) : Promise.resolve(undefined),
      ] as const));
      const row = lock.rows[0];
      if (!row) throw new NotFoundError(`case ${caseId} not found`, { caseId });
      // Decoded only if the command asks for it (it may not need the engine at all).
      const state = row.state_z || row.state_json ? { z: row.state_z, json: row.state_json } : null;
      const openTasks = open.rows.map(toTask);
      // Read after the lock, so no other opinion of the round can be stored before this command ends.
      const task = opinions && openTasks.find((t) => t.id === options.roundOf);
      const round = task ? { elementId: task.elementId, round: task.round, opinions: opinions!.rows.map(toOpinion) } : undefined;
      const tx = new PgCaseTransaction(client, caseId, control, true, state, openTasks, undefined, round);
      return work({ row: toCase(row), lastSeq: row.event_seq, prior }, tx);
    }, { pipelineBegin: true }).catch((error) => {
      throw (error as { code?: string })?.code === LOCK_NOT_AVAILABLE ? new CaseBusyError(caseId) : error;
    });
  }

  async withCachedCase<T>(cached: CachedCase, work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const control: TransactionControl = { committed: false };
    const { id, version } = cached.row;
    const tx = new PgCaseTransaction(client, id, control, false, null, cached.openTasks, undefined, undefined, version);
    try {
      const result = await work(tx);
      if (!control.committed) {
        // Nothing written: what the command saw (cached or read) must still be current.
        const { rows } = await client.query(prepared('SELECT version FROM cases WHERE id = $1', [id]));
        if (tx.begun) {
          await client.query('COMMIT');
          control.committed = true;
        }
        if (rows[0]?.version !== version) throw new StaleCaseError(id, version);
      }
      return result;
    } catch (error) {
      if (tx.begun && !control.committed) await client.query('ROLLBACK').catch(() => {});
      if ((error as { code?: string })?.code === VERSION_CONFLICT) throw new StaleCaseError(id, version);
      throw error;
    } finally {
      client.release();
    }
  }

  async prepareOnSnapshot<T>(caseId: string, work: (snapshot: LockedCase & CachedCase, tx: CaseTransaction) => Promise<T>): Promise<{ result: T; write?: PreparedWrite }> {
    // Read-only and short: one snapshot for every read `work` makes, no lock, nothing held after.
    let captured: Array<{ text: string; values: unknown[] }> | undefined;
    let version = 0;
    const result = await inTransaction(this.pool, async (client, begun, control) => {
      const [, snapshot, open] = await settleAll(corked(client, () => [
        begun, client.query(prepared(SNAPSHOT_SQL, [caseId])), client.query(prepared(OPEN_TASKS_SQL, [caseId])),
      ] as const));
      const row = snapshot.rows[0];
      if (!row) throw new NotFoundError(`case ${caseId} not found`, { caseId });
      version = row.version;
      const state = row.state_z || row.state_json ? { z: row.state_z, json: row.state_json } : null;
      const openTasks = open.rows.map(toTask);
      const tx = new PgCaseTransaction(client, caseId, control, true, state, openTasks, (statements) => { captured = statements; });
      return work({ row: toCase(row), lastSeq: row.event_seq, openTasks }, tx);
    }, { pipelineBegin: true, begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' });
    if (!captured) return { result };
    return { result, write: this.preparedWrite(caseId, version, captured) };
  }

  /** Writes kept for their instant: sent then, or staged before it (see staged-writes.ts). */
  private preparedWrite(caseId: string, version: number, statements: Statement[]): PreparedWrite {
    let staging: Promise<string | undefined> | undefined;
    let spent = false;
    const send = async () => {
      const client = await this.pool.connect();
      try {
        await commitStatements(client, statements, true);
      } finally {
        client.release();
      }
    };
    return {
      stage: (at) => {
        if (spent || !this.canStage) return Promise.resolve(false);
        staging ??= this.stageTogether({ caseId, at, statements });
        return staging.then((id) => id !== undefined);
      },
      commit: async () => {
        if (spent) throw new StaleCaseError(caseId, version);
        spent = true;
        const staged = await staging;
        try {
          if (!staged) return await send();
          // Gone: a command that came before the instant rolled it back, or a node settled it.
          if (!(await this.commitShared(staged))) throw new StaleCaseError(caseId, version);
        } catch (error) {
          if ((error as { code?: string })?.code === VERSION_CONFLICT || (error as { code?: string })?.code === LOCK_NOT_AVAILABLE) {
            throw new StaleCaseError(caseId, version);
          }
          throw error;
        }
      },
      abandon: async () => {
        if (spent) return;
        spent = true;
        const staged = await staging;
        if (staged) await this.abandonShared(staged);
      },
    };
  }

  /**
   * Stage the writes of the cases asked for in this turn (PreparedWrite.stage), those due at one
   * instant together: BEGIN, every case's writes and PREPARE TRANSACTION in one flight, up to
   * MAX_CASES_PER_STAGED_WRITE cases each. A shared staging that fails (one case moved on since
   * its writes were computed) is tried again case by case, so one case never costs the others
   * theirs. Answers each case's identifier, or undefined when its writes were not staged.
   */
  private readonly stageTogether = batchedByTurn<StageRequest, string | undefined>(async (requests) => {
    const byInstant = new Map<number, StageRequest[]>();
    for (const r of requests) {
      const same = byInstant.get(r.at.getTime());
      if (same) same.push(r);
      else byInstant.set(r.at.getTime(), [r]);
    }
    const groups = [...byInstant.values()].flatMap((same) =>
      Array.from({ length: Math.ceil(same.length / MAX_CASES_PER_STAGED_WRITE) }, (_, i) => same.slice(i * MAX_CASES_PER_STAGED_WRITE, (i + 1) * MAX_CASES_PER_STAGED_WRITE)));
    const staged = new Map<StageRequest, string | undefined>();
    await Promise.all(groups.map(async (group) => {
      const id = await this.stage(group);
      if (id || group.length === 1 || !this.canStage) {
        if (id && group.length > 1) this.shared.set(id, { members: group.length });
        for (const r of group) staged.set(r, id);
        return;
      }
      await Promise.all(group.map(async (r) => staged.set(r, await this.stage([r]))));
    }));
    return requests.map((r) => ({ status: 'fulfilled', value: staged.get(r) }));
  });

  /** BEGIN, the cases' writes and PREPARE TRANSACTION in one flight; the identifier, or undefined when not staged. */
  private async stage(requests: readonly StageRequest[]): Promise<string | undefined> {
    const id = stagedWriteId(requests.map((r) => r.caseId), requests[0]!.at);
    const client = await this.pool.connect();
    try {
      await commitWith(client, () => [client.query('BEGIN'), ...requests.flatMap((r) => r.statements.map((q) => client.query(prepared(q.text, q.values))))],
        { sql: `PREPARE TRANSACTION '${id}'`, tag: 'PREPARE' });
      return id;
    } catch (error) {
      if ((error as { code?: string })?.code === PREPARED_TRANSACTIONS_DISABLED) this.canStage = false;
      await rollbackQuietly(client);
      return undefined;
    } finally {
      client.release();
    }
  }

  /**
   * Commit a staged write at its instant; of one staged with other cases, the first case's
   * commit commits it and the others' find that done (a second COMMIT PREPARED would find it
   * gone and take them for moved on).
   */
  private async commitShared(id: string): Promise<boolean> {
    const shared = this.shared.get(id);
    if (!shared) return this.finishStagedWrite(id, true);
    shared.outcome ??= this.finishStagedWrite(id, true);
    try {
      return await shared.outcome;
    } finally {
      this.leave(id, shared);
    }
  }

  /**
   * A case's staged writes no longer wanted: rolled back, with those of the cases staged with it
   * unless they were committed already — their commits then answer false and their deadlines
   * run the ordinary way at the instant.
   */
  private async abandonShared(id: string): Promise<void> {
    const shared = this.shared.get(id);
    if (!shared) {
      await this.finishStagedWrite(id, false);
      return;
    }
    shared.outcome ??= this.finishStagedWrite(id, false).then(() => false);
    try {
      await shared.outcome;
    } finally {
      this.leave(id, shared);
    }
  }

  private leave(id: string, shared: SharedStaging): void {
    shared.members -= 1;
    if (shared.members <= 0) this.shared.delete(id);
  }

  stagedWrites(caseId?: string): Promise<StagedWrite[]> {
    return listStagedWrites(this.pool, caseId);
  }

  finishStaged(id: string, commit: boolean): Promise<boolean> {
    return this.finishStagedWrite(id, commit);
  }

  async withNewCase<T>(row: Omit<CaseRecord, 'caseNumber'>, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T> {
    return this.insertCase(row, work).catch((error) => {
      // Two identical "apply" requests at once: the second hits the first's command_log row.
      if (error?.code === '23505' && error?.constraint === 'command_log_pkey') throw new DuplicateRequestError(String(error.detail ?? ''));
      throw error;
    });
  }

  private async insertCase<T>(row: Omit<CaseRecord, 'caseNumber'>, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client, begun, control) => {
      const [, { rows }] = await settleAll([begun, client.query(
        `INSERT INTO cases (id, case_number, definition_id, item_code, region_code, applicant_id, green, form, status, version, created_at, updated_at,
                            helper_id, project_id, site_region_code)
         VALUES ($1, to_char($10::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('case_number_seq')::text, 6, '0'),
                 $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13)
         RETURNING *`,
        [row.id, row.definitionId, row.itemCode, row.regionCode, row.applicantId, row.green, row.form, row.status, row.version, row.createdAt,
          row.helperId, row.projectId, row.siteRegionCode],
      )] as const);
      return work({ row: toCase(rows[0]), lastSeq: 0 }, new PgCaseTransaction(client, row.id, control, true, null));
    }, { pipelineBegin: true });
  }

  async dueTimers(now: Date, limit: number) {
    const { rows } = await this.pool.query(
      `SELECT case_id, key, due_at FROM case_timers
        WHERE fired_at IS NULL AND cancelled_at IS NULL AND remaining_days IS NULL AND due_at <= $1
        ORDER BY due_at LIMIT $2`, [now, limit]);
    return rows.map((r) => ({ caseId: r.case_id as string, key: r.key as string, dueAt: r.due_at as Date }));
  }
}

async function findCommand(db: Pool | PoolClient, requestId: string): Promise<CommandRecord | undefined> {
  const { rows } = await db.query(prepared('SELECT case_id, command, result FROM command_log WHERE request_id = $1', [requestId]));
  return rows[0] ? { caseId: rows[0].case_id, name: rows[0].command, result: rows[0].result } : undefined;
}

// A case's open tasks, read through the case's own index entries. Written as "neither done nor
// cancelled" (the same thing: the CHECK on status allows nothing else) so that the inbox's partial
// indexes (WHERE status IN ('open', 'signed')) cannot serve it: with statistics taken when few tasks
// were open, the planner walked tasks_inbox_order from end to end filtering on the case — every
// open task of the centre read for each command (2,100 per opinion in the bench's load).
const OPEN_TASKS_SQL = `SELECT * FROM tasks WHERE case_id = $1 AND status <> ALL ('{done,cancelled}') ORDER BY created_at, execution_id`;
/** The stored opinions of the review round task $2 belongs to. */
const ROUND_OPINIONS_SQL = `SELECT o.* FROM tasks t JOIN opinions o ON o.case_id = t.case_id AND o.element_id = t.element_id AND o.round = t.round
   WHERE t.case_id = $1 AND t.id = $2`;

/**
 * A command's statements are few and fixed: named, PostgreSQL parses and plans each once per
 * connection instead of once per command (pg sends the Parse only the first time).
 */
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = statementNames.get(text);
  if (!name) {
    name = `lianshen_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** SQLSTATE raised by case_version_conflict() (migration 041). */
const VERSION_CONFLICT = 'LS409';

class PgCaseTransaction implements CaseTransaction {
  constructor(
    private readonly client: PoolClient,
    private readonly caseId: string,
    private readonly control: TransactionControl,
    /** False until the first statement: an unlocked (cached) command sends BEGIN with it. */
    public begun: boolean,
    /** The stored state as the locking read fetched it, still encoded. */
    private fetchedState: { z: Buffer | null; json: unknown } | null,
    private prefetchedOpenTasks: TaskRecord[] | undefined = undefined,
    /** Keep the writes instead of sending them (prepareOnSnapshot). */
    private readonly capture?: (statements: Array<{ text: string; values: unknown[] }>) => void,
    /** The stored opinions of one review round, read with the lock (LockOptions.roundOf). */
    private readonly prefetchedRound?: { elementId: string; round: number; opinions: OpinionRecord[] },
    /** Unlocked (a cached snapshot): the version the command runs on; a stored state of another is refused. */
    private readonly expectedVersion?: number,
  ) {}

  /** A read inside the transaction (BEGIN travels with the first one). */
  async read(text: string, values: unknown[]) {
    if (this.begun) return this.client.query(prepared(text, values));
    this.begun = true;
    const [, result] = await settleAll(corked(this.client, () => [this.client.query('BEGIN'), this.client.query(prepared(text, values))] as const));
    return result;
  }

  async engineState(): Promise<unknown> {
    if (this.fetchedState == null) {
      const { rows } = await this.read('SELECT engine_state_z, engine_state, version FROM cases WHERE id = $1', [this.caseId]);
      // Another command moved the case since the snapshot: its state would not match the rows.
      if (this.expectedVersion !== undefined && rows[0]?.version !== this.expectedVersion) throw new StaleCaseError(this.caseId, this.expectedVersion);
      this.fetchedState = { z: rows[0]?.engine_state_z ?? null, json: rows[0]?.engine_state ?? null };
    }
    return decodeEngineState(this.fetchedState.z, this.fetchedState.json);
  }

  async openTasks() {
    const prefetched = this.prefetchedOpenTasks;
    this.prefetchedOpenTasks = undefined;
    if (prefetched) return prefetched;
    const { rows } = await this.read(OPEN_TASKS_SQL, [this.caseId]);
    return rows.map(toTask);
  }

  async tasksOf(elementId: string, round: number) {
    const { rows } = await this.read('SELECT * FROM tasks WHERE case_id = $1 AND element_id = $2 AND round = $3', [this.caseId, elementId, round]);
    return rows.map(toTask);
  }

  async opinionsOf(elementId: string, round: number): Promise<OpinionRecord[]> {
    const known = this.prefetchedRound;
    if (known && known.elementId === elementId && known.round === round) return structuredClone(known.opinions);
    const { rows } = await this.read('SELECT * FROM opinions WHERE case_id = $1 AND element_id = $2 AND round = $3', [this.caseId, elementId, round]);
    return rows.map(toOpinion);
  }

  async rejections() {
    const { rows } = await this.read(`SELECT * FROM opinions WHERE case_id = $1 AND decision = 'reject' ORDER BY given_at, id`, [this.caseId]);
    return rows.map(toOpinion);
  }

  async timersOf(filter: { pendingOnly: boolean }) {
    const pending = filter.pendingOnly ? 'AND fired_at IS NULL AND cancelled_at IS NULL' : '';
    const { rows } = await this.read(`SELECT * FROM case_timers WHERE case_id = $1 ${pending}`, [this.caseId]);
    return rows.map(toTimer);
  }

  async meetingOf(taskId: string): Promise<MeetingRecord | undefined> {
    const { rows } = await this.read(
      `SELECT m.*, coalesce(jsonb_object_agg(a.department_id, a.present) FILTER (WHERE a.department_id IS NOT NULL), '{}') AS attendance
         FROM meetings m LEFT JOIN meeting_attendance a ON a.meeting_id = m.id
        WHERE m.task_id = $1 GROUP BY m.id`, [taskId]);
    return rows[0] ? toMeeting(rows[0]) : undefined;
  }

  async materials(): Promise<CaseMaterial[]> {
    const { rows } = await this.read('SELECT * FROM case_materials WHERE case_id = $1 ORDER BY code', [this.caseId]);
    return rows.map((r) => ({ caseId: r.case_id, code: r.code, name: r.name, status: r.status, promisedBy: r.promised_by, suppliedAt: r.supplied_at }));
  }

  /**
   * Write the command's changes and COMMIT, in one flight. Usually as one statement: alone, it is
   * its own transaction (a command that read nothing inside its transaction sends no BEGIN and no
   * COMMIT); otherwise BEGIN (if nothing was sent yet), the statements one by one, and COMMIT.
   */
  async save(changes: CaseChanges): Promise<void> {
    const batch = changeStatements(changes);
    const statements = oneStatementSafe(changes) ? [asOneStatement(batch)] : batch;
    if (this.capture) {
      this.capture(statements);
      return;
    }
    const begin = !this.begun;
    this.begun = true;
    await commitStatements(this.client, statements, begin);
    this.control.committed = true;
  }
}

/**
 * Send a command's writes and commit them in one flight: a single statement with no transaction
 * begun is its own transaction; otherwise (BEGIN if none was sent yet,) the statements and COMMIT.
 */
async function commitStatements(client: PoolClient, statements: Array<{ text: string; values: unknown[] }>, begin: boolean): Promise<void> {
  if (begin && statements.length === 1) {
    await client.query(prepared(statements[0]!.text, statements[0]!.values));
    return;
  }
  await commitWith(client, () => [
    ...(begin ? [client.query('BEGIN')] : []),
    ...statements.map((q) => client.query(prepared(q.text, q.values))),
  ]);
}

/**
 * A command's changes as statements, to be sent together: on a pipelined connection (see
 * pool.ts) they travel in one flight instead of one round trip each; PostgreSQL still runs them
 * in order, and the first failure aborts the transaction. The first one moves the case row from
 * the version the command read to the next, and raises when the row is at another version.
 * It never waits for the row (the EXISTS … NOWAIT): the holder may be a deadline's writes staged
 * for an instant seconds away (staged-writes.ts); LOCK_NOT_AVAILABLE sends the command to the
 * locked path, which settles such a holder first (CaseCommandRunner.lockedCase).
 */
const MOVE_CASE = `UPDATE cases SET form = $2, status = $3, accepted_at = $4, due_at = $5, due_provisional = $6, paused_at = $7,
              pause_reason = $8, version = $9, updated_at = $10, ended_at = $11, green = $12,
              engine_state_z = coalesce($13::bytea, engine_state_z), engine_state = CASE WHEN $13::bytea IS NULL THEN engine_state END, event_seq = coalesce($14, event_seq), helper_id = $15, query_code = $16
        WHERE id = $1 AND version = $9 - 1
          AND EXISTS (SELECT FROM cases l WHERE l.id = $1 FOR NO KEY UPDATE NOWAIT)
        RETURNING 1`;
const CASE_MOVED = 'SELECT CASE WHEN EXISTS (SELECT 1 FROM moved) THEN 0 ELSE case_version_conflict($1, $9 - 1) END';
const MOVE_CASE_GUARDED = `WITH moved AS (
       ${MOVE_CASE})
     ${CASE_MOVED}`;

function changeStatements(c: CaseChanges): Array<{ text: string; values: unknown[] }> {
  const client = new StatementBatch();
  const r = c.caseRow;
  client.query(
    MOVE_CASE_GUARDED,
    [r.id, r.form, r.status, r.acceptedAt, r.dueAt, r.dueProvisional, r.pausedAt, r.pauseReason, r.version, r.updatedAt, r.endedAt, r.green,
      c.engineState === undefined ? null : encodeEngineState(c.engineState), c.events.at(-1)?.seq ?? null, r.helperId, r.queryCode],
  );
  // tasks.green leads 待办 order (index tasks_inbox_order): a task of a green case is green, even
  // when its in-memory copy predates the green channel.
  const taskRow = (t: TaskRecord) => ({ ...taskColumns(t), green: t.green || r.green });
  if (c.newTasks.length) {
    client.query(`INSERT INTO tasks SELECT * FROM jsonb_populate_recordset(null::tasks, $1::jsonb)`, [JSON.stringify(c.newTasks.map(taskRow))]);
  }
  if (c.updatedTasks.length) {
    // `t.case_id = $2` keeps the plan on the case's own tasks. The statement is prepared; its
    // generic plan, guessing 100 rows from the JSON, hash-joined them with every task of every
    // case: with 5,000–14,000 tasks each opinion read the whole table, and PostgreSQL's CPU per
    // opinion grew with it (tests/integration/runtime/command-plans.test.ts).
    client.query(
      `UPDATE tasks t SET status = n.status, signed_at = n.signed_at, completed_at = n.completed_at, outcome = n.outcome,
              due_at = n.due_at, sign_due_at = n.sign_due_at, green = n.green
         FROM jsonb_populate_recordset(null::tasks, $1::jsonb) n WHERE t.case_id = $2 AND t.id = n.id`,
      [JSON.stringify(c.updatedTasks.map(taskRow)), r.id]);
  }
  if (r.green && c.events.some((e) => e.type === 'green-channel')) {
    // Put on the green channel: every open task moves up, also those this command left alone (a paused case's).
    // (status as in OPEN_TASKS_SQL: the case's own entries, never an inbox index walked whole)
    client.query(`UPDATE tasks SET green = true WHERE case_id = $1 AND status <> ALL ('{done,cancelled}') AND NOT green`, [r.id]);
  }
  saveRecords(client, c);
  saveTimers(client, c);
  saveMeetings(client, c);
  saveMaterialsAndNotifications(client, c);
  return client.statements;
}

/**
 * Whether the statements of `c` may run as one (see asOneStatement): the sub-statements of one
 * statement share a snapshot and must not touch the same row twice. The writes of an ordinary
 * command (case, tasks, records, timers armed or cancelled, materials, notifications) touch
 * distinct rows by construction (CaseSession keeps armed and cancelled timers apart), which is
 * checked here; a fired timer (its row may also be cancelled with its task), an ended case
 * (cancels every pending timer), the green channel (moves open tasks that may also be updated)
 * and meetings (attendance rewritten) keep their statements in order.
 */
function oneStatementSafe(c: CaseChanges): boolean {
  if (c.firedTimers.length || c.meetings.length || c.caseRow.status !== 'running') return false;
  if (c.caseRow.green && c.events.some((e) => e.type === 'green-channel')) return false;
  const cancelledKeys = new Set(c.cancelledTimers);
  const cancelledTasks = new Set(c.cancelledTaskTimers);
  return !c.timers.some((t) => cancelledKeys.has(t.key) || (t.taskId !== null && cancelledTasks.has(t.taskId)));
}

/**
 * The statements of a command as one: the others become data-modifying CTEs beside the guarded
 * case update, each statement's parameters renumbered after the previous ones'. PostgreSQL runs
 * the case update first (the final SELECT reads it; a version conflict raises before anything
 * else runs) and every other sub-statement to completion; the statement is atomic on its own.
 */
function asOneStatement(batch: Array<{ text: string; values: unknown[] }>): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  for (const q of batch) values.push(...q.values);
  // Commands combine a handful of statement texts in a handful of ways: the combined text is
  // built once per combination (and is then the same string, whose prepared name is known).
  let node = oneStatementTexts;
  for (const q of batch) {
    let next = node.next.get(q.text);
    if (!next) node.next.set(q.text, (next = { next: new Map() }));
    node = next;
  }
  node.text ??= combinedText(batch);
  return { text: node.text, values };
}

interface TextTrie { text?: string; next: Map<string, TextTrie> }
const oneStatementTexts: TextTrie = { next: new Map() };

function combinedText(batch: Array<{ text: string; values: unknown[] }>): string {
  const [first, ...rest] = batch;
  let offset = first!.values.length;
  const ctes = [`moved AS (${MOVE_CASE})`];
  for (const [i, q] of rest.entries()) {
    const shift = offset;
    ctes.push(`w${i} AS (${q.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`);
    offset += q.values.length;
  }
  return `WITH ${ctes.join(',\n')}\n${CASE_MOVED}`;
}

/** Statements to send in one go, in order. */
class StatementBatch {
  readonly statements: { text: string; values: unknown[] }[] = [];

  query(text: string, values: unknown[] = []): void {
    this.statements.push({ text, values });
  }
}

function saveMaterialsAndNotifications(client: StatementBatch, c: CaseChanges): void {
  if (c.materials.length) {
    client.query(
      `INSERT INTO case_materials (case_id, code, name, status, promised_by, supplied_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, code text, name text, status text, promised_by timestamptz, supplied_at timestamptz)
       ON CONFLICT (case_id, code) DO UPDATE SET status = excluded.status, promised_by = excluded.promised_by, supplied_at = excluded.supplied_at`,
      [JSON.stringify(c.materials.map((m) => ({ case_id: m.caseId, code: m.code, name: m.name, status: m.status, promised_by: m.promisedBy, supplied_at: m.suppliedAt })))]);
  }
  if (c.notifications.length) {
    client.query(
      `INSERT INTO notifications (recipient, case_id, event_seq, type, payload, created_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(recipient text, case_id uuid, event_seq int, type text, payload jsonb, created_at timestamptz)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(c.notifications.map((n) => ({ recipient: n.recipient, case_id: n.caseId, event_seq: n.eventSeq, type: n.type, payload: n.payload, created_at: n.createdAt })))]);
  }
}

function saveMeetings(client: StatementBatch, c: CaseChanges): void {
  for (const m of c.meetings) {
    client.query(
      `INSERT INTO meetings (id, case_id, task_id, lead_id, scheduled_at, place, status, decision, minutes, closed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET scheduled_at = excluded.scheduled_at, place = excluded.place, status = excluded.status,
              decision = excluded.decision, minutes = excluded.minutes, closed_at = excluded.closed_at`,
      [m.id, m.caseId, m.taskId, m.leadId, m.scheduledAt, m.place, m.status, m.decision, m.minutes, m.closedAt, m.createdAt]);
    client.query(
      `INSERT INTO meeting_attendance (meeting_id, department_id, present, recorded_at)
       SELECT $1, key, (value #>> '{}')::boolean, CASE WHEN value = 'null'::jsonb THEN NULL ELSE $3::timestamptz END FROM jsonb_each($2::jsonb)
       ON CONFLICT (meeting_id, department_id) DO UPDATE SET present = excluded.present, recorded_at = excluded.recorded_at`,
      [m.id, JSON.stringify(m.attendance), c.caseRow.updatedAt]);
    client.query('DELETE FROM meeting_attendance WHERE meeting_id = $1 AND NOT (department_id = ANY($2))', [m.id, Object.keys(m.attendance)]);
  }
}

function saveRecords(client: StatementBatch, c: CaseChanges): void {
  if (c.opinions.length) {
    client.query(
      `INSERT INTO opinions (case_id, task_id, element_id, round, department_id, decision, basis, reasons, conditions, materials, given_by, given_at)
       SELECT case_id, task_id, element_id, round, department_id, decision, basis, reasons, conditions, materials, given_by, given_at
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, task_id uuid, element_id text, round int, department_id text, decision text,
              basis text, reasons jsonb, conditions jsonb, materials jsonb, given_by text, given_at timestamptz)`,
      [JSON.stringify(c.opinions.map((o) => ({
        case_id: o.caseId, task_id: o.taskId, element_id: o.elementId, round: o.round, department_id: o.departmentId, decision: o.decision,
        basis: o.basis, reasons: o.reasons, conditions: o.conditions, materials: o.materials, given_by: o.givenBy, given_at: o.givenAt,
      })))]);
  }
  if (c.accountability.length) {
    client.query(
      `INSERT INTO accountability_records (case_id, task_id, department_id, level, basis, limit_at, recorded_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, task_id uuid, department_id text, level text, basis text,
              limit_at timestamptz, recorded_at timestamptz)`,
      [JSON.stringify(c.accountability.map((a) => ({
        case_id: a.caseId, task_id: a.taskId, department_id: a.departmentId, level: a.level, basis: a.basis, limit_at: a.limitAt, recorded_at: a.recordedAt,
      })))]);
  }
  if (c.events.length) {
    client.query(
      `INSERT INTO case_events (case_id, seq, type, task_id, payload, at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, seq int, type text, task_id uuid, payload jsonb, at timestamptz)`,
      [JSON.stringify(c.events.map((e) => ({ case_id: e.caseId, seq: e.seq, type: e.type, task_id: e.taskId, payload: e.payload, at: e.at })))]);
  }
  if (c.command) {
    client.query('INSERT INTO command_log (request_id, case_id, command, result, at) VALUES ($1, $2, $3, $4, $5)',
      [c.command.requestId, c.caseRow.id, c.command.name, JSON.stringify(c.command.result), c.caseRow.updatedAt]);
  }
}

function saveTimers(client: StatementBatch, c: CaseChanges): void {
  const caseId = c.caseRow.id;
  if (c.timers.length) {
    client.query(
      `INSERT INTO case_timers (case_id, key, kind, task_id, due_at, provisional, remaining_days)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, key text, kind text, task_id uuid, due_at timestamptz,
              provisional boolean, remaining_days int)
       ON CONFLICT (case_id, key) DO UPDATE SET due_at = excluded.due_at, provisional = excluded.provisional,
              remaining_days = excluded.remaining_days, fired_at = NULL, cancelled_at = NULL`,
      [JSON.stringify(c.timers.map((t) => ({
        case_id: t.caseId, key: t.key, kind: t.kind, task_id: t.taskId, due_at: t.dueAt, provisional: t.provisional, remaining_days: t.remainingDays,
      })))]);
  }
  const now = c.caseRow.updatedAt;
  if (c.firedTimers.length) {
    client.query('UPDATE case_timers SET fired_at = $3 WHERE case_id = $1 AND key = ANY($2)', [caseId, c.firedTimers, now]);
  }
  // An ended case keeps no pending timer but its rating window (cancelled only by name: once
  // rated); otherwise cancel just the named ones.
  if (c.caseRow.status !== 'running') {
    client.query(
      `UPDATE case_timers SET cancelled_at = $2
        WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL AND (kind <> $3 OR key = ANY($4))`,
      [caseId, now, RATING_WINDOW_KIND, c.cancelledTimers]);
  } else if (c.cancelledTimers.length || c.cancelledTaskTimers.length) {
    client.query(
      `UPDATE case_timers SET cancelled_at = $4
        WHERE case_id = $1 AND (key = ANY($2) OR task_id = ANY($3::uuid[])) AND fired_at IS NULL AND cancelled_at IS NULL`,
      [caseId, c.cancelledTimers, c.cancelledTaskTimers, now]);
  }
}
