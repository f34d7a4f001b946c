/**
 * Runs the due timer jobs of agenda's table, claiming them in batches. agenda 6 locks one job
 * per round trip and starts none before it has locked every job due within its look-ahead: a
 * burst of 10,000 deadlines at one instant waited ~30 s before the first fired. Here one
 * statement claims up to `batchSize` due jobs (FOR UPDATE SKIP LOCKED, so nodes never claim
 * the same job), each runs at its time with at most `concurrency` at once, and a finished job's
 * row is deleted. Claims are agenda's own `locked_at`: a node that dies leaves its claims to
 * expire after `lockLifetimeMs`, when any node claims them again (and the sweep fires the
 * timers meanwhile); the case's timer row makes a repeated wake a no-op.
 */
import pg from 'pg';

export interface DueJob {
  id: string;
  runAt: Date;
  lockedAt: Date;
  data: unknown;
}

export interface DueJobPollerOptions {
  connectionString: string;
  table: string;
  jobName: string;
  run: (data: unknown) => Promise<unknown>;
  processEveryMs: number;
  concurrency: number;
  batchSize?: number;
  /** Most jobs one node holds claimed at a time (the rest are left to other nodes). */
  maxClaimed?: number;
  lockLifetimeMs?: number;
  nodeName?: string;
  onError?: (error: unknown) => void;
}

export class DueJobPoller {
  private readonly pool: pg.Pool;
  private readonly claimed = new Map<string, DueJob>();
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly ready: DueJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private interval: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private morePending = false;
  private stopped = false;
  private readonly batchSize: number;
  private readonly maxClaimed: number;
  private readonly lockLifetimeMs: number;

  constructor(private readonly options: DueJobPollerOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 3, application_name: 'lianshen-timers' });
    this.pool.on('error', (error) => options.onError?.(error));
    this.batchSize = options.batchSize ?? 500;
    this.maxClaimed = options.maxClaimed ?? 5000;
    this.lockLifetimeMs = options.lockLifetimeMs ?? 10 * 60_000;
  }

  start(): void {
    this.interval = setInterval(() => void this.poll(), this.options.processEveryMs);
    void this.poll();
  }

  /** Claim what is due within the next period, until a batch comes back short or the node holds enough. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.polling ??= (async () => {
      try {
        for (;;) {
          const room = Math.min(this.batchSize, this.maxClaimed - this.claimed.size);
          if (room <= 0 || this.stopped) {
            this.morePending = room <= 0;
            return;
          }
          const jobs = await this.claim(room);
          for (const job of jobs) this.hold(job);
          if (jobs.length < room) {
            this.morePending = false;
            return;
          }
        }
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private async claim(limit: number): Promise<DueJob[]> {
    const now = Date.now();
    const { rows } = await this.pool.query<{ id: string; next_run_at: Date; locked_at: Date; data: unknown }>(
      `UPDATE "${this.options.table}" j SET locked_at = $3, last_modified_by = $6
         FROM (SELECT id FROM "${this.options.table}"
                WHERE name = $1 AND disabled = FALSE
                  AND ((locked_at IS NULL AND next_run_at <= $2) OR locked_at <= $4)
                -- A case's timers due together run one after another: its live engine stays cached.
                ORDER BY next_run_at NULLS LAST, priority DESC, data->>'caseId'
                LIMIT $5
                FOR UPDATE SKIP LOCKED) due
        WHERE j.id = due.id
        RETURNING j.id, j.next_run_at, j.locked_at, j.data`,
      [this.options.jobName, new Date(now + this.options.processEveryMs), new Date(now), new Date(now - this.lockLifetimeMs), limit, this.options.nodeName ?? null]);
    return rows.map((r) => ({ id: r.id, runAt: r.next_run_at, lockedAt: r.locked_at, data: r.data }));
  }

  private hold(job: DueJob): void {
    this.claimed.set(job.id, job);
    const delay = job.runAt.getTime() - Date.now();
    if (delay <= 0) {
      this.ready.push(job);
      this.pump();
      return;
    }
    this.waiting.set(job.id, setTimeout(() => {
      this.waiting.delete(job.id);
      this.ready.push(job);
      this.pump();
    }, delay));
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.options.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()!;
      const done: Promise<void> = this.execute(job).finally(() => {
        this.running.delete(done);
        this.claimed.delete(job.id);
        if (this.morePending && this.claimed.size < this.maxClaimed / 2) void this.poll();
        this.pump();
      });
      this.running.add(done);
    }
  }

  private async execute(job: DueJob): Promise<void> {
    try {
      await this.options.run(job.data);
    } catch (error) {
      // As agenda does for a one-time job: kept with its failure, not retried; the sweep fires the timer.
      await this.pool.query(
        `UPDATE "${this.options.table}" SET locked_at = NULL, next_run_at = NULL, failed_at = now(), last_finished_at = now(),
                fail_count = coalesce(fail_count, 0) + 1, fail_reason = $3
          WHERE id = $1 AND locked_at = $2`, [job.id, job.lockedAt, String(error)]).catch((e) => this.options.onError?.(e));
      return;
    }
    // Done: remove the row, unless the timer was rescheduled meanwhile (then only release it).
    await this.pool.query(
      `WITH done AS (DELETE FROM "${this.options.table}" WHERE id = $1 AND locked_at = $2 AND next_run_at = $3 RETURNING 1)
       UPDATE "${this.options.table}" SET locked_at = NULL WHERE id = $1 AND locked_at = $2 AND next_run_at IS DISTINCT FROM $3`,
      [job.id, job.lockedAt, job.runAt]).catch((error) => this.options.onError?.(error));
  }

  /** Stop claiming; wait for running jobs; release the claims of jobs not started. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    for (const timeout of this.waiting.values()) clearTimeout(timeout);
    this.waiting.clear();
    this.ready.length = 0;
    await this.polling;
    await Promise.allSettled([...this.running]);
    const unstarted = [...this.claimed.values()];
    if (unstarted.length) {
      await this.pool.query(`UPDATE "${this.options.table}" SET locked_at = NULL WHERE id = ANY($1::uuid[]) AND locked_at = ANY($2::timestamptz[])`,
        [unstarted.map((j) => j.id), unstarted.map((j) => j.lockedAt)]).catch((error) => this.options.onError?.(error));
    }
    this.claimed.clear();
    await this.pool.end();
  }
}
