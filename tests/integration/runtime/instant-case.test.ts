import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createHarness, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

describe('即办件: done on the day of acceptance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('2026-03-02T10:00:00+08:00');
    await h.runtime.deploy(await bpmn('instant-item.bpmn'));
  });
  afterAll(async () => { await h.close(); });

  async function acceptNow(applicantId: string) {
    const applied = await h.runtime.startCase({ itemCode: 'JB-0001', regionCode: '990121', applicantId });
    return h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'Task_accept').id, outcome: 'accepted', actor: 'window' });
  }

  it('is due at the end of the acceptance day and finishes on time when decided that day', async () => {
    const accepted = await acceptNow('ind-1');
    expect(accepted.form).toBe('instant');
    expect(accepted.dueAt).toBe(new Date('2026-03-02T23:59:59.999+08:00').toISOString());
    const done = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(accepted, 'Task_issue').id, outcome: 'approved', actor: 'spj' });
    expect(done.status).toBe('completed');
    const [completed] = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'completed'`, [accepted.caseId]);
    expect(completed!.payload.onTime).toBe(true);
  });

  it('counts an application accepted after office hours as due the next working day', async () => {
    h.clock.set('2026-03-06T18:10:00+08:00'); // Friday evening
    const accepted = await acceptNow('ind-2');
    expect(accepted.dueAt).toBe(new Date('2026-03-09T23:59:59.999+08:00').toISOString());
  });
});
