/**
 * TimerScheduler on agenda 6's PostgreSQL table: one job per (case, timer key), so rescheduling
 * replaces the job instead of adding one. agenda creates the table; the jobs are written and
 * cancelled here in one statement each, on a unique index of (case, key) — agenda's own unique
 * save reads the table by its jsonb data first (no index: a scan of every pending job per timer,
 * and two nodes could both insert). The due jobs are run by DueJobPoller, which claims them in
 * batches with SKIP LOCKED (agenda's own processor locks one job per round trip, too slow for a
 * burst of deadlines at one instant) and wakes each case once for all its timers due together.
 * Two nodes never run one job at once; the case's timer row makes a second wake a no-op anyway.
 */
import { Agenda } from 'agenda';
import pg from 'pg';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { ScheduledWake, TimerScheduler } from '../../deadlines/timer-scheduler.ts';
import { batchedByTurn, forEveryItem } from '../postgres/turn-batch.ts';
import { claimOrderIndexName, claimOrderIndexSql, DueJobPoller } from './due-job-poller.ts';

const JOB = 'case-timer';
const TABLE = 'agenda_jobs';
const UNIQUE_INDEX = 'agenda_jobs_case_timer_key';
const CLAIM_INDEX = claimOrderIndexName(TABLE);
/**
 * A job whose timer row has fired, was cancelled (a closed task leaves its other limits' jobs
 * behind) or is paused (re-armed with a new job on resume): its wake would lock the case to find
 * nothing to do. A job without a timer row is run (the case decides).
 */
const STALE_JOB = `j.data->>'caseId' ~ '^[0-9a-fA-F-]{36}$' AND EXISTS (
  SELECT 1 FROM case_timers t WHERE t.case_id = (j.data->>'caseId')::uuid AND t.key = j.data->>'key'
     AND (t.fired_at IS NOT NULL OR t.cancelled_at IS NOT NULL OR t.remaining_days IS NOT NULL))`;

/** How far ahead of their instant timers are claimed and prepared (enough for a burst's work). */
export const DEFAULT_PREPARE_AHEAD_MS = 60_000;

export interface TimerJobData {
  caseId: string;
  key: string;
}

export interface AgendaTimerOptions {
  connectionString: string;
  /** Wake a case for its timers: all of one case that fall due together come in one call. */
  wake: (caseId: string, keys: string[]) => Promise<unknown>;
  /**
   * Compute ahead what waking the case for these timers (due at `at`) will write (Runtime.prepareTimers):
   * at the instant only its commit runs, and `wake` when the commit answers undefined (the case
   * moved on). Jobs are then claimed `prepareAheadMs` (DEFAULT_PREPARE_AHEAD_MS) ahead of their instant.
   */
  prepare?: (caseId: string, keys: string[], at: Date) => Promise<{ commit(): Promise<unknown>; stage?(): Promise<boolean>; abandon?(): Promise<void> } | undefined>;
  prepareAheadMs?: number;
  /** How long before its instant a prepared wake's writes are staged (DueJobPoller's default). */
  stageAheadMs?: number;
  /** Jobs claimed per poll beyond the poll period, to prepare (DueJobPoller's default). */
  prepareClaimPerPoll?: number;
  /** How often to look for due jobs (ms, or "N seconds"); jobs due within one period are claimed ahead. */
  processEvery?: string | number;
  /** Wakes (case commands) running at once on this node. */
  concurrency?: number;
  /** A failed claim or bookkeeping query (the next poll retries; the sweep covers the timers). */
  onError?: (error: unknown) => void;
}

export class AgendaTimerScheduler implements TimerScheduler {
  private constructor(
    private readonly pool: pg.Pool, private readonly backend: PostgresBackend, private readonly poller: DueJobPoller,
    /** How far ahead due jobs are claimed: a timer overdue by more than this was missed by every node. */
    readonly claimPeriodMs: number,
  ) {}

  /** Connect (agenda creates its table), then start running due jobs. */
  static async start(options: AgendaTimerOptions): Promise<AgendaTimerScheduler> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: 4, application_name: 'lianshen-timer-jobs' });
    const onError = options.onError ?? ((error: unknown) => console.error('timer jobs:', error));
    pool.on('error', onError);
    // agenda gets our pool: a pool of its own has no error listener, so a connection lost while
    // idle (PostgreSQL stopping first on Ctrl-C, an admin terminating it) took the process down.
    const backend = new PostgresBackend({ pool, tableName: TABLE });
    const agenda = new Agenda({ backend, removeOnComplete: true });
    await agenda.ready;
    await ensureIndexes(pool);
    const claimPeriodMs = milliseconds(options.processEvery ?? 5000);
    const poller = new DueJobPoller({
      connectionString: options.connectionString, table: TABLE, jobName: JOB,
      run: (jobs) => {
        const data = jobs as TimerJobData[];
        return options.wake(data[0]!.caseId, data.map((d) => d.key));
      },
      groupOf: (data) => (data as TimerJobData).caseId,
      ...(options.prepare && {
        prepareAheadMs: options.prepareAheadMs ?? DEFAULT_PREPARE_AHEAD_MS,
        ...(options.prepareClaimPerPoll !== undefined && { prepareClaimPerPoll: options.prepareClaimPerPoll }),
        ...(options.stageAheadMs !== undefined && { stageAheadMs: options.stageAheadMs }),
        prepare: async (jobs, at) => {
          const data = jobs as TimerJobData[];
          const prepared = await options.prepare!(data[0]!.caseId, data.map((d) => d.key), at);
          return prepared && {
            commit: async () => (await prepared.commit()) !== undefined,
            ...(prepared.stage && { stage: prepared.stage }),
            ...(prepared.abandon && { abandon: prepared.abandon }),
          };
        },
      }),
      staleWhen: STALE_JOB,
      processEveryMs: claimPeriodMs,
      // A wake is a case command: Node CPU, then a PostgreSQL flight. A few in flight keep both
      // busy; more only lengthen every command (and take connections the API needs).
      concurrency: options.concurrency ?? 4,
      onError,
    });
    poller.start();
    return new AgendaTimerScheduler(pool, backend, poller, claimPeriodMs);
  }

  /** Arm one wake-up (see scheduleAll). */
  async schedule(caseId: string, key: string, dueAt: Date): Promise<void> {
    await this.scheduleAll([{ caseId, key, dueAt }]);
  }

  async scheduleAll(wakes: readonly ScheduledWake[]): Promise<void> {
    if (!wakes.length) return;
    await this.insertWakes(wakes);
    this.poller.expect(new Date(Math.min(...wakes.map((w) => w.dueAt.getTime()))));
  }

  /**
   * One statement for the wake-ups of every command that committed in this turn (each command's
   * all together, so a poll never sees half of one; a burst of deadlines arms the next ones of
   * hundreds of cases at its instant). A (case, key) armed twice keeps the later one.
   */
  private readonly insertWakes = batchedByTurn<readonly ScheduledWake[], void>((batches) => {
    const latest = new Map<string, ScheduledWake>();
    for (const wake of batches.flat()) {
      const id = `${wake.caseId}|${wake.key}`;
      latest.delete(id);
      latest.set(id, wake);
    }
    const wakes = [...latest.values()];
    // As agenda saves a job; a job rescheduled while it runs keeps its claim (the poller then releases it).
    return forEveryItem(batches, this.pool.query(
      `INSERT INTO ${TABLE} (name, priority, next_run_at, type, data, disabled)
       SELECT $1, 0, w.due_at, 'normal', jsonb_build_object('caseId', w.case_id, 'key', w.key), false
         FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS w(case_id, key, due_at)
       ON CONFLICT ((data->>'caseId'), (data->>'key')) WHERE name = '${JOB}'
       DO UPDATE SET next_run_at = EXCLUDED.next_run_at, disabled = false`,
      [JOB, wakes.map((w) => w.caseId), wakes.map((w) => w.key), wakes.map((w) => w.dueAt)]).then(() => undefined));
  });

  /** Drop one wake-up (see cancelAll). */
  async cancel(caseId: string, key: string): Promise<void> {
    await this.cancelAll(caseId, [key]);
  }

  async cancelAll(caseId: string, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    await this.pool.query(`DELETE FROM ${TABLE} WHERE name = $1 AND data->>'caseId' = $2 AND data->>'key' = ANY($3::text[])`, [JOB, caseId, keys]);
  }

  /** Stop taking jobs; claimed jobs not started yet are released for another node. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.backend.disconnect(); // leaves the pool it was given open
    await this.pool.end();
  }
}

/**
 * One job per (case, key), enforced by the database, and the index claims read in their order
 * (DueJobPoller). A table written by agenda's own unique save may hold duplicates (two nodes
 * racing): keep the latest of each before indexing.
 */
async function ensureIndexes(pool: pg.Pool): Promise<void> {
  const exists = await pool.query('SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = $1 AND indexname = ANY($2)', [TABLE, [UNIQUE_INDEX, CLAIM_INDEX]]);
  if (exists.rows[0].n === 2) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Nodes starting together: one builds the indexes, the others wait and find them built.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${UNIQUE_INDEX}'))`);
    await client.query(
      `DELETE FROM ${TABLE} a USING ${TABLE} b
        WHERE a.name = '${JOB}' AND b.name = '${JOB}' AND a.data->>'caseId' = b.data->>'caseId' AND a.data->>'key' = b.data->>'key'
          AND (a.updated_at, a.id) < (b.updated_at, b.id)`);
    await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS ${UNIQUE_INDEX} ON ${TABLE} ((data->>'caseId'), (data->>'key')) WHERE name = '${JOB}'`);
    await client.query(claimOrderIndexSql(TABLE, JOB));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function milliseconds(period: string | number): number {
  if (typeof period === 'number') return period;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?)\s*$/i.exec(period);
  if (!match) throw new Error(`processEvery: not a period: "${period}"`);
  const unit = match[2]!.toLowerCase();
  return Number(match[1]) * (unit.startsWith('ms') || unit.startsWith('milli') ? 1 : unit.startsWith('s') ? 1000 : 60_000);
}
