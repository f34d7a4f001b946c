import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndAccept, bpmn, createHarness, ITEM, REGION, reviewAll, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

describe('市县联动 downward: a city delegates a task to the county where the project is sited', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.runtime.deploy(await bpmn('delegated-item.bpmn'));
  });
  afterAll(async () => { await h.close(); });

  it('sends the county-level task to the site county and back up to the city, each hop an event', async () => {
    const applied = await h.runtime.startCase({ itemCode: 'XD-0001', regionCode: REGION.city, siteRegionCode: REGION.otherCounty, applicantId: 'shop-1' });
    const accepted = await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'Task_accept').id, outcome: 'accepted', actor: 'w' });
    expect(taskOf(accepted, 'Task_inspect').departmentId).toBe(`${REGION.otherCounty}:yjgl`);
    const inspected = await reviewAll(h.runtime, accepted, 'Task_inspect');
    expect(taskOf(inspected, 'Task_decide').departmentId).toBe(`${REGION.city}:yjgl`);
    const hops = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'linkage-hop' ORDER BY seq`, [applied.caseId]);
    expect(hops.map((e) => [e.payload.fromLevel, e.payload.toLevel, e.payload.direction])).toEqual([['city', 'county', 'down'], ['county', 'city', 'up']]);
  });

  it('refuses a city application without the project site its delegated task needs, naming the field', async () => {
    await expect(h.runtime.startCase({ itemCode: 'XD-0001', regionCode: REGION.city, applicantId: 'shop-2' }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'Task_inspect.yjgl', reason: expect.stringContaining('siteRegionCode') }] });
    await expect(h.runtime.startCase({ itemCode: 'XD-0001', regionCode: REGION.city, siteRegionCode: '990000', applicantId: 'shop-3' }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'siteRegionCode', reason: expect.any(String) }] });
  });
});

describe('重点项目: a key project puts all its cases on the green channel', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('marks running cases green when the project is registered as key, and new cases start green', async () => {
    const project = await h.runtime.registerProject({ name: '临川市东阳县智能制造产业园一期', applicantId: 'ent-park', regionCode: REGION.county });
    const before = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-park', projectId: project.id });
    expect(before.openTasks).toHaveLength(1);
    const { markedCases } = await h.runtime.markKeyProject({ projectId: project.id, actor: 'supervisor-1', helperId: 'helper-zhao' });
    expect(markedCases).toEqual([before.caseId]);
    const after = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-park' });
    expect(after.caseId).not.toBe(before.caseId);
    const joined = await h.runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-park', projectId: project.id });
    const green = await rows(h.db, 'SELECT id, green, helper_id FROM cases WHERE project_id = $1 ORDER BY created_at', [project.id]);
    expect(green).toEqual([
      { id: before.caseId, green: true, helper_id: 'helper-zhao' },
      { id: joined.caseId, green: true, helper_id: 'helper-zhao' },
    ]);
    // marking again changes nothing
    expect(await h.runtime.markKeyProject({ projectId: project.id, actor: 'supervisor-1' })).toEqual({ markedCases: [] });
  });

  it('refuses a project that belongs to another applicant', async () => {
    const project = await h.runtime.registerProject({ name: '某项目', applicantId: 'ent-a', regionCode: REGION.county });
    await expect(h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-b', projectId: project.id }))
      .rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'projectId', reason: expect.any(String) }] });
  });
});
