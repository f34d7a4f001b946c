/**
 * The region/department dimension of the authorization matrix, generated from operations.ts so a
 * new endpoint is covered the day it is added: for every endpoint addressing a case, task, work
 * order or project of 东阳县 (990121), each admitted role's user from elsewhere (西平县, another
 * applicant, another department) is answered 403/404 — never the resource, never a change —
 * and every list endpoint leaves the resource out of their answers.
 * (Role × endpoint is tests/integration/api/every-endpoint-roles.test.ts; the in-scope answers
 * per resource are in tests/integration/api/authorization-matrix.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import type { Role } from '../../../api/auth/auth-user.ts';
import { API_OPERATIONS } from '../../../api/openapi/operations.ts';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { snapshotDatabase } from './database-snapshot.ts';

/** Who each role's outsider is: same role, another county / applicant / department. */
const OUTSIDER: Partial<Record<Role, string>> = {
  applicant: 'ent-other', window: 'window-west', reviewer: 'xf-west', lead: 'zj-west', supervisor: 'supervisor-west',
};
/** A body each command would accept from an insider, so a refusal is about scope, not input. */
const VALID_BODY: Record<string, unknown> = {
  '/api/cases/:caseId/accept': {},
  '/api/cases/:caseId/refuse': { reasons: ['材料不齐'] },
  '/api/cases/:caseId/supplement': { materials: ['CP01'] },
  '/api/cases/:caseId/cancel': { reason: '项目暂缓' },
  '/api/cases/:caseId/green': { reason: '市重点项目' },
  '/api/cases/:caseId/rating': { level: '满意' },
  '/api/tasks/:taskId/sign': {},
  '/api/tasks/:taskId/opinion': { decision: 'approve' },
  '/api/tasks/:taskId/complete': { outcome: 'approved' },
  '/api/tasks/:taskId/meeting': { at: '2026-03-05T10:00:00+08:00', place: '联审会议室' },
  '/api/tasks/:taskId/meeting/close': { decision: 'approved', attendance: {} },
  '/api/projects/:projectId/key': {},
  '/api/work-orders/:orderId/route': { department: '990121:xf', instructions: '请核查' },
  '/api/work-orders/:orderId/close': { answer: '已答复' },
  '/api/work-orders/:orderId/sign': {},
  '/api/work-orders/:orderId/return': { reason: 'too-vague' },
  '/api/work-orders/:orderId/answer': { answer: '已处理' },
  '/api/work-orders/:orderId/callback': { rating: 'satisfied' },
  '/api/work-orders/:orderId/supervise': { conclusion: '已督办' },
};
/** Path parameters that name a resource of one region; other parameters are not scoped by region. */
const SCOPED = ['caseId', 'taskId', 'orderId', 'projectId', 'uploadId'];
const UNSCOPED = ['itemCode', 'id', 'a', 'b', 'file'];

const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

describe('region and department scope on every endpoint', () => {
  let h: ApiHarness;
  const clients = new Map<string, ApiClient>();
  const ids: Record<string, string> = {};
  let caseNumber = '';

  beforeAll(async () => {
    h = await createApiHarness();
    await new UserStore(h.db.pool).create({ id: 'u-zj-west', username: 'zj-west', passwordHash: await hashPassword(PASSWORD), displayName: 'zj-west', role: 'lead', regionCode: '990122', departmentId: '990122:zj' });
    for (const username of ['ent-east', 'window-east', 'xf-east', 'supervisor-city', ...Object.values(OUTSIDER)]) clients.set(username, await h.as(username));
    const ent = clients.get('ent-east')!;
    const created = await ent.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' });
    ids.caseId = created.body.id;
    caseNumber = created.body.caseNumber;
    const accepted = await clients.get('window-east')!.post(`/api/cases/${ids.caseId}/accept`, {});
    ids.taskId = accepted.body.tasks.find((t: { departmentId: string }) => t.departmentId === '990121:xf').id;
    ids.orderId = (await clients.get('window-east')!.post('/api/work-orders', { regionCode: '990121' })).body.id;
    ids.projectId = (await ent.post('/api/projects', { name: '东阳县示范厂房', regionCode: '990121' })).body.id;
    expect(Object.values(ids).every(Boolean), JSON.stringify(ids)).toBe(true);
  });
  afterAll(async () => { await h.close(); });

  const addressed = API_OPERATIONS.filter((op) => paramsOf(op.path).some((p) => SCOPED.includes(p)) && Array.isArray(op.access));

  it('knows every path parameter of the API (a new one must be placed in SCOPED or UNSCOPED)', () => {
    const unknown = API_OPERATIONS.flatMap((op) => paramsOf(op.path)).filter((p) => !SCOPED.includes(p) && !UNSCOPED.includes(p));
    expect(unknown).toEqual([]);
  });

  it('has a valid body for every command on a scoped resource', () => {
    const missing = addressed.filter((op) => op.method !== 'get' && !(op.path in VALID_BODY)).map((op) => `${op.method} ${op.path}`);
    expect(missing).toEqual([]);
  });

  it('answers outsiders 403/404 on every endpoint addressing a 东阳县 resource, changing nothing', async () => {
    const before = await snapshotDatabase(h.db.pool, ['sessions']);
    const leaks: string[] = [];
    let checked = 0;
    for (const op of addressed) {
      if (paramsOf(op.path).includes('uploadId')) continue; // uploads: their owner scope is tested with the uploads
      const path = op.path.replace(/:(\w+)/g, (_m, name: string) => ids[name]!);
      for (const role of op.access as readonly Role[]) {
        const outsider = OUTSIDER[role];
        if (!outsider) continue; // admin sees every region; designers have no case access
        const res = await clients.get(outsider)!.request(op.method.toUpperCase(), path, op.method === 'get' ? undefined : VALID_BODY[op.path]);
        checked += 1;
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        if (![403, 404].includes(res.status)) leaks.push(`${outsider} ${op.method.toUpperCase()} ${op.path} → ${res.status}`);
        else if (text.includes(caseNumber)) leaks.push(`${outsider} ${op.method.toUpperCase()} ${op.path}: the refusal names the case`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(30);
    expect(await snapshotDatabase(h.db.pool, ['sessions'])).toEqual(before);
  });

  it('leaves 东阳县 resources out of every list an outsider reads', async () => {
    const lists = API_OPERATIONS.filter((op) => op.method === 'get' && paramsOf(op.path).length === 0 && Array.isArray(op.access));
    const leaks: string[] = [];
    for (const op of lists) {
      for (const role of op.access as readonly Role[]) {
        const outsider = OUTSIDER[role];
        if (!outsider) continue;
        const res = await clients.get(outsider)!.get(op.path);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        for (const [name, id] of [...Object.entries(ids), ['caseNumber', caseNumber]]) {
          if (text.includes(id!)) leaks.push(`${outsider} GET ${op.path} shows the ${name}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // and the insiders do see them (the lists are not simply empty)
    expect(JSON.stringify((await clients.get('window-east')!.get('/api/cases')).body)).toContain(ids.caseId);
    expect(JSON.stringify((await clients.get('xf-east')!.get('/api/tasks/inbox')).body)).toContain(ids.taskId);
    expect(JSON.stringify((await clients.get('ent-east')!.get('/api/projects')).body)).toContain(ids.projectId);
  });
});
