import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION, taskOf } from '../../support/runtime-harness.ts';

describe('签收制 in supervision: an order not signed for within its 2 working days is red', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('lists the unsigned task as overdue although its handling limit is a week away, and not once it is signed', async () => {
    const order = await h.runtime.startCase({ itemCode: ITEM.workOrder12345, startedBy: 'hotline', regionCode: REGION.county, applicantId: 'caller-x' });
    const routed = await h.runtime.completeTask({ caseId: order.caseId, taskId: taskOf(order, 'dispatch').id, outcome: 'routed', department: `${REGION.county}:zj`, actor: 'hotline' });
    const handle = taskOf(routed, 'handle');
    expect(handle.signDueAt).toBe(new Date('2026-03-04T23:59:59.999+08:00').toISOString());
    h.clock.set('2026-03-05T10:00:00+08:00');
    const supervisor = await h.as('supervisor-city');
    const overdue = await supervisor.get('/api/supervision/overdue');
    expect(overdue.body.tasks.map((t: { taskId: string; light: string }) => [t.taskId, t.light])).toEqual([[handle.id, 'red']]);
    await h.runtime.signFor({ caseId: order.caseId, taskId: handle.id, actor: 'zj' });
    expect((await supervisor.get('/api/supervision/overdue')).body.tasks).toEqual([]);
  });
});
