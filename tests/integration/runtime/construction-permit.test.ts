import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';
import { createHarness, eventTypes, holdMeeting, ITEM, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

const COUNTY = '990121';
const CITY = '990100';

async function acceptedCase(h: Harness, green = false): Promise<CommandResult> {
  const applied = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: COUNTY, applicantId: 'ent-1', green });
  return h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'window-1' });
}

async function allApprove(h: Harness, result: CommandResult): Promise<CommandResult> {
  let last = result;
  for (const task of result.openTasks.filter((t) => t.elementId === 'jointReview')) {
    await h.runtime.signFor({ caseId: result.caseId, taskId: task.id, actor: `${task.departmentId}-reviewer` });
    last = await h.runtime.giveOpinion({ caseId: result.caseId, taskId: task.id, decision: 'approve', actor: `${task.departmentId}-reviewer` });
  }
  return last;
}

describe('企业投资建设项目施工许可 (joint review across city and county)', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('sends county-level participants to the county and city-level ones to the parent city', async () => {
    const accepted = await acceptedCase(h);
    const departments = accepted.openTasks.filter((t) => t.elementId === 'jointReview').map((t) => t.departmentId).sort();
    expect(departments).toEqual([
      `${CITY}:fgw`, `${CITY}:jt`, `${COUNTY}:rf`, `${COUNTY}:sthj`, `${COUNTY}:sw`, `${COUNTY}:xf`, `${COUNTY}:zj`, `${COUNTY}:zrzy`,
    ]);
  });

  it('runs from acceptance through joint review, meeting and permit to 办结', async () => {
    const accepted = await acceptedCase(h);
    expect(accepted.dueAt).not.toBeNull();
    const reviewed = await allApprove(h, accepted);
    const meeting = taskOf(reviewed, 'jointMeeting');
    expect(meeting.departmentId).toBe(`${COUNTY}:zj`);
    const met = await holdMeeting(h, accepted.caseId);
    const done = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(met, 'issuePermit').id, outcome: 'approved', actor: 'zj-lead' });
    expect(done.status).toBe('completed');
    expect(done.openTasks).toEqual([]);
    const types = await eventTypes(h.db, accepted.caseId);
    expect(types.filter((t) => t === 'opinion')).toHaveLength(8);
    expect(types.filter((t) => t === 'review-concluded')).toHaveLength(1);
    expect(types.slice(-2)).toEqual(['completed', 'rating-invited']);
    // of all its timers, an ended case keeps only the applicant's rating window (一事一评价)
    const pending = await rows(h.db, 'SELECT key FROM case_timers WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL', [accepted.caseId]);
    expect(pending).toEqual([{ key: 'rating-window' }]);
  });

  it('refuses an opinion before the department has signed for the case (签收制)', async () => {
    const accepted = await acceptedCase(h);
    const task = taskOf(accepted, 'jointReview', `${COUNTY}:xf`);
    await expect(h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'xf' }))
      .rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('answers a second opinion on a finished task with a conflict, never silently', async () => {
    const accepted = await acceptedCase(h);
    const task = taskOf(accepted, 'jointReview', `${COUNTY}:xf`);
    await h.runtime.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'xf' });
    await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'xf' });
    await expect(h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'xf' }))
      .rejects.toMatchObject({ code: 'not_found' });
  });

  it('returns the first result for a repeated request id and stores the opinion once', async () => {
    const accepted = await acceptedCase(h);
    const task = taskOf(accepted, 'jointReview', `${COUNTY}:rf`);
    await h.runtime.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'rf' });
    const first = await h.runtime.giveOpinion({ requestId: 'req-rf-1', caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'rf' });
    const again = await h.runtime.giveOpinion({ requestId: 'req-rf-1', caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'rf' });
    expect(again).toEqual(first);
    expect(await rows(h.db, 'SELECT 1 FROM opinions WHERE task_id = $1', [task.id])).toHaveLength(1);
  });

  it('asks only the departments that requested materials to review again after 补正', async () => {
    const accepted = await acceptedCase(h);
    let last = accepted;
    for (const task of accepted.openTasks.filter((t) => t.elementId === 'jointReview')) {
      await h.runtime.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'r' });
      const asks = task.departmentId === `${COUNTY}:xf` || task.departmentId === `${CITY}:jt`;
      last = await h.runtime.giveOpinion({
        caseId: accepted.caseId, taskId: task.id, actor: 'r',
        decision: asks ? 'supplement' : 'approve', ...(asks ? { materials: ['消防设计审查意见书'] } : {}),
      });
    }
    expect(last.form).toBe('supplement');
    const supplied = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(last, 'supplement').id, outcome: 'supplied', actor: 'ent-1' });
    const again = supplied.openTasks.filter((t) => t.elementId === 'jointReview');
    expect(again.map((t) => t.departmentId).sort()).toEqual([`${CITY}:jt`, `${COUNTY}:xf`]);
    expect(again.every((t) => t.round === 2)).toBe(true);
    expect(supplied.form).toBe('joint');
  });
});
