/**
 * TimerScheduler on agenda 6 with its PostgreSQL backend: one job per (case, timer key), so
 * rescheduling replaces the job instead of adding one. agenda's locking means two app nodes
 * never run one job twice; the case's timer row makes a second wake a no-op anyway.
 */
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { TimerScheduler } from '../../deadlines/timer-scheduler.ts';

const JOB = 'case-timer';

export interface TimerJobData {
  caseId: string;
  key: string;
}

export class AgendaTimerScheduler implements TimerScheduler {
  private constructor(private readonly agenda: Agenda) {}

  /** Connect, define the wake-up job and start processing. */
  static async start(options: { connectionString: string; wake: (data: TimerJobData) => Promise<unknown>; processEvery?: string | number }): Promise<AgendaTimerScheduler> {
    const agenda = new Agenda({
      backend: new PostgresBackend({ connectionString: options.connectionString }),
      processEvery: options.processEvery ?? '5 seconds',
      removeOnComplete: true,
      defaultConcurrency: 20,
    });
    agenda.define(JOB, async (job: { attrs: { data: TimerJobData } }) => {
      await options.wake(job.attrs.data);
    });
    await agenda.start();
    return new AgendaTimerScheduler(agenda);
  }

  async schedule(caseId: string, key: string, dueAt: Date): Promise<void> {
    await this.agenda.create(JOB, { caseId, key }).unique({ 'data.caseId': caseId, 'data.key': key }).schedule(dueAt).save();
  }

  async cancel(caseId: string, key: string): Promise<void> {
    await this.agenda.cancel({ name: JOB, data: { caseId, key } });
  }

  /** Stop taking jobs; locked jobs are released for another node. */
  async stop(): Promise<void> {
    await this.agenda.stop();
  }
}
