/**
 * Runs the due timer jobs of agenda's table, claiming them in batches. agenda 6 locks one job
 * per round trip and starts none before it has locked every job due within its look-ahead: a
 * burst of 10,000 deadlines at one instant waited ~30 s before the first fired. Here one
 * statement claims up to `batchSize` jobs due within the next period (FOR UPDATE SKIP LOCKED,
 * so nodes never claim the same job); claimed jobs wait for their instant on one timer per
 * instant, and the jobs of one group (a case) that are due together run in one call, at most
 * `concurrency` calls at once; a finished job's row is deleted. A job written on this node due
 * before the next poll (`expect`) makes the poller claim it at its instant instead of up to a
 * period late; a job the owner calls stale (`staleWhen`) is deleted unrun. Claims are agenda's
 * own `locked_at`: a node that dies leaves its claims to expire after `lockLifetimeMs`, when any
 * node claims them again (and the sweep fires the timers meanwhile); the case's timer row makes
 * a repeated wake a no-op.
 *
 * With `prepare`, jobs are claimed up to `prepareAheadMs` ahead and each group's call is computed
 * as soon as it is claimed (earliest instant first, two at a time); at the instant only the
 * prepared call's commit runs, and the ordinary `run` only when it reports that it did not take
 * effect (the case moved on) or when the group is not exactly what was prepared. A prepared call
 * that can `stage` its writes does so `stageAheadMs` before its instant (uncommitted, holding the
 * case: see staged-writes.ts), so that the instant costs only the commit; one not used is
 * abandoned (its staged writes rolled back).
 */
import pg from 'pg';

/**
 * The index the claim reads unclaimed jobs from, in the order it claims them (create it beside the
 * table). Partial on the job name and on being unclaimed: claimed and finished jobs leave it.
 */
export function claimOrderIndexSql(table: string, jobName: string): string {
  return `CREATE INDEX IF NOT EXISTS "${claimOrderIndexName(table)}" ON "${table}" (next_run_at, priority DESC, (data->>'caseId'))
    WHERE name = ${literal(jobName)} AND disabled = FALSE AND locked_at IS NULL`;
}

export function claimOrderIndexName(table: string): string {
  return `${table}_claim_order`;
}

// The job name is written into the statements as a literal: the planner can only match the
// partial index to a constant, not to a parameter of a generic plan.
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface DueJob {
  id: string;
  runAt: Date;
  /** next_run_at as stored (microseconds), to tell a job rescheduled meanwhile from this one. */
  runAtExact: string;
  lockedAt: Date;
  data: unknown;
}

export interface DueJobPollerOptions {
  connectionString: string;
  table: string;
  jobName: string;
  /** Run due jobs: those of one group that are ready together come in one call. */
  run: (data: unknown[]) => Promise<unknown>;
  /** Jobs with the same group run together (default: each job on its own). */
  groupOf?: (data: unknown) => string;
  /**
   * Compute ahead what `run` will do for these jobs of one group, all due at `at`: resolves to a
   * commit to call at the instant instead (true: it took effect), or undefined (run them then).
   */
  prepare?: (data: unknown[], at: Date) => Promise<PreparedRun | undefined>;
  /** How far ahead jobs are claimed so that `prepare` has done its work by their instant. */
  prepareAheadMs?: number;
  /** How long before its instant a prepared call is staged (default 10 s; see PreparedRun.stage). */
  stageAheadMs?: number;
  /** Jobs claimed per poll beyond the period, to prepare (default 2,000): nodes share a burst. */
  prepareClaimPerPoll?: number;
  /**
   * An SQL condition on a job row `j`: a job due within the next period that meets it is deleted
   * unrun (its wake would change nothing), once per poll.
   */
  staleWhen?: string;
  processEveryMs: number;
  /** Calls of `run` at once on this node. */
  concurrency: number;
  /**
   * Calls at once when the next is a prepared commit (default PREPARED_CONCURRENCY): a staged one
   * is a commit waiting on the WAL flush, and more of them in flight share each flush.
   */
  preparedConcurrency?: number;
  batchSize?: number;
  /** Most jobs one node holds claimed at a time (the rest are left to other nodes; 20,000 when preparing, else 5,000). */
  maxClaimed?: number;
  /** Most groups held prepared at once (each keeps its writes in memory until its instant); default 1,500. */
  maxPrepared?: number;
  lockLifetimeMs?: number;
  nodeName?: string;
  onError?: (error: unknown) => void;
}

/**
 * A call of `run` computed ahead; `commit` resolves to false when it did not take effect. `stage`
 * does before the instant what can be done of the commit without taking effect; `abandon` undoes
 * it when the call is not used.
 */
export interface PreparedRun {
  commit(): Promise<boolean>;
  stage?(): Promise<boolean>;
  abandon?(): Promise<void>;
}

interface Preparation {
  jobs: DueJob[];
  at: number;
  /** Set once the computation started; resolves to the commit, or undefined. */
  work?: Promise<PreparedRun | undefined>;
  /** Until its staging time. */
  stageTimer?: NodeJS.Timeout;
}

/** Default of DueJobPollerOptions.stageAheadMs: a burst's staging (≈ 2.5 ms of work per case) done in time. */
export const DEFAULT_STAGE_AHEAD_MS = 10_000;
/**
 * Stagings in flight at once. Those started together reach the store in one turn, and the store
 * stages cases due at one instant in one prepared transaction (PgCaseStore, up to 7 cases: one
 * WAL flush at the instant instead of seven).
 */
const STAGING_CONCURRENCY = 14;
/**
 * Prepared commits in flight at once. Cases staged together share one COMMIT PREPARED (the first
 * to run sends it, the others wait for its answer), so 64 calls are 9–10 distinct commits that
 * PostgreSQL can flush together; 16 were only 2–3 (bench timer burst, alternating: p99 790 / 635
 * ms against 896 / 860). Their waits hold no command slot (CaseCommandRunner.prepare).
 */
const PREPARED_CONCURRENCY = 64;

/**
 * Finished jobs' rows are removed together once no job has finished for this long: in a burst
 * the deletes wait for its end instead of taking PostgreSQL's time from the wakes still due
 * (550 ms of its execution time in a burst of 10,000, pg_stat_statements) …
 */
const SETTLE_QUIET_MS = 100;
/** … but never longer than this after the first of them finished. */
const SETTLE_MAX_DELAY_MS = 5_000;

export class DueJobPoller {
  private readonly pool: pg.Pool;
  private readonly claimed = new Map<string, DueJob>();
  /** Claimed jobs not due yet, by their instant (one timer per instant, not per job). */
  private readonly waiting = new Map<number, { timeout: NodeJS.Timeout; jobs: DueJob[] }>();
  /** Due jobs not started, by group, oldest group first. */
  private readonly ready = new Map<string, DueJob[]>();
  private readonly running = new Set<Promise<void>>();
  /** Jobs run, their rows not yet removed. */
  private readonly finished: DueJob[] = [];
  private settling: Promise<void> | undefined;
  private settleTimer: { timeout: NodeJS.Timeout; firstFinishedAt: number } | undefined;
  private next: { at: number; timeout: NodeJS.Timeout } | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private morePending = false;
  private stopped = false;
  private sequence = 0;
  private readonly batchSize: number;
  private readonly maxClaimed: number;
  private readonly maxPrepared: number;
  private readonly lockLifetimeMs: number;
  /** Claimed groups still ahead of their instant, by group and instant. */
  private readonly preparations = new Map<string, Preparation>();
  /** Preparations not started, in claim order (the claim query returns jobs by due instant). */
  private toPrepare: Preparation[] = [];
  private preparing = 0;
  /** Prepared calls whose staging time came, in that order. */
  private toStage: Array<{ preparation: Preparation; run: PreparedRun }> = [];
  private staging = 0;

  constructor(private readonly options: DueJobPollerOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 3, application_name: 'lianshen-timers' });
    this.pool.on('error', (error) => options.onError?.(error));
    this.batchSize = options.batchSize ?? 500;
    this.maxClaimed = options.maxClaimed ?? (options.prepare ? 20_000 : 5000);
    this.maxPrepared = options.maxPrepared ?? 1500;
    this.lockLifetimeMs = options.lockLifetimeMs ?? 10 * 60_000;
  }

  start(): void {
    void this.poll();
  }

  /**
   * A job due at `at` was just written. The next poll claims what is due up to a period after
   * it; a job due before that poll is claimed by an extra poll at its instant.
   */
  expect(at: Date): void {
    if (this.stopped || !this.next || at.getTime() >= this.next.at) return;
    this.pollAt(at.getTime());
  }

  /** Claim what is due within the next period, until a batch comes back short or the node holds enough. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.polling) {
      // A poll in flight may have read the table before the job that asked for this one was written.
      this.pollAgain = true;
      return this.polling;
    }
    this.pollAt(Date.now() + this.options.processEveryMs);
    this.polling = (async () => {
      try {
        do {
          this.pollAgain = false;
          await this.claimAll();
        } while (this.pollAgain && !this.stopped);
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private pollAt(at: number): void {
    if (this.stopped) return;
    if (this.next) clearTimeout(this.next.timeout);
    this.next = { at, timeout: setTimeout(() => void this.poll(), Math.max(0, at - Date.now())) };
  }

  private async claimAll(): Promise<void> {
    if (this.options.staleWhen) await this.discardStale(this.options.staleWhen);
    // Due within the period: as many as this node may hold.
    const full = !(await this.claimWithin(this.options.processEveryMs, Infinity));
    this.morePending = full;
    // Further ahead, to be prepared: a share per poll, so that nodes polling in turn split a
    // burst between them (and prepare it on all their cores), while preparations have room.
    if (!full && this.options.prepare && this.preparations.size < this.maxPrepared) {
      await this.claimWithin(this.lookAheadMs, this.options.prepareClaimPerPoll ?? 2000);
    }
  }

  /** Claim jobs due within `horizonMs`, at most `limit`; false when the node holds all it may. */
  private async claimWithin(horizonMs: number, limit: number): Promise<boolean> {
    for (let taken = 0; ;) {
      if (this.claimed.size >= this.maxClaimed) return false;
      const room = Math.min(this.batchSize, this.maxClaimed - this.claimed.size, limit - taken);
      if (room <= 0 || this.stopped) return true;
      const jobs = await this.claim(room, horizonMs);
      taken += jobs.length;
      for (const job of jobs) this.hold(job);
      this.pump();
      // After the whole batch is held: a group's jobs come together (the claim orders by case).
      this.preparePump();
      if (jobs.length < room) return true;
    }
  }

  private async discardStale(condition: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM "${this.options.table}" j
        WHERE j.name = ${literal(this.options.jobName)} AND j.disabled = FALSE AND j.locked_at IS NULL AND j.next_run_at <= $1 AND (${condition})`,
      [new Date(Date.now() + this.lookAheadMs)]);
  }

  /** Jobs due within this much of now are claimed (further ahead when they are prepared). */
  private get lookAheadMs(): number {
    return Math.max(this.options.processEveryMs, this.options.prepare ? (this.options.prepareAheadMs ?? 0) : 0);
  }

  private async claim(limit: number, horizonMs: number): Promise<DueJob[]> {
    const now = Date.now();
    const t = `"${this.options.table}"`;
    // Two index-friendly halves instead of one OR (which no index serves): the unclaimed jobs due
    // within the horizon, in claim order straight from a partial index (claimOrderIndexSql), so a
    // claim reads `limit` entries instead of sorting every job due; and the claims of a node that
    // died (locked_at past the lifetime; rare, agenda's locked_at index).
    const { rows } = await this.pool.query<{ id: string; next_run_at: Date; run_at_exact: string; locked_at: Date; data: unknown }>(
      `WITH expired AS (
              SELECT id, next_run_at, priority, data FROM ${t}
               WHERE name = $1 AND disabled = FALSE AND locked_at <= $4
               ORDER BY locked_at LIMIT $5 FOR UPDATE SKIP LOCKED),
            unclaimed AS (
              SELECT id, next_run_at, priority, data FROM ${t}
               WHERE name = ${literal(this.options.jobName)} AND disabled = FALSE AND locked_at IS NULL AND next_run_at <= $2
               -- A case's timers due together are claimed together: they run in one call.
               ORDER BY next_run_at, priority DESC, (data->>'caseId') LIMIT $5 FOR UPDATE SKIP LOCKED),
            due AS (
              SELECT id FROM (SELECT * FROM expired UNION ALL SELECT * FROM unclaimed) d
               ORDER BY next_run_at NULLS LAST, priority DESC, (data->>'caseId') LIMIT $5)
       UPDATE ${t} j SET locked_at = $3, last_modified_by = $6
         FROM due
        WHERE j.id = due.id
        RETURNING j.id, j.next_run_at, j.next_run_at::text AS run_at_exact, j.locked_at, j.data`,
      [this.options.jobName, new Date(now + horizonMs), new Date(now), new Date(now - this.lockLifetimeMs), limit, this.options.nodeName ?? null]);
    return rows.map((r) => ({ id: r.id, runAt: r.next_run_at, runAtExact: r.run_at_exact, lockedAt: r.locked_at, data: r.data }));
  }

  private hold(job: DueJob): void {
    this.claimed.set(job.id, job);
    const at = job.runAt.getTime();
    if (at <= Date.now()) {
      this.makeReady(job);
      return;
    }
    this.planPreparation(job, at);
    const instant = this.waiting.get(at);
    if (instant) {
      instant.jobs.push(job);
      return;
    }
    const entry = { timeout: setTimeout(() => this.instantCame(at), at - Date.now()), jobs: [job] };
    this.waiting.set(at, entry);
  }

  private instantCame(at: number): void {
    const due = this.waiting.get(at);
    if (!due) return;
    // Node may fire a timer a millisecond or two early (its loop clock lags behind the wall clock
    // after a busy turn), and no deadline's effect may come before the deadline.
    const early = at - Date.now();
    if (early > 0) {
      due.timeout = setTimeout(() => this.instantCame(at), early);
      return;
    }
    this.waiting.delete(at);
    for (const j of due.jobs) this.makeReady(j);
    this.pump();
  }

  private groupKey(job: DueJob): string | undefined {
    return this.options.groupOf ? this.options.groupOf(job.data) : undefined;
  }

  private planPreparation(job: DueJob, at: number): void {
    const group = this.groupKey(job);
    if (!this.options.prepare || group === undefined) return;
    const key = `${group}@${at}`;
    const preparation = this.preparations.get(key);
    if (!preparation) {
      // Beyond the bound a group is simply run the ordinary way at its instant.
      if (this.preparations.size >= this.maxPrepared) return;
      const created: Preparation = { jobs: [job], at };
      this.preparations.set(key, created);
      this.toPrepare.push(created);
    }
    // A job of the group claimed after its computation started: that computation is not for
    // the whole group any more (the group then runs the ordinary way).
    else preparation.jobs.push(job);
  }

  /** Compute claimed groups ahead, in claim order (earliest instant first), two at a time. */
  private preparePump(): void {
    while (!this.stopped && this.preparing < 2) {
      const p = this.toPrepare.shift();
      if (!p) return;
      // Due already, or taken to run meanwhile: nothing to gain.
      if (p.at <= Date.now() || !this.preparations.has(`${this.groupKey(p.jobs[0]!)}@${p.at}`)) continue;
      const size = p.jobs.length;
      this.preparing += 1;
      p.work = this.options.prepare!(p.jobs.map((j) => j.data), new Date(p.at))
        .then((prepared) => {
          if (p.jobs.length === size) {
            if (prepared?.stage) this.stageAt(p, prepared);
            return prepared;
          }
          void prepared?.abandon?.().catch((error) => this.options.onError?.(error));
          return undefined;
        })
        .catch(() => undefined) // the ordinary run at the instant meets the same problem and reports it
        .finally(() => {
          this.preparing -= 1;
          this.preparePump();
        });
    }
  }

  /** Stage `run` at `stageAheadMs` before its instant (at once when that time has come). */
  private stageAt(preparation: Preparation, run: PreparedRun): void {
    if (this.stopped) return;
    const wait = preparation.at - (this.options.stageAheadMs ?? DEFAULT_STAGE_AHEAD_MS) - Date.now();
    const ready = () => {
      preparation.stageTimer = undefined;
      this.toStage.push({ preparation, run });
      this.stagePump();
    };
    if (wait <= 0) ready();
    else preparation.stageTimer = setTimeout(ready, wait);
  }

  private stagePump(): void {
    while (!this.stopped && this.staging < STAGING_CONCURRENCY) {
      const next = this.toStage.shift();
      if (!next) return;
      const { preparation: p, run } = next;
      // Taken to run (or dropped) meanwhile, or due already: its commit sends the writes itself.
      if (p.at <= Date.now() || this.preparations.get(`${this.groupKey(p.jobs[0]!)}@${p.at}`) !== p) continue;
      this.staging += 1;
      void run.stage!()
        .catch((error) => this.options.onError?.(error)) // not staged: the commit sends the writes
        .finally(() => {
          this.staging -= 1;
          this.stagePump();
        });
    }
  }

  private preparedFor(jobs: DueJob[]): boolean {
    const group = this.groupKey(jobs[0]!);
    return group !== undefined && this.preparations.get(`${group}@${jobs[0]!.runAt.getTime()}`)?.work !== undefined;
  }

  /** The prepared call for exactly these jobs, if one was computed (or is being computed). */
  private takePreparation(jobs: DueJob[]): Promise<PreparedRun | undefined> | undefined {
    const first = jobs[0]!;
    const group = this.groupKey(first);
    if (group === undefined) return undefined;
    const key = `${group}@${first.runAt.getTime()}`;
    const preparation = this.preparations.get(key);
    if (!preparation) return undefined;
    this.dropPreparation(key, preparation);
    const ids = new Set(preparation.jobs.map((j) => j.id));
    if (!preparation.work || ids.size !== jobs.length || !jobs.every((j) => ids.has(j.id))) {
      this.abandon(preparation);
      return undefined;
    }
    return preparation.work;
  }

  private dropPreparation(key: string, preparation: Preparation): void {
    this.preparations.delete(key);
    if (preparation.stageTimer) clearTimeout(preparation.stageTimer);
    preparation.stageTimer = undefined;
  }

  /** A prepared call that will not be used: undo its staging (once its computation is over). */
  private abandon(preparation: Preparation): Promise<void> {
    return (preparation.work ?? Promise.resolve(undefined))
      .then((run) => run?.abandon?.())
      .catch((error) => this.options.onError?.(error));
  }

  private makeReady(job: DueJob): void {
    const group = this.options.groupOf ? this.options.groupOf(job.data) : `#${(this.sequence += 1)}`;
    const jobs = this.ready.get(group);
    if (jobs) jobs.push(job);
    else this.ready.set(group, [job]);
  }

  private pump(): void {
    while (!this.stopped && this.ready.size > 0) {
      const [group, jobs] = this.ready.entries().next().value as [string, DueJob[]];
      // Earliest first: an ordinary run at the head waits for its turn, and so do those behind it.
      const limit = this.preparedFor(jobs) ? this.options.preparedConcurrency ?? PREPARED_CONCURRENCY : this.options.concurrency;
      if (this.running.size >= limit) return;
      this.ready.delete(group);
      const done: Promise<void> = this.execute(jobs).finally(() => {
        this.running.delete(done);
        for (const job of jobs) this.claimed.delete(job.id);
        if (this.morePending && this.claimed.size < this.maxClaimed / 2) void this.poll();
        this.pump();
      });
      this.running.add(done);
    }
  }

  private async execute(jobs: DueJob[]): Promise<void> {
    try {
      const prepared = await this.takePreparation(jobs);
      // A prepared commit that failed wrote nothing: the ordinary run decides (and settles staged
      // writes the failure left in its way, see CaseCommandRunner.lockedCase).
      const done = prepared ? await prepared.commit().catch(() => false) : false;
      if (!done) await this.options.run(jobs.map((j) => j.data));
    } catch (error) {
      // As agenda does for a one-time job: kept with its failure, not retried; the sweep fires the timer.
      await this.pool.query(
        `UPDATE "${this.options.table}" t SET locked_at = NULL, next_run_at = NULL, failed_at = now(), last_finished_at = now(),
                fail_count = coalesce(fail_count, 0) + 1, fail_reason = $3
           FROM unnest($1::uuid[], $2::timestamptz[]) AS j(id, locked_at)
          WHERE t.id = j.id AND t.locked_at = j.locked_at`, [jobs.map((j) => j.id), jobs.map((j) => j.lockedAt), String(error)]).catch((e) => this.options.onError?.(e));
      return;
    }
    this.finished.push(...jobs);
    this.settleSoon();
  }

  /** Remove the finished jobs' rows once jobs stop finishing (see SETTLE_QUIET_MS). */
  private settleSoon(): void {
    if (this.settling || this.stopped) return; // the settle in flight looks again when it is done
    const now = Date.now();
    const firstFinishedAt = this.settleTimer?.firstFinishedAt ?? now;
    if (this.settleTimer) clearTimeout(this.settleTimer.timeout);
    const wait = Math.max(0, Math.min(SETTLE_QUIET_MS, firstFinishedAt + SETTLE_MAX_DELAY_MS - now));
    this.settleTimer = {
      firstFinishedAt,
      timeout: setTimeout(() => {
        this.settleTimer = undefined;
        this.settling = this.settle();
      }, wait),
    };
  }

  /**
   * Remove finished jobs' rows, unless a timer was rescheduled meanwhile (then only release it).
   * One statement for every job that finished while the previous one was in flight; a crash
   * before it leaves rows whose wake is repeated, a no-op for the case.
   */
  private async settle(): Promise<void> {
    try {
      const jobs = this.finished.splice(0);
      if (!jobs.length) return;
      await this.pool.query(
        `WITH j AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS j(id, locked_at, run_at)),
              done AS (DELETE FROM "${this.options.table}" t USING j WHERE t.id = j.id AND t.locked_at = j.locked_at AND t.next_run_at = j.run_at RETURNING 1)
         UPDATE "${this.options.table}" t SET locked_at = NULL FROM j
          WHERE t.id = j.id AND t.locked_at = j.locked_at AND t.next_run_at IS DISTINCT FROM j.run_at`,
        [jobs.map((j) => j.id), jobs.map((j) => j.lockedAt), jobs.map((j) => j.runAtExact)]).catch((error) => this.options.onError?.(error));
    } finally {
      this.settling = undefined;
      // Jobs that finished while the statement was in flight.
      if (this.finished.length) this.settleSoon();
    }
  }

  /** Stop claiming; wait for running jobs; release the claims of jobs not started. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.next) clearTimeout(this.next.timeout);
    this.next = undefined;
    for (const instant of this.waiting.values()) clearTimeout(instant.timeout);
    this.waiting.clear();
    this.ready.clear();
    // Staged writes hold their cases until their instant: let them go with the claims.
    const abandoned = [...this.preparations].map(([key, p]) => {
      this.dropPreparation(key, p);
      return this.abandon(p);
    });
    this.toPrepare = [];
    this.toStage = [];
    await this.polling;
    await Promise.all(abandoned);
    await Promise.allSettled([...this.running]);
    if (this.settleTimer) clearTimeout(this.settleTimer.timeout);
    this.settleTimer = undefined;
    await this.settling;
    await this.settle(); // what finished since, not waiting for quiet
    const unstarted = [...this.claimed.values()];
    if (unstarted.length) {
      await this.pool.query(`UPDATE "${this.options.table}" SET locked_at = NULL WHERE id = ANY($1::uuid[]) AND locked_at = ANY($2::timestamptz[])`,
        [unstarted.map((j) => j.id), unstarted.map((j) => j.lockedAt)]).catch((error) => this.options.onError?.(error));
    }
    this.claimed.clear();
    await this.pool.end();
  }
}
