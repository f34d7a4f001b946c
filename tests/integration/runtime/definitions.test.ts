import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployBundledItems } from '../../../api/bundled-items.ts';
import { bpmn, createHarness, ITEM, REGION, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

describe('deploying approval items', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('keeps running cases on their version while new cases take the latest', async () => {
    const old = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-v1' });
    const revised = (await bpmn('construction-permit.bpmn')).replace('approval:reviewDays="5"', 'approval:reviewDays="4"');
    const v2 = await h.runtime.deploy(revised, { deployedBy: 'designer-1' });
    expect(v2.version).toBe(2);
    const fresh = await h.runtime.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-v2' });
    const [oldRow, freshRow] = await rows(h.db, 'SELECT d.version FROM cases c JOIN definitions d ON d.id = c.definition_id WHERE c.id = ANY($1) ORDER BY c.created_at, d.version', [[old.caseId, fresh.caseId]]);
    expect([oldRow!.version, freshRow!.version]).toEqual([1, 2]);
    // the old case still runs v1's limits: 5 working days from Mon 2 March → Mon 9 March
    const accepted = await h.runtime.completeTask({ caseId: old.caseId, taskId: taskOf(old, 'accept').id, outcome: 'accepted', actor: 'w' });
    expect(taskOf(accepted, 'jointReview', `${REGION.county}:xf`).dueAt).toBe(new Date('2026-03-09T23:59:59.999+08:00').toISOString());
  });

  it('never puts a bundled file back over a version a designer deployed (a restart after the designer’s change)', async () => {
    // the previous test deployed construction permit v2 as designer-1
    expect(await deployBundledItems(h.runtime)).toEqual([]);
    const [latest] = await rows(h.db, `SELECT version, deployed_by FROM definitions WHERE item_code = $1 ORDER BY version DESC LIMIT 1`, [ITEM.constructionPermit]);
    expect(latest).toEqual({ version: 2, deployed_by: 'designer-1' });
  });

  it('creates one version when the same new text is deployed twice at once', async () => {
    const revised = (await bpmn('hazardous-chemicals-licence.bpmn')).replace('approval:promisedDays="15"', 'approval:promisedDays="14"');
    const results = await Promise.all([h.newRuntime().deployIfChanged(revised), h.newRuntime().deployIfChanged(revised)]);
    expect(results.filter((r) => r.deployed)).toHaveLength(1);
  });

  it('does not create a version when the same text is deployed again', async () => {
    const before = await rows(h.db, 'SELECT count(*)::int AS n FROM definitions');
    const result = await h.runtime.deployIfChanged(await bpmn('food-business-licence.bpmn'));
    expect(result.deployed).toBe(false);
    expect(await rows(h.db, 'SELECT count(*)::int AS n FROM definitions')).toEqual(before);
  });

  it('deploys the same text again when the stored version runs an older engine form, keeping its cases on it', async () => {
    const xml = await bpmn('food-business-licence.bpmn');
    const [stored] = await rows(h.db, `SELECT id, version, source_context FROM definitions WHERE item_code = $1 ORDER BY version DESC LIMIT 1`, [ITEM.foodBusinessLicence]);
    const started = await h.runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-older-form' });
    // as an older runtime compiled it: the same file, another engine form
    const older = { ...stored!.source_context, compiledBy: 'an older runtime' };
    await h.db.pool.query('UPDATE definitions SET source_context = $2 WHERE id = $1', [stored!.id, JSON.stringify(older)]);
    const result = await h.newRuntime().deployIfChanged(xml, { deployedBy: 'bundled', onlyOverDeployedBy: 'bundled' });
    expect(result).toMatchObject({ deployed: true, definition: { version: stored!.version + 1 } });
    expect(result.definition.sourceContext).toEqual(stored!.source_context);
    const [kept] = await rows(h.db, 'SELECT definition_id FROM cases WHERE id = $1', [started.caseId]);
    expect(Number(kept!.definition_id)).toBe(Number(stored!.id));
    // and once it is current, a restart deploys nothing
    expect((await h.newRuntime().deployIfChanged(xml, { deployedBy: 'bundled', onlyOverDeployedBy: 'bundled' })).deployed).toBe(false);
  });

  for (const [fixture, path, phrase] of [
    ['xxe.bpmn', 'file', 'DTD'],
    ['billion-laughs.bpmn', 'file', 'DTD'],
    ['script-task.bpmn', 'Task_fee', 'scripts are never executed on the server'],
    ['timer-event.bpmn', undefined, 'timer events are not supported'],
    ['unknown-department.bpmn', undefined, 'unknown department'],
  ] as const) {
    it(`refuses ${fixture} naming the element and the reason, and stores nothing`, async () => {
      const before = await rows(h.db, 'SELECT count(*)::int AS n FROM definitions');
      const error = await h.runtime.deploy(await bpmn(fixture)).then(() => undefined, (e) => e);
      expect(error).toMatchObject({ code: 'definition_rejected' });
      const match = error.problems.find((p: { reason: string }) => p.reason.includes(phrase));
      expect(match, JSON.stringify(error.problems)).toBeDefined();
      if (path) expect(match.path).toBe(path);
      else expect(match.path).not.toBe('file');
      expect(await rows(h.db, 'SELECT count(*)::int AS n FROM definitions')).toEqual(before);
    });
  }

  it('refuses a file over the size limit before parsing it', async () => {
    const huge = (await bpmn('valid-joint-review.bpmn')).replace('</bpmn:definitions>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} --></bpmn:definitions>`);
    await expect(h.runtime.deploy(huge)).rejects.toMatchObject({ code: 'definition_rejected', problems: [expect.objectContaining({ path: 'file' })] });
  });
});
