/**
 * A command whose answer was lost (the node died after committing, the network dropped the
 * response) is sent again with the same Idempotency-Key: the retry gets the first answer and
 * changes nothing more — even though the step it acted on is closed by now. This is what lets a
 * client recover from kill -9 (tests/chaos) without doubling or losing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { COUNTY, createReviewers, reviewerOf, TEN_DEPARTMENT_ITEM, tenDepartmentXml } from './ten-departments.ts';
import { PASSWORD } from '../../support/api-harness.ts';

describe('a retried command returns its first answer', () => {
  let h: ApiHarness;
  let ent: ApiClient;
  let window: ApiClient;
  beforeAll(async () => {
    h = await createApiHarness();
    await h.runtime.deploy(await tenDepartmentXml());
    await createReviewers(h.db.pool, PASSWORD);
    ent = await h.as('ent-east');
    window = await h.as('window-east');
  });
  afterAll(async () => { await h.close(); });

  const changes = async () => (await h.db.pool.query(
    `SELECT (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM opinions)::int AS opinions`)).rows[0];

  /** Send `send` twice with one key: both 2xx with the same answer, and the second changes nothing. */
  async function retried(name: string, send: (headers: Record<string, string>) => Promise<{ status: number; body: any }>) {
    const headers = { 'idempotency-key': `retry-${name}-${Math.random()}` };
    const first = await send(headers);
    expect(first.status, `${name}: ${JSON.stringify(first.body)}`).toBeLessThan(300);
    const after = await changes();
    const second = await send(headers);
    expect({ name, status: second.status, body: second.body?.code }).toEqual({ name, status: first.status, body: first.body?.code });
    expect(await changes()).toEqual(after);
    return { first: first.body, second: second.body };
  }

  it('for every step of a case: apply, accept, sign for, opinion, refuse, cancel, green channel', async () => {
    const applied = await retried('apply', (hd) => ent.post('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY }, hd));
    expect(applied.second.id).toBe(applied.first.id);
    const caseId = applied.first.id as string;

    const accepted = await retried('accept', (hd) => window.post(`/api/cases/${caseId}/accept`, {}, hd));
    const task = accepted.first.tasks.find((t: { elementId: string; status: string }) => t.elementId === 'Task_review' && t.status === 'open');
    const reviewer = await h.as(reviewerOf(task.departmentId));
    await retried('sign', (hd) => reviewer.post(`/api/tasks/${task.id}/sign`, {}, hd));
    await retried('opinion', (hd) => reviewer.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' }, hd));
    await retried('green', async (hd) => (await h.as('supervisor-city')).post(`/api/cases/${caseId}/green`, { reason: '市重点项目' }, hd));

    const toRefuse = (await ent.post('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY })).body.id;
    await retried('refuse', (hd) => window.post(`/api/cases/${toRefuse}/refuse`, { reasons: ['材料不齐'] }, hd));
    const toCancel = (await ent.post('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY })).body.id;
    await retried('cancel', (hd) => ent.post(`/api/cases/${toCancel}/cancel`, { reason: '项目暂缓' }, hd));
  });

  it('still refuses a new command (another key) on a step that is closed', async () => {
    const caseId = (await ent.post('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY })).body.id;
    expect((await window.post(`/api/cases/${caseId}/accept`, {}, { 'idempotency-key': `a-${caseId}` })).status).toBe(200);
    const before = await changes();
    const again = await window.post(`/api/cases/${caseId}/accept`, {}, { 'idempotency-key': `b-${caseId}` });
    expect(again.status).toBe(409);
    const bare = await window.post(`/api/cases/${caseId}/accept`, {});
    expect(bare.status).toBe(409);
    expect(await changes()).toEqual(before);
  });
});
