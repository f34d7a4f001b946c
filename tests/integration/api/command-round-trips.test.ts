/**
 * Commands over HTTP cost their own flight and little more: the reads a route makes before a
 * command (the case and its steps, for the scope check) leave in one round trip, and so do the
 * reads of the answer (the case, its steps and its timeline); a step the command left as it was
 * (a 联审会 being scheduled) is answered as the command committed it, with no read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTask } from '../../../engine/adapters/postgres/row-mappers.ts';
import { presentTask } from '../../../api/cases/case-presenter.ts';
import { QueryCounter } from '../../../bench/query-counter.ts';
import { applyAndAccept, ITEM, REGION, reviewAll, taskOf } from '../../support/runtime-harness.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const CASE = 'SELECT * FROM cases WHERE id = $1';
const TASKS = 'SELECT * FROM tasks WHERE case_id = $1 ORDER BY created_at, execution_id';
const TIMELINE = 'SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq';

/** The statements of `work` as the counter prints them (▶: a new round trip), whitespace folded. */
async function sqlOf(work: () => Promise<unknown>): Promise<string[]> {
  const counter = new QueryCounter();
  counter.install();
  try {
    await counter.step('request', work);
  } finally {
    counter.uninstall();
  }
  return counter.steps[0]!.sql;
}

describe('round trips of commands over HTTP', () => {
  let h: ApiHarness;
  let applicant: ApiClient;
  let window: ApiClient;
  let lead: ApiClient;

  beforeAll(async () => {
    h = await createApiHarness();
    [applicant, window, lead] = await Promise.all([h.as('ent-east'), h.as('window-east'), h.as('zj-east')]);
    // each client's session known to the node, as during a working day
    for (const c of [applicant, window, lead]) expect((await c.get('/api/auth/me')).status).toBe(200);
  });
  afterAll(async () => { await h.close(); });

  it('reads the case and its steps in one round trip before 受理, and answers with the case, its steps and its timeline in one', async () => {
    const applied = await applicant.post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.county });
    expect(applied.status).toBe(201);
    let accepted: any;
    const sql = await sqlOf(async () => { accepted = await window.post(`/api/cases/${applied.body.id}/accept`, {}); });
    expect(accepted.status).toBe(200);
    expect(accepted.body.tasks.filter((t: { elementId: string }) => t.elementId === 'jointReview')).toHaveLength(8);
    expect(accepted.body.timeline.map((e: { type: string }) => e.type)).toContain('accepted');

    const at = (text: string) => sql.flatMap((line, i) => (line.replace(/^▶? +|^▶ /, '').startsWith(text.slice(0, 60)) ? [i] : []));
    const [beforeCase, afterCase] = at(CASE);
    const [beforeTasks, afterTasks] = at(TASKS);
    const [timeline] = at(TIMELINE);
    // before the command: the case opens a round trip, its steps ride along
    expect(sql[beforeCase!]).toMatch(/^▶/);
    expect(beforeTasks).toBe(beforeCase! + 1);
    expect(sql[beforeTasks!]).not.toMatch(/^▶/);
    // after it: one round trip for the answer's three reads
    expect(sql[afterCase!]).toMatch(/^▶/);
    expect([afterTasks, timeline]).toEqual([afterCase! + 1, afterCase! + 2]);
    expect(sql[afterTasks!]).not.toMatch(/^▶/);
    expect(sql[timeline!]).not.toMatch(/^▶/);
    expect(sql.filter((line) => line.startsWith('▶'))).toHaveLength(3);
  });

  it('answers scheduling the 联审会 with the meeting step as stored, reading no step after the command', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const reviewed = await reviewAll(h.runtime, accepted, 'jointReview');
    const meeting = taskOf(reviewed, 'jointMeeting');
    let scheduled: any;
    const sql = await sqlOf(async () => {
      scheduled = await lead.post(`/api/tasks/${meeting.id}/meeting`, { at: h.clock.now().toISOString(), place: '政务服务中心三楼联审会议室' });
    });
    expect(scheduled.status).toBe(200);
    const stored = presentTask(toTask((await h.db.pool.query('SELECT * FROM tasks WHERE id = $1', [meeting.id])).rows[0]));
    expect(scheduled.body).toEqual(stored);
    expect(sql.some((line) => /SELECT \* FROM tasks WHERE id/.test(line))).toBe(false);
  });
});
