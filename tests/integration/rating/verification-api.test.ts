/**
 * 差评核查 over HTTP: the rating of a case shows its verification — the state, the verification
 * case, the step waiting now — to whoever may read the rated case; the applicant follows the
 * verification case itself like any of their cases; its outcome appears with the rating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION, rows } from '../../support/runtime-harness.ts';

describe('the verification of a rating over HTTP', () => {
  let h: ApiHarness;
  let enterprise: ApiClient;
  let refusedId: string;

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    enterprise = await h.as('ent-east');
    const window = await h.as('window-east');
    refusedId = (await enterprise.post('/api/cases', { itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county })).body.id;
    expect((await window.post(`/api/cases/${refusedId}/refuse`, { reasons: ['经营场所与申请材料不符'] })).status).toBe(200);
  });
  afterAll(async () => { await h.close(); });

  it('shows no verification before the case is rated, and one in progress right after a 不满意 rating', async () => {
    expect((await enterprise.get(`/api/cases/${refusedId}/rating`)).body.verification).toMatchObject({ state: 'not-required', case: null, outcome: null });

    const rated = await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '不满意', comment: '退回理由没有一次说清' }, { 'idempotency-key': 'rate-v' });
    expect(rated.status).toBe(201);
    expect(rated.body.verification).toMatchObject({
      state: 'in-progress', departmentId: '990121:zwfw',
      case: { status: 'running', caseNumber: expect.any(String) },
      openSteps: [{ elementId: 'investigate', kind: 'review', departmentId: '990100:jc', status: 'open', dueAt: expect.any(String) }],
      redWarnings: [], outcome: null,
    });
    // a retried request is the same rating and the same verification
    expect((await enterprise.post(`/api/cases/${refusedId}/rating`, { level: '不满意' }, { 'idempotency-key': 'rate-v' })).status).toBe(201);
    expect(await rows(h.db, `SELECT count(*)::int AS n FROM case_events WHERE type = 'verification-opened' AND payload->>'ratedCaseId' = $1`, [refusedId]))
      .toEqual([{ n: 1 }]);

    // the applicant follows the verification case like any of their own cases
    const verificationId = rated.body.verification.case.id;
    const own = await enterprise.get(`/api/cases/${verificationId}`);
    expect(own.status).toBe(200);
    // staff who may read the rated case see the verification with the rating; others do not
    expect((await (await h.as('supervisor-city')).get(`/api/cases/${refusedId}/rating`)).body.verification.state).toBe('in-progress');
    expect((await (await h.as('window-west')).get(`/api/cases/${refusedId}/rating`)).status).toBe(404);
  });

  it('shows the outcome with the rating once the verification ended', async () => {
    const before = (await enterprise.get(`/api/cases/${refusedId}/rating`)).body.verification;
    const verificationId = before.case.id as string;
    const [task] = await rows(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND element_id = 'investigate'`, [verificationId]);
    await h.runtime.signFor({ caseId: verificationId, taskId: task!.id, actor: 'jc-city' });
    const found = await h.runtime.recordVerificationFinding({
      caseId: verificationId, taskId: task!.id, finding: '属实', reasons: ['退回时未一次性告知全部理由'], actor: 'jc-city',
    });
    const rectify = found.openTasks.find((t) => t.elementId === 'rectify')!;
    expect(rectify.departmentId).toBe('990121:zwfw');
    await h.runtime.signFor({ caseId: verificationId, taskId: rectify.id, actor: 'zwfw' });
    const rectified = await h.runtime.completeTask({ caseId: verificationId, taskId: rectify.id, outcome: 'answered', comment: '修订一次性告知单，窗口人员培训', actor: 'zwfw' });
    await h.runtime.completeTask({ caseId: verificationId, taskId: rectified.openTasks[0]!.id, outcome: 'satisfied', actor: 'hotline' });

    const after = await enterprise.get(`/api/cases/${refusedId}/rating`);
    expect(after.body).toMatchObject({
      state: 'rated', rating: { level: '不满意', verificationDue: true },
      verification: {
        state: 'concluded', case: { id: verificationId, status: 'completed' }, openSteps: [],
        outcome: { outcome: '属实已整改', finding: '属实', rectified: true, rectification: '修订一次性告知单，窗口人员培训', applicantSatisfied: true },
      },
    });
  });
});
