import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndAccept, createHarness, ITEM, REGION, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

describe('live engines and idempotent application', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('reuses the live engine while its row version is current and rebuilds it after another node wrote', async () => {
    const node = h.newRuntime();
    const other = h.newRuntime();
    const accepted = await applyAndAccept(node, ITEM.constructionPermit, REGION.county);
    const [a, b] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    await node.signFor({ caseId: accepted.caseId, taskId: a!.id, actor: 'r' });
    expect(node.engineStats).toEqual({ reused: 2, restored: 0 });
    await other.signFor({ caseId: accepted.caseId, taskId: b!.id, actor: 'r' });
    await node.giveOpinion({ caseId: accepted.caseId, taskId: a!.id, decision: 'approve', actor: 'r' });
    expect(node.engineStats).toEqual({ reused: 2, restored: 1 });
  });

  it('creates one case for two identical applications sent at once', async () => {
    const input = { requestId: 'apply-once', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-twice' };
    const [first, second] = await Promise.all([h.newRuntime().startCase(input), h.newRuntime().startCase(input)]);
    expect(second).toEqual(first);
    expect(await rows(h.db, `SELECT id FROM cases WHERE applicant_id = 'ent-twice'`)).toHaveLength(1);
    expect(taskOf(first, 'accept').kind).toBe('accept');
  });

  it('refuses a request id reused for a different command', async () => {
    const applied = await h.runtime.startCase({ requestId: 'reused-id', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-r' });
    await expect(h.runtime.completeTask({ requestId: 'reused-id', caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'w' }))
      .rejects.toMatchObject({ code: 'idempotency_mismatch' });
  });
});
