/**
 * Every case and task endpoint × every role × own/other region or department: the answer is
 * 401 without a session, 403 for a role the endpoint does not admit, 404 for a resource outside
 * the caller's scope (revealing nothing), and success only for the right role in scope. A
 * refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, USERS, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

type Expect = number;
interface Row {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => unknown;
  /** Expected status per username; users not listed expect `others`. */
  expected: Record<string, Expect>;
  others: Expect;
}

describe('authorization matrix', () => {
  let h: ApiHarness;
  const clients = new Map<string, ApiClient>();
  let caseId = '';
  let freshCaseId = '';
  let xfTaskId = '';

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    for (const username of Object.keys(USERS)) clients.set(username, await h.as(username));
    const ent = clients.get('ent-east')!;
    caseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    const accepted = await clients.get('window-east')!.post(`/api/cases/${caseId}/accept`, {});
    xfTaskId = accepted.body.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === '990121:xf' && t.status === 'open').id;
    freshCaseId = (await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
  });
  afterAll(async () => { await h.close(); });

  const rows: Row[] = [
    {
      name: 'GET /api/cases/:id', method: 'GET', path: () => `/api/cases/${caseId}`,
      expected: { 'ent-east': 200, 'ent-other': 404, 'window-east': 200, 'window-west': 404, 'xf-east': 200, 'xf-west': 404, 'zj-east': 200, 'supervisor-city': 200, 'supervisor-west': 404, 'designer-city': 403, admin: 200 },
      others: 403,
    },
    {
      name: 'POST /api/cases', method: 'POST', path: () => '/api/cases', body: () => ({ itemCode: '010070001000', regionCode: '990121' }),
      expected: { 'ent-east': 201, 'ent-other': 201 }, others: 403,
    },
    { name: 'GET /api/tasks/inbox', method: 'GET', path: () => '/api/tasks/inbox', expected: { 'xf-east': 200, 'xf-west': 200, 'zj-east': 200 }, others: 403 },
  ];

  it('lists only the cases in each caller\'s scope', async () => {
    const ids = async (username: string) => ((await clients.get(username)!.get('/api/cases')).body.cases as { id: string }[]).map((c) => c.id);
    for (const username of ['ent-east', 'window-east', 'supervisor-city', 'admin']) expect(await ids(username)).toContain(caseId);
    expect(await ids('xf-east')).toContain(caseId);
    for (const username of ['ent-other', 'window-west', 'supervisor-west', 'xf-west']) expect(await ids(username)).not.toContain(caseId);
    expect((await clients.get('designer-city')!.get('/api/cases')).status).toBe(403);
  });

  for (const row of rows) {
    it(`answers ${row.name} per role and scope`, async () => {
      const answers: Record<string, number> = {};
      for (const [username, client] of clients) answers[username] = (await client.request(row.method, row.path(), row.body?.())).status;
      answers.anonymous = (await h.anonymous().request(row.method, row.path(), row.body?.())).status;
      const expected = Object.fromEntries([...clients.keys()].map((u) => [u, row.expected[u] ?? row.others]));
      expect(answers).toEqual({ ...expected, anonymous: 401 });
    });
  }

  // State-changing endpoints: every refused caller first (nothing may change), then the one allowed.
  const guarded: Array<{ name: string; path: () => string; body: () => unknown; allowed: string; refused: Record<string, number> }> = [
    {
      name: 'POST /api/cases/:id/accept', path: () => `/api/cases/${freshCaseId}/accept`, body: () => ({}), allowed: 'window-east',
      refused: { 'ent-east': 403, 'window-west': 404, 'xf-east': 403, 'zj-east': 403, 'supervisor-city': 403, 'designer-city': 403, admin: 403 },
    },
    {
      name: 'POST /api/tasks/:id/sign', path: () => `/api/tasks/${xfTaskId}/sign`, body: () => ({}), allowed: 'xf-east',
      refused: { 'ent-east': 403, 'window-east': 403, 'xf-west': 404, 'zj-east': 404, 'supervisor-city': 403, admin: 403 },
    },
    {
      name: 'POST /api/tasks/:id/opinion', path: () => `/api/tasks/${xfTaskId}/opinion`, body: () => ({ decision: 'approve' }), allowed: 'xf-east',
      refused: { 'ent-east': 403, 'window-east': 403, 'xf-west': 404, 'zj-east': 404, 'supervisor-city': 403 },
    },
    {
      name: 'POST /api/cases/:id/green', path: () => `/api/cases/${caseId}/green`, body: () => ({ reason: '市重点项目' }), allowed: 'supervisor-city',
      refused: { 'ent-east': 403, 'window-east': 403, 'xf-east': 403, 'supervisor-west': 404, admin: 403 },
    },
    {
      name: 'POST /api/cases/:id/cancel', path: () => `/api/cases/${freshCaseId}/cancel`, body: () => ({ reason: '项目暂缓' }), allowed: 'ent-east',
      refused: { 'ent-other': 404, 'window-east': 403, 'xf-east': 403, 'supervisor-city': 403, admin: 403 },
    },
  ];

  for (const row of guarded) {
    it(`refuses ${row.name} outside role or scope without changing anything, then serves the right caller`, async () => {
      const before = await snapshot(h);
      for (const [username, status] of Object.entries(row.refused)) {
        const res = await clients.get(username)!.post(row.path(), row.body());
        expect({ username, status: res.status }).toEqual({ username, status });
      }
      expect((await h.anonymous().post(row.path(), row.body())).status).toBe(401);
      expect(await snapshot(h)).toEqual(before);
      expect((await clients.get(row.allowed)!.post(row.path(), row.body())).status).toBe(200);
    });
  }
});

async function snapshot(h: ApiHarness) {
  const { rows } = await h.db.pool.query('SELECT (SELECT count(*) FROM case_events) AS events, (SELECT coalesce(sum(version), 0) FROM cases) AS versions');
  return rows[0];
}
