/**
 * A department's command over HTTP (签收, opinion) answers with the task as stored, scoped to
 * the caller's department, without reading the task before or after the command when this node
 * committed it — and still correctly when another node did, or when the request is a replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTask } from '../../../engine/adapters/postgres/row-mappers.ts';
import { presentTask } from '../../../api/cases/case-presenter.ts';
import { applyAndAccept, ITEM, REGION, taskOf } from '../../support/runtime-harness.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { statementsDuring } from '../../support/statements-during.ts';

const XF = '990121:xf';

describe('task commands over HTTP', () => {
  let h: ApiHarness;
  let xf: ApiClient;
  let otherDepartment: ApiClient;
  const stored = async (taskId: string) => presentTask(toTask((await h.db.pool.query('SELECT * FROM tasks WHERE id = $1', [taskId])).rows[0]));

  beforeAll(async () => {
    h = await createApiHarness();
    xf = await h.as('xf-east');
    otherDepartment = await h.as('zj-east');
  });
  afterAll(async () => { await h.close(); });

  it('answers 签收 and the opinion with the task as stored, reading no task before or after the command', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const task = taskOf(accepted, 'jointReview', XF);
    let signed: any;
    const signSql = await statementsDuring(async () => { signed = await xf.post(`/api/tasks/${task.id}/sign`, {}); });
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual(await stored(task.id));
    expect(signed.body.status).toBe('signed');
    let given: any;
    const opinionSql = await statementsDuring(async () => { given = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve', conditions: ['施工期间保持消防车通道畅通'] }); });
    expect(given.status).toBe(200);
    expect(given.body).toEqual(await stored(task.id));
    expect(given.body).toMatchObject({ status: 'done', outcome: { decision: 'approve' } });
    for (const sql of [...signSql, ...opinionSql]) expect(sql).not.toMatch(/^SELECT \* FROM tasks WHERE id/);
  });

  it('answers with the green flag as stored when the case went green while the task was open', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const task = taskOf(accepted, 'jointReview', XF);
    const green = await (await h.as('supervisor-city')).post(`/api/cases/${accepted.caseId}/green`, { reason: '市重点项目' });
    expect(green.status).toBe(200);
    const signed = await xf.post(`/api/tasks/${task.id}/sign`, {});
    expect(signed.body).toEqual(await stored(task.id));
    expect(signed.body.green).toBe(true);
    const given = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' });
    expect(given.body).toEqual(await stored(task.id));
    expect(given.body.green).toBe(true);
  });

  it('works the same on a task another node created and moved (this node reads it)', async () => {
    const otherNode = h.newRuntime();
    const accepted = await applyAndAccept(otherNode, ITEM.constructionPermit, REGION.county);
    const task = taskOf(accepted, 'jointReview', XF);
    await otherNode.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'u-xf-east' });
    // Not the caller's department: 404, as for a task that does not exist.
    expect((await otherDepartment.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' })).status).toBe(404);
    const given = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'reject', reasons: ['消防车道宽度不足'] });
    expect(given.status).toBe(200);
    expect(given.body).toEqual(await stored(task.id));
    expect(given.body.outcome).toMatchObject({ decision: 'reject' });
  });

  it("refuses another department's task this node did create, and a task that does not exist, alike", async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const task = taskOf(accepted, 'jointReview', XF);
    const refused = await otherDepartment.post(`/api/tasks/${task.id}/sign`, {});
    const missing = await otherDepartment.post('/api/tasks/00000000-0000-4000-8000-000000000000/sign', {});
    expect([refused.status, refused.body.code]).toEqual([404, 'not_found']);
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    expect((await stored(task.id)).status).toBe('open');
  });

  it('answers a replayed opinion (same Idempotency-Key, nothing committed) with the task as stored', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const task = taskOf(accepted, 'jointReview', XF);
    await xf.post(`/api/tasks/${task.id}/sign`, {});
    const key = { 'idempotency-key': `opinion-${task.id}` };
    const first = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' }, key);
    const again = await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' }, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body).toEqual(await stored(task.id));
  });
});
