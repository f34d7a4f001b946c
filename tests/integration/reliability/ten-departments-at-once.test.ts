/**
 * Ten departments submit their opinions on one case in the same instant, over HTTP, round after
 * round: every opinion is stored (no lost update), the review joins exactly once, and the case
 * ends as the opinions say. Half the rounds each department also double-submits (a double click,
 * same Idempotency-Key): the retry replays the first answer and stores nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { COUNTY, createReviewers, reviewerOf, TEN_DEPARTMENT_ITEM, tenDepartmentXml } from './ten-departments.ts';

const ROUNDS = 50;

interface Task { id: string; departmentId: string; elementId: string; status: string }

describe('ten departments at the same instant', () => {
  let h: ApiHarness;
  let applicant: ApiClient;
  let window: ApiClient;
  const reviewers = new Map<string, ApiClient>();

  beforeAll(async () => {
    h = await createApiHarness();
    await h.runtime.deploy(await tenDepartmentXml());
    await createReviewers(h.db.pool, PASSWORD);
    applicant = await h.as('ent-east');
    window = await h.as('window-east');
  });
  afterAll(async () => { await h.close(); });

  const reviewer = async (departmentId: string) => {
    const username = reviewerOf(departmentId);
    if (!reviewers.has(username)) reviewers.set(username, await h.as(username));
    return reviewers.get(username)!;
  };

  it(`stores every opinion and joins once, ${ROUNDS} rounds in a row`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // given: an accepted case whose ten review tasks are signed for
      const caseId = (await applicant.post('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY })).body.id as string;
      const accepted = await window.post(`/api/cases/${caseId}/accept`, {});
      const tasks = (accepted.body.tasks as Task[]).filter((t) => t.elementId === 'Task_review' && t.status === 'open');
      expect(tasks).toHaveLength(10);
      const signed = await Promise.all(tasks.map(async (t) => (await reviewer(t.departmentId)).post(`/api/tasks/${t.id}/sign`)));
      expect(signed.map((r) => r.status)).toEqual(tasks.map(() => 200));

      // when: all ten submit at once (every third round one of them rejects; odd rounds double-submit)
      const rejecting = round % 3 === 0 ? tasks[round % tasks.length]!.id : undefined;
      const copies = round % 2 === 1 ? 2 : 1;
      const requests = tasks.flatMap((t) => Array.from({ length: copies }, () => ({ task: t })));
      const clients = await Promise.all(requests.map(({ task }) => reviewer(task.departmentId)));
      const answers = await Promise.all(requests.map(({ task }, i) => clients[i]!.post(`/api/tasks/${task.id}/opinion`,
        task.id === rejecting ? { decision: 'reject', reasons: ['消防设计不符合规范'] } : { decision: 'approve' },
        { 'idempotency-key': `round-${round}-${task.id}` })));

      // then: every request acknowledged, every opinion stored once, one join, the right ending
      const statuses = answers.map((a) => a.status);
      if (statuses.some((s) => s !== 200)) failures.push(`round ${round}: statuses ${statuses.join(',')} ${JSON.stringify(answers.find((a) => a.status !== 200)?.body)}`);
      const { rows: opinions } = await h.db.pool.query('SELECT task_id, decision, basis FROM opinions WHERE case_id = $1', [caseId]);
      const stored = Object.fromEntries(opinions.map((o) => [o.task_id, `${o.decision}/${o.basis}`]));
      const wanted = Object.fromEntries(tasks.map((t) => [t.id, `${t.id === rejecting ? 'reject' : 'approve'}/given`]));
      if (JSON.stringify(Object.entries(stored).sort()) !== JSON.stringify(Object.entries(wanted).sort())) failures.push(`round ${round}: opinions ${JSON.stringify(stored)}`);
      const { rows: events } = await h.db.pool.query(
        `SELECT type, count(*)::int AS n FROM case_events WHERE case_id = $1 AND type IN ('opinion', 'review-concluded', 'completed', 'returned') GROUP BY type`, [caseId]);
      const counts = Object.fromEntries(events.map((e) => [e.type, e.n]));
      const ending = rejecting ? 'returned' : 'completed';
      if (counts.opinion !== 10 || counts['review-concluded'] !== 1 || counts[ending] !== 1 || Object.keys(counts).length !== 3) failures.push(`round ${round}: events ${JSON.stringify(counts)}`);
      const state = await h.db.pool.query(`SELECT status FROM cases WHERE id = $1`, [caseId]);
      if (state.rows[0].status !== ending) failures.push(`round ${round}: case ${state.rows[0].status}, expected ${ending}`);
      const openTasks = await h.db.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status IN ('open', 'signed')`, [caseId]);
      if (openTasks.rows[0].n !== 0) failures.push(`round ${round}: ${openTasks.rows[0].n} tasks still open`);
    }
    expect(failures).toEqual([]);
    // the opinions are in the tamper-evident ledger too, chain intact
    const ledger = await h.db.pool.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE opinion_id IS NOT NULL`);
    expect(ledger.rows[0].n).toBe(ROUNDS * 10);
    expect(await h.runtime.verifyLedger()).toMatchObject({ ok: true });
  }, 240_000);
});
