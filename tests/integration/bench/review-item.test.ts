/**
 * The bench's joint review is issue 8's "10 departments each": the construction permit deployed
 * once more under its own code with two more county departments, in both its 会签 and its 联审会.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployReviewItem, REVIEW_ITEM } from '../../../bench/review-item.ts';
import { DEPARTMENTS, PERMIT_DEPARTMENTS } from '../../../bench/world.ts';
import { applyAndAccept, createHarness, holdMeeting, ITEM, REGION, reviewAll, rows, type Harness } from '../../support/runtime-harness.ts';

describe("the bench's ten-department construction permit", () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('opens a joint review of ten departments — the permit as shipped still has its eight — and meets with all ten', async () => {
    await deployReviewItem(h.runtime);
    const accepted = await applyAndAccept(h.runtime, REVIEW_ITEM, REGION.county);
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    expect(reviews.map((t) => t.departmentId)).toEqual([...DEPARTMENTS]);
    expect(DEPARTMENTS).toHaveLength(10);

    const shipped = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    expect(shipped.openTasks.filter((t) => t.elementId === 'jointReview').map((t) => t.departmentId)).toEqual([...PERMIT_DEPARTMENTS]);

    const reviewed = await reviewAll(h.runtime, accepted, 'jointReview');
    expect(reviewed.openTasks.filter((t) => t.elementId === 'jointMeeting')).toHaveLength(1);
    const met = await holdMeeting(h, accepted.caseId);
    const invited = await rows<{ department_id: string }>(h.db,
      'SELECT a.department_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.case_id = $1 ORDER BY a.department_id', [accepted.caseId]);
    expect(invited.map((r) => r.department_id)).toEqual([...DEPARTMENTS].sort());
    expect(met.openTasks.map((t) => t.elementId)).toEqual(['issuePermit']);
  });
});
