import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgendaTimerScheduler } from '../../../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { lateBoundScheduler, type TimerScheduler } from '../../../engine/deadlines/timer-scheduler.ts';
import { applyAndAccept, createHarness, ITEM, REGION, rows, type Harness } from '../../support/runtime-harness.ts';

/** Wait for a condition that the timer node makes true (bounded; fails the test after 15 s). */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not met within 15 s`);
}

// A department that answers closes its task: the task's other limits are cancelled in the case,
// and their agenda jobs are dropped when they come due instead of waking the case for nothing.
describe('jobs of timers that no longer apply', () => {
  let h: Harness;
  const nodes: AgendaTimerScheduler[] = [];
  // What woke the case, on either node: the writer's first poll can still be claiming when the
  // jobs are made due (a loaded machine), and whichever node runs them must wake the same keys.
  const woken: string[] = [];
  beforeAll(async () => {
    let writer: AgendaTimerScheduler | undefined;
    const scheduler: TimerScheduler = lateBoundScheduler(() => writer!);
    // Case time a year ahead of the wall clock: the jobs' due times are far in the future.
    h = await createHarness('2027-03-01T09:00:00+08:00', { scheduler });
    // Writes the jobs; its own poll (once an hour) never reaches them.
    writer = await AgendaTimerScheduler.start({ connectionString: h.db.url, wake: async (_, keys) => { woken.push(...keys); }, processEvery: 3_600_000 });
    nodes.push(writer);
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop().catch(() => {});
    await h.close();
  });

  it('are removed unrun, while the jobs of pending timers wake their case', async () => {
    // given: a case in joint review; one department signs and approves, closing its task
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const caseId = accepted.caseId;
    const answered = accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
    await h.runtime.signFor({ caseId, taskId: answered.id, actor: 'r' });
    await h.runtime.giveOpinion({ caseId, taskId: answered.id, decision: 'approve', actor: 'r' });
    const timers = await rows(h.db, `SELECT key, fired_at IS NULL AND cancelled_at IS NULL AS pending FROM case_timers WHERE case_id = $1`, [caseId]);
    const jobs = await rows(h.db, `SELECT data->>'key' AS key FROM agenda_jobs WHERE data->>'caseId' = $1`, [caseId]);
    const pending = new Set(timers.filter((t) => t.pending).map((t) => t.key as string));
    const staleJobs = jobs.map((j) => j.key as string).filter((key) => !pending.has(key));
    expect(staleJobs.filter((key) => key.startsWith(`task:${answered.id}:`)).length).toBeGreaterThan(0);

    // when: every job of the case comes due, with a node polling
    await h.db.pool.query(`UPDATE agenda_jobs SET next_run_at = now() + interval '300 milliseconds' WHERE data->>'caseId' = $1`, [caseId]);
    nodes.push(await AgendaTimerScheduler.start({ connectionString: h.db.url, wake: async (_, keys) => { woken.push(...keys); }, processEvery: 200 }));
    await until(async () => (await rows(h.db, `SELECT 1 FROM agenda_jobs WHERE data->>'caseId' = $1`, [caseId])).length === 0, 'every job of the case gone');

    // then: only the pending timers woke the case
    expect(woken.sort()).toEqual(jobs.map((j) => j.key as string).filter((key) => pending.has(key)).sort());
    expect(woken.some((key) => key.startsWith(`task:${answered.id}:`))).toBe(false);
  });
});
