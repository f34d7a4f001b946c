import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_FIRST_PAGE_SQL, INBOX_NEXT_PAGE_SQL } from '../../../engine/adapters/postgres/pg-inbox-source.ts';
import { compareInbox, type InboxTask } from '../../../web/src/department/inbox-order.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { applyAndAccept, ITEM, REGION, rows } from '../../support/runtime-harness.ts';

interface InboxAnswer { tasks: InboxTask[]; nextCursor: string | null; total: number }

/** Every page of a department's inbox, following nextCursor from the first page. */
async function allPages(client: ApiClient, limit: number): Promise<{ pages: InboxAnswer[]; tasks: InboxTask[] }> {
  const pages: InboxAnswer[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: InboxAnswer } = await client.get<InboxAnswer>(`/api/tasks/inbox?limit=${limit}${cursor ? `&after=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return { pages, tasks: pages.flatMap((p) => p.tasks) };
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('待办 a page at a time (GET /api/tasks/inbox?limit&after)', () => {
  let h: ApiHarness;
  let xf: ApiClient;
  const greenCases: string[] = [];

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    // Cases accepted at the same instant share their deadline and creation time: only the task
    // id tells them apart, which is what a keyset must get right.
    for (let i = 0; i < 4; i++) await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: `ent-same-${i}` });
    h.clock.set('2026-03-03T10:00:00+08:00');
    for (let i = 0; i < 2; i++) await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: `ent-later-${i}` });
    h.clock.set('2026-03-04T11:00:00+08:00');
    const bornGreen = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-green', green: true });
    greenCases.push(bornGreen.caseId);
    // Turned green while running, and while its clock is stopped: its open tasks move up too.
    const supervisor = await h.as('supervisor-city');
    const running = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-turned-green' });
    expect((await supervisor.post(`/api/cases/${running.caseId}/green`, { reason: '市重点项目' })).status).toBe(200);
    const paused = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-paused-green' });
    await h.runtime.pauseClock({ caseId: paused.caseId, reason: 'expert-review' });
    expect((await supervisor.post(`/api/cases/${paused.caseId}/green`, { reason: '市重点项目' })).status).toBe(200);
    greenCases.push(running.caseId, paused.caseId);
    await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.otherCounty, { applicantId: 'ent-west' });
    xf = await h.as('xf-east');
  });
  afterAll(async () => { await h.close(); });

  it('returns every open task exactly once, in the unpaged order, when paged two at a time', async () => {
    const whole = (await xf.get<InboxAnswer>('/api/tasks/inbox?limit=500')).body;
    const open = await rows(h.db, `SELECT id FROM tasks WHERE department_id = '990121:xf' AND status IN ('open', 'signed')`);
    expect(whole.tasks).toHaveLength(open.length);
    expect(whole.tasks.length).toBeGreaterThanOrEqual(9);
    expect(whole.nextCursor).toBeNull();
    expect(whole.total).toBe(open.length);

    const { pages, tasks } = await allPages(xf, 2);
    expect(tasks.map((t) => t.taskId)).toEqual(whole.tasks.map((t) => t.taskId));
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(open.length);
    expect(pages.slice(0, -1).every((p) => p.tasks.length === 2 && p.nextCursor !== null)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages.every((p) => p.total === open.length)).toBe(true);
    // The workbench sorts the rows it has loaded with the same comparison: the two orders agree.
    expect([...tasks].sort(compareInbox).map((t) => t.taskId)).toEqual(tasks.map((t) => t.taskId));
  });

  it('puts every green-channel task first, also of cases turned green while open or paused', async () => {
    const { tasks } = await allPages(xf, 2);
    const green = tasks.filter((t) => t.green);
    expect(new Set(green.map((t) => t.caseId))).toEqual(new Set(greenCases));
    expect(tasks.slice(0, green.length).every((t) => t.green)).toBe(true);
    expect(tasks.find((t) => t.paused)).toMatchObject({ green: true, caseId: greenCases[2] });
  });

  it('gives the first 100 when no limit is asked', async () => {
    const first = (await xf.get<InboxAnswer>('/api/tasks/inbox')).body;
    expect(first.tasks.length).toBe(first.total);
    expect(first.nextCursor).toBeNull();
  });

  it('refuses a malformed cursor or limit with a 400 naming the query field', async () => {
    const bad = [
      ['after=not%20a%20cursor', 'query.after'],
      [`after=${cursorOf({ green: true })}`, 'query.after'],
      [`after=${cursorOf([true, null, '2026-02-31T01:00:00.000000Z', '6f1c2c1e-4c4e-4b57-8a0f-0d7f2b0c3a11'])}`, 'query.after'],
      [`after=${cursorOf([false, null, '2026-03-02T01:00:00.000000Z', 'x'])}`, 'query.after'],
      ['after=a&after=b', 'query.after'],
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['limit=ten', 'query.limit'],
    ] as const;
    for (const [query, path] of bad) {
      const res = await xf.get(`/api/tasks/inbox?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.problems.map((p: { path: string }) => p.path), query).toEqual([path]);
    }
    // A well-formed key past the last task is simply the end.
    const end = await xf.get<InboxAnswer>(`/api/tasks/inbox?after=${cursorOf([false, null, '2999-01-01T00:00:00.000000Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff'])}`);
    expect(end.status).toBe(200);
    expect(end.body).toMatchObject({ tasks: [], nextCursor: null });
  });

  it('reads a page off the index in 待办 order, the cursor as the index condition, with no sort', async () => {
    const client = await h.db.pool.connect();
    try {
      await client.query('BEGIN');
      // A test database is small enough for a sequential scan to be cheapest; what matters is that the index can serve the order and the keyset.
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_bitmapscan = off');
      const explain = async (sql: string, params: unknown[]) =>
        (await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      const first = await explain(INBOX_FIRST_PAGE_SQL, ['990121:xf', 3]);
      const next = await explain(INBOX_NEXT_PAGE_SQL, ['990121:xf', 3, false, '2026-03-05T00:00:00.000000Z', '2026-03-02T01:00:00.000000Z', '00000000-0000-4000-8000-000000000000']);
      for (const plan of [first, next]) {
        expect(plan).toMatch(/Index Scan using tasks_inbox_order on tasks t/);
        expect(plan).not.toMatch(/Sort/);
      }
      expect(next).toMatch(/Index Cond: \(\(department_id = '990121:xf'::text\) AND \(ROW\(\(NOT green\), COALESCE\(due_at, 'infinity'/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it("shows each department only its own tasks, and no other role the inbox, however it pages", async () => {
    const west = await h.as('xf-west');
    const westInbox = await allPages(west, 2);
    expect(westInbox.tasks.length).toBe(1);
    expect(westInbox.pages[0]!.total).toBe(1);
    expect(westInbox.tasks.every((t) => t.regionCode === REGION.otherCounty)).toBe(true);
    // A cursor taken from another department's inbox pages on in one's own.
    const eastCursor = (await xf.get<InboxAnswer>('/api/tasks/inbox?limit=1')).body.nextCursor!;
    const westAfter = (await west.get<InboxAnswer>(`/api/tasks/inbox?after=${eastCursor}`)).body;
    expect(westAfter.tasks.every((t) => t.regionCode === REGION.otherCounty)).toBe(true);
    for (const user of ['window-east', 'supervisor-city', 'ent-east', 'admin', 'designer-city']) {
      expect((await (await h.as(user)).get('/api/tasks/inbox?limit=2')).status, user).toBe(403);
    }
    expect((await h.anonymous().get('/api/tasks/inbox?limit=2')).status).toBe(401);
  });
});
