import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_FIRST_PAGE_SQL, INBOX_NEXT_PAGE_SQL } from '../../../engine/adapters/postgres/pg-inbox-source.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { applyAndAccept, ITEM, REGION, rows } from '../../support/runtime-harness.ts';

interface InboxTask { taskId: string; createdAt: string; signDueAt: string | null; dueAt: string | null; yellowAt: string | null }
interface InboxAnswer { tasks: InboxTask[]; nextCursor: string | null; total: number }

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The one statement behind GET /api/tasks/inbox: a page and its total, instants as the API has always written them. */
describe('the inbox statement', () => {
  let h: ApiHarness;
  let xf: ApiClient;

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    for (let i = 0; i < 3; i++) await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: `ent-${i}` });
    h.clock.set('2026-03-02T14:30:00+08:00');
    await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-later' });
    xf = await h.as('xf-east');
  });
  afterAll(async () => { await h.close(); });

  it('writes every instant exactly as Date#toJSON wrote the stored value, the yellow light’s included', async () => {
    const { tasks } = (await xf.get<InboxAnswer>('/api/tasks/inbox')).body;
    const stored = await rows(h.db, `SELECT t.id, t.created_at, t.sign_due_at, t.due_at, y.due_at AS yellow_at FROM tasks t
        LEFT JOIN case_timers y ON y.case_id = t.case_id AND y.key = 'task:' || t.id || ':task-yellow'
       WHERE t.department_id = '990121:xf' AND t.status IN ('open', 'signed')`);
    expect(tasks).toHaveLength(4);
    expect(stored.filter((s) => s.yellow_at && s.sign_due_at && s.due_at)).toHaveLength(4);
    const json = (d: Date | null) => (d === null ? null : d.toJSON());
    for (const s of stored) {
      expect(tasks.find((t) => t.taskId === s.id)).toMatchObject({ createdAt: json(s.created_at), signDueAt: json(s.sign_due_at), dueAt: json(s.due_at), yellowAt: json(s.yellow_at) });
    }
  });

  it('pages through instants stored with microseconds without skipping or repeating a task', async () => {
    // Rows written by SQL (now(), a restore) carry microseconds; two tasks one microsecond apart must both be shown once.
    const ids = (await rows<{ id: string }>(h.db, `SELECT id FROM tasks WHERE department_id = '990121:xf' AND status IN ('open', 'signed') ORDER BY id`)).map((r) => r.id);
    await h.db.pool.query(`UPDATE tasks SET created_at = '2026-03-02 09:00:00.123456+08', due_at = '2026-03-09 23:59:59.999998+08' WHERE id = ANY($1)`, [ids.slice(0, 2)]);
    await h.db.pool.query(`UPDATE tasks SET created_at = '2026-03-02 09:00:00.123457+08', due_at = '2026-03-09 23:59:59.999998+08' WHERE id = ANY($1)`, [ids.slice(2)]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: InboxAnswer = (await xf.get<InboxAnswer>(`/api/tasks/inbox?limit=1${cursor ? `&after=${cursor}` : ''}`)).body;
      seen.push(...page.tasks.map((t) => t.taskId));
      expect(page.total).toBe(4);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([...ids.slice(0, 2), ...ids.slice(2)]);
    expect((await xf.get<InboxAnswer>('/api/tasks/inbox')).body.tasks[0]).toMatchObject({ createdAt: '2026-03-02T01:00:00.123Z', dueAt: '2026-03-09T15:59:59.999Z' });
  });

  it('counts the department’s open tasks with the page, also past the last one', async () => {
    const open = (await rows(h.db, `SELECT 1 FROM tasks WHERE department_id = '990121:xf' AND status IN ('open', 'signed')`)).length;
    expect((await xf.get<InboxAnswer>('/api/tasks/inbox?limit=1')).body.total).toBe(open);
    const end = await xf.get<InboxAnswer>(`/api/tasks/inbox?after=${cursorOf([false, null, '2999-01-01T00:00:00.000000Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff'])}`);
    expect(end.body).toEqual({ tasks: [], nextCursor: null, total: open });
    // A department with nothing open: an empty first page, and 0.
    expect((await (await h.as('xf-west')).get<InboxAnswer>('/api/tasks/inbox')).body).toEqual({ tasks: [], nextCursor: null, total: 0 });
  });

  it('keeps the index scan in the generic plan PostgreSQL caches for the prepared statement', async () => {
    const client = await h.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_bitmapscan = off');
      await client.query(`PREPARE inbox_first (text, int) AS ${INBOX_FIRST_PAGE_SQL}`);
      await client.query(`PREPARE inbox_next (text, int, boolean, timestamptz, timestamptz, uuid) AS ${INBOX_NEXT_PAGE_SQL}`);
      const explain = async (sql: string) => (await client.query(`EXPLAIN (COSTS OFF) ${sql}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      const first = await explain(`EXECUTE inbox_first ('990121:xf', 101)`);
      const next = await explain(`EXECUTE inbox_next ('990121:xf', 101, true, 'infinity', '2026-03-02T01:00:00Z', '00000000-0000-4000-8000-000000000000')`);
      for (const plan of [first, next]) {
        expect(plan).toMatch(/Index Scan using tasks_inbox_order on tasks t/);
        expect(plan).toMatch(/InitPlan/);
        expect(plan).not.toMatch(/Sort/);
      }
      expect(next).toMatch(/Index Cond: \(\(department_id = \$1\) AND \(ROW\(\(NOT green\)/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});
