import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { applyAndAccept, ITEM, REGION, rows, taskOf } from '../../support/runtime-harness.ts';

interface InboxTask { taskId: string; caseId: string; green: boolean; paused: boolean }

/**
 * tasks.green (the first key of 待办 order) is written by the case store itself, not by a
 * database trigger: the tasks a green case creates, and the open tasks of a case put on the
 * green channel later (running or paused, and after its tasks move on), all sort first.
 */
describe('绿色通道 in 待办 order, written with the tasks', () => {
  let h: ApiHarness;
  let xf: ApiClient;
  const green: Record<string, string> = {};

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const markGreen = (caseId: string) => h.runtime.markGreen({ caseId, actor: 'supervisor-city', reason: '市重点项目' });
    // Ordinary cases first: their deadlines are the earliest, so only the green flag can put the others before them.
    for (let i = 0; i < 3; i++) await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: `ent-plain-${i}` });
    h.clock.set('2026-03-04T10:00:00+08:00');

    // Put on the green channel while waiting for acceptance: its review tasks are created afterwards.
    const applied = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-green-before-review' });
    await markGreen(applied.caseId);
    await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'window-1' });
    green.beforeReview = applied.caseId;

    // Put on it while running; then 消防 signs for its task (the task row is written again).
    const running = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-green-running' });
    await markGreen(running.caseId);
    const xfTask = (await rows<{ id: string }>(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND department_id = '990121:xf' AND status = 'open'`, [running.caseId]))[0]!;
    await h.runtime.signFor({ caseId: running.caseId, taskId: xfTask.id, actor: 'xf-east' });
    green.running = running.caseId;

    // Put on it while its clock stands still (the engine leaves its tasks alone), then resumed.
    const paused = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-green-paused' });
    await h.runtime.pauseClock({ caseId: paused.caseId, reason: 'expert-review' });
    await markGreen(paused.caseId);
    green.pausedThenResumed = paused.caseId;
    const stillPaused = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-green-still-paused' });
    await h.runtime.pauseClock({ caseId: stillPaused.caseId, reason: 'expert-review' });
    await markGreen(stillPaused.caseId);
    green.stillPaused = stillPaused.caseId;
    h.clock.set('2026-03-05T10:00:00+08:00');
    await h.runtime.resumeClock({ caseId: paused.caseId });

    xf = await h.as('xf-east');
  });
  afterAll(async () => { await h.close(); });

  it('keeps no trigger on cases: the flag is the store’s to write', async () => {
    expect(await rows(h.db, `SELECT tgname FROM pg_trigger WHERE tgrelid = 'cases'::regclass AND tgname = 'cases_green_to_open_tasks'`)).toEqual([]);
    expect(await rows(h.db, `SELECT proname FROM pg_proc WHERE proname = 'open_tasks_follow_case_green'`)).toEqual([]);
  });

  it('stores every open task with its case’s flag', async () => {
    const mismatched = await rows(h.db, `SELECT t.id, t.green, c.green AS case_green FROM tasks t JOIN cases c ON c.id = t.case_id
                                          WHERE t.status IN ('open', 'signed') AND t.green IS DISTINCT FROM c.green`);
    expect(mismatched).toEqual([]);
    const greenOpen = await rows<{ case_id: string }>(h.db, `SELECT DISTINCT case_id FROM tasks WHERE status IN ('open', 'signed') AND green`);
    expect(new Set(greenOpen.map((r) => r.case_id))).toEqual(new Set(Object.values(green)));
  });

  it('sorts the new tasks of a green case and the tasks of cases turned green later before every other task', async () => {
    const { tasks } = (await xf.get<{ tasks: InboxTask[] }>('/api/tasks/inbox')).body;
    const first = tasks.slice(0, 4);
    expect(new Set(first.map((t) => t.caseId))).toEqual(new Set(Object.values(green)));
    expect(first.every((t) => t.green)).toBe(true);
    expect(tasks.slice(4).length).toBeGreaterThanOrEqual(3);
    expect(tasks.slice(4).some((t) => t.green)).toBe(false);
    expect(tasks.find((t) => t.caseId === green.stillPaused)).toMatchObject({ green: true, paused: true });
    expect(tasks.find((t) => t.caseId === green.pausedThenResumed)).toMatchObject({ green: true, paused: false });
  });
});
