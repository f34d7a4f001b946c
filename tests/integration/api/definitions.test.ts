/**
 * Designers check and deploy BPMN files over HTTP: a bad or hostile file is refused naming the
 * element (nothing stored), a changed file becomes the next version, and its XML and its diff
 * against the previous version can be read back. Only designers deploy; admins may read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { bpmn, ITEM } from '../../support/runtime-harness.ts';

const XML = { 'content-type': 'application/xml' };

describe('definitions API', () => {
  let h: ApiHarness;
  let designer: ApiClient;
  beforeAll(async () => {
    h = await createApiHarness();
    designer = await h.as('designer-city');
  });
  afterAll(async () => { await h.close(); });

  const storedVersions = async () => (await h.db.pool.query('SELECT count(*)::int AS n FROM definitions')).rows[0].n as number;
  const problemAt = (body: { problems: { path: string; reason: string }[] }, path: string) => body.problems.find((p) => p.path === path);

  it('validates a good file without storing it, saying it equals the deployed version', async () => {
    const before = await storedVersions();
    const res = await designer.post('/api/definitions/validate', await bpmn('construction-permit.bpmn'), XML);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, item: { itemCode: ITEM.constructionPermit, handlingForm: 'joint', promisedDays: 12 }, latest: { version: 1, identical: true } });
    expect(res.body.item.tasks.map((t: { id: string }) => t.id)).toContain('jointReview');
    expect(await storedVersions()).toBe(before);
  });

  it('refuses a bad file naming the BPMN element that is wrong', async () => {
    const res = await designer.post('/api/definitions/validate', await bpmn('missing-default.bpmn'), XML);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('definition_rejected');
    // the review task lacks approval:onTimeout: the problem names that task's id
    expect(res.body.problems.some((p: { path: string }) => p.path.startsWith('Task_review')), JSON.stringify(res.body.problems)).toBe(true);
  });

  it('deploys a changed construction permit as version 2, readable as list, versions, XML and diff', async () => {
    const changed = (await bpmn('construction-permit.bpmn')).replace('approval:reviewDays="5"', 'approval:reviewDays="4"');
    const deployed = await designer.post('/api/definitions', changed, XML);
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ itemCode: ITEM.constructionPermit, version: 2, created: true });

    const list = await designer.get('/api/definitions');
    const permit = list.body.items.find((i: { itemCode: string }) => i.itemCode === ITEM.constructionPermit);
    expect(permit).toMatchObject({ versions: 2, latest: { id: deployed.body.id, version: 2, deployedBy: 'u-designer-city', hasCatalogue: true } });

    const versions = await designer.get(`/api/definitions/${ITEM.constructionPermit}/versions`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const xml = await designer.get(`/api/definitions/versions/${deployed.body.id}/xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(xml.body).toBe(changed);

    const v1 = versions.body.versions[0].id;
    const diff = await designer.get(`/api/definitions/versions/${v1}/diff/${deployed.body.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ itemCode: ITEM.constructionPermit, added: [], removed: [], from: { version: 1 }, to: { version: 2 } });
    expect(diff.body.changed).toEqual([expect.objectContaining({
      id: 'jointReview', changes: [{ field: 'approval:reviewDays', from: 5, to: 4 }],
    })]);
  });

  it('keeps the public catalogue text when a new version is deployed (it carries over)', async () => {
    const res = await h.anonymous().get(`/api/catalogue/${ITEM.constructionPermit}`);
    expect(res.body).toMatchObject({ version: 2, category: '行政许可' });
    expect(res.body.legalBasis.length).toBeGreaterThan(0);
  });

  it('stores nothing when the same file is deployed again', async () => {
    const before = await storedVersions();
    const res = await designer.post('/api/definitions', await bpmn('food-business-licence.bpmn'), XML);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ itemCode: ITEM.foodBusinessLicence, version: 1, created: false });
    expect(await storedVersions()).toBe(before);
  });

  it('refuses XXE before parsing, on validate and deploy, and stores nothing', async () => {
    const before = await storedVersions();
    for (const path of ['/api/definitions/validate', '/api/definitions']) {
      const res = await designer.post(path, await bpmn('xxe.bpmn'), XML);
      expect(res.status).toBe(422);
      expect(problemAt(res.body, 'file')?.reason).toMatch(/DTD/);
    }
    expect(await storedVersions()).toBe(before);
  });

  it('refuses a script task naming its element id, and stores nothing', async () => {
    const before = await storedVersions();
    const res = await designer.post('/api/definitions', await bpmn('script-task.bpmn'), XML);
    expect(res.status).toBe(422);
    expect(problemAt(res.body, 'Task_fee')?.reason).toMatch(/script/);
    expect(await storedVersions()).toBe(before);
  });

  it('answers an upload over 2 MiB with a 413 problem and stores nothing', async () => {
    const before = await storedVersions();
    const huge = (await bpmn('valid-joint-review.bpmn')).replace('</bpmn:definitions>', `<!-- ${'x'.repeat(2 * 1024 * 1024)} --></bpmn:definitions>`);
    const res = await designer.post('/api/definitions', huge, XML);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await storedVersions()).toBe(before);
  });

  it('answers a JSON body with 415: the upload is the XML itself', async () => {
    const res = await designer.post('/api/definitions', { xml: await bpmn('construction-permit.bpmn') });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('refuses applicants (403) and anonymous callers (401); admins read but do not deploy', async () => {
    const file = await bpmn('construction-permit.bpmn');
    const applicant = await h.as('ent-east');
    expect((await applicant.post('/api/definitions', file, XML)).status).toBe(403);
    expect((await applicant.get('/api/definitions')).status).toBe(403);
    expect((await h.anonymous().post('/api/definitions/validate', file, XML)).status).toBe(401);
    expect((await h.anonymous().get('/api/definitions')).status).toBe(401);
    const admin = await h.as('admin');
    expect((await admin.get('/api/definitions')).status).toBe(200);
    expect((await admin.post('/api/definitions', file, XML)).status).toBe(403);
  });

  it('calls the same text compiled to an older engine form not identical, and deploying it makes the next version', async () => {
    const file = await bpmn('hazardous-chemicals-licence.bpmn');
    const { rows: [stored] } = await h.db.pool.query(
      'SELECT id, version, source_context FROM definitions WHERE item_code = $1 ORDER BY version DESC LIMIT 1', [ITEM.hazardousChemicals]);
    // as a runtime that ran the file differently compiled it
    await h.db.pool.query('UPDATE definitions SET source_context = $2 WHERE id = $1', [stored.id, JSON.stringify({ ...stored.source_context, compiledBy: 'an older runtime' })]);
    const before = await designer.post('/api/definitions/validate', file, XML);
    expect(before.body.latest).toEqual({ id: Number(stored.id), version: stored.version, identical: false });
    const deployed = await designer.post('/api/definitions', file, XML);
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ version: stored.version + 1, created: true });
    const after = await designer.post('/api/definitions/validate', file, XML);
    expect(after.body.latest).toMatchObject({ version: stored.version + 1, identical: true });
  });

  it('answers unknown versions with 404 and a diff across two items with 400', async () => {
    expect((await designer.get('/api/definitions/versions/999999/xml')).status).toBe(404);
    expect((await designer.get('/api/definitions/NO-SUCH-ITEM/versions')).status).toBe(404);
    const list = (await designer.get('/api/definitions')).body.items as { itemCode: string; latest: { id: number } }[];
    const [a, b] = [list.find((i) => i.itemCode === ITEM.foodBusinessLicence)!, list.find((i) => i.itemCode === ITEM.workOrder12345)!];
    const res = await designer.get(`/api/definitions/versions/${a.latest.id}/diff/${b.latest.id}`);
    expect(res.status).toBe(400);
    expect(res.body.problems[0].path).toBe('params.b');
  });
});
