/**
 * TimerScheduler on agenda 6 with its PostgreSQL backend: one job per (case, timer key), so
 * rescheduling replaces the job instead of adding one. agenda writes and cancels the jobs; the
 * due jobs are run by DueJobPoller, which claims them in batches with SKIP LOCKED (agenda's own
 * processor locks one job per round trip, too slow for a burst of deadlines at one instant).
 * Two nodes never run one job at once; the case's timer row makes a second wake a no-op anyway.
 */
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { TimerScheduler } from '../../deadlines/timer-scheduler.ts';
import { DueJobPoller } from './due-job-poller.ts';

const JOB = 'case-timer';
const TABLE = 'agenda_jobs';

export interface TimerJobData {
  caseId: string;
  key: string;
}

export interface AgendaTimerOptions {
  connectionString: string;
  wake: (data: TimerJobData) => Promise<unknown>;
  /** How often to look for due jobs (ms, or "N seconds"); jobs due within one period are claimed ahead. */
  processEvery?: string | number;
  /** Wakes running at once on this node. */
  concurrency?: number;
  /** A failed claim or bookkeeping query (the next poll retries; the sweep covers the timers). */
  onError?: (error: unknown) => void;
}

export class AgendaTimerScheduler implements TimerScheduler {
  private constructor(private readonly agenda: Agenda, private readonly backend: PostgresBackend, private readonly poller: DueJobPoller) {}

  /** Connect (agenda creates its table), then start running due jobs. */
  static async start(options: AgendaTimerOptions): Promise<AgendaTimerScheduler> {
    const backend = new PostgresBackend({ connectionString: options.connectionString, tableName: TABLE });
    const agenda = new Agenda({ backend, removeOnComplete: true });
    await agenda.ready;
    const poller = new DueJobPoller({
      connectionString: options.connectionString, table: TABLE, jobName: JOB,
      run: (data) => options.wake(data as TimerJobData),
      processEveryMs: milliseconds(options.processEvery ?? 5000),
      concurrency: options.concurrency ?? 20,
      onError: options.onError ?? ((error) => console.error('timer jobs:', error)),
    });
    poller.start();
    return new AgendaTimerScheduler(agenda, backend, poller);
  }

  async schedule(caseId: string, key: string, dueAt: Date): Promise<void> {
    await this.agenda.create(JOB, { caseId, key }).unique({ 'data.caseId': caseId, 'data.key': key }).schedule(dueAt).save();
  }

  async cancel(caseId: string, key: string): Promise<void> {
    await this.agenda.cancel({ name: JOB, data: { caseId, key } });
  }

  /** Stop taking jobs; claimed jobs not started yet are released for another node. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.backend.disconnect();
  }
}

function milliseconds(period: string | number): number {
  if (typeof period === 'number') return period;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?)\s*$/i.exec(period);
  if (!match) throw new Error(`processEvery: not a period: "${period}"`);
  const unit = match[2]!.toLowerCase();
  return Number(match[1]) * (unit.startsWith('ms') || unit.startsWith('milli') ? 1 : unit.startsWith('s') ? 1000 : 60_000);
}
