/**
 * Drafts: designers save work in progress (BPMN + catalogue) without deploying; a stale save is
 * refused (409), hostile XML is refused (422), a bad body names the field, and nothing changes on
 * any refusal. Only designers, and only within their region; a deploy discards the item's draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { bpmn, ITEM } from '../../support/runtime-harness.ts';
import { bpmnFile, multipartForm } from './multipart-form.ts';

const NEW_ITEM = 'XK-DRAFT-01';
const path = (itemCode = NEW_ITEM) => `/api/definitions/${itemCode}/draft`;
// Half drawn: passes the XML guard, is nowhere near a valid item.
const UNFINISHED = '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P" name="新事项 &amp; 草稿"><bpmn:task id="T" /></bpmn:process></bpmn:definitions>';

describe('definition drafts API', () => {
  let h: ApiHarness;
  let designer: ApiClient;
  let countyDesigner: ApiClient;
  beforeAll(async () => {
    h = await createApiHarness();
    // A designer of one county, to check drafts stay within their region.
    await new UserStore(h.db.pool).create({
      id: 'u-designer-east', username: 'designer-east', passwordHash: await hashPassword(PASSWORD), displayName: '东阳县设计员',
      role: 'designer', regionCode: '990121', departmentId: null,
    });
    designer = await h.as('designer-city');
    countyDesigner = await h.as('designer-east');
  });
  afterAll(async () => { await h.close(); });

  const stored = async (itemCode = NEW_ITEM) => (await h.db.pool.query('SELECT xml, catalogue, revision FROM definition_drafts WHERE item_code = $1', [itemCode])).rows[0];
  const paths = (body: { problems?: { path: string }[] }) => (body.problems ?? []).map((p) => p.path);

  it('saves an unfinished draft with its catalogue, and reads it back with who saved it and when', async () => {
    const saved = await designer.request('PUT', path(), { xml: UNFINISHED, catalogue: { category: '行政许可', conditions: [] }, revision: 0 });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ itemCode: NEW_ITEM, name: '新事项 & 草稿', revision: 1, savedBy: 'u-designer-city', savedByName: 'designer-city' });
    expect(new Date(saved.body.savedAt).toISOString()).toBe(h.clock.now().toISOString());

    const read = await designer.get(path());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ itemCode: NEW_ITEM, xml: UNFINISHED, catalogue: { category: '行政许可', conditions: [] }, revision: 1 });

    const list = await designer.get('/api/definitions/drafts');
    expect(list.body.drafts).toContainEqual(expect.objectContaining({ itemCode: NEW_ITEM, revision: 1, name: '新事项 & 草稿' }));
    expect(list.body.drafts[0]).not.toHaveProperty('xml');
  });

  it('refuses a save from a stale revision (409 naming revision) and keeps the newer draft', async () => {
    const next = await designer.request('PUT', path(), { xml: UNFINISHED.replace('T"', 'T2"'), catalogue: null, revision: 1 });
    expect(next.status).toBe(200);
    expect(next.body.revision).toBe(2);
    const stale = await designer.request('PUT', path(), { xml: UNFINISHED, revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    expect(stale.body.problems).toEqual([{ path: 'revision', reason: expect.stringContaining('revision 2') }]);
    const again = await designer.request('PUT', path(), { xml: UNFINISHED, revision: 0 });
    expect(again.status).toBe(409);
    expect(await stored()).toMatchObject({ revision: 2, catalogue: null, xml: expect.stringContaining('id="T2"') });
  });

  it('refuses hostile XML (422, file) and bad bodies (400 naming the field), changing nothing', async () => {
    const before = await stored();
    const xxe = await designer.request('PUT', path(), { xml: await bpmn('xxe.bpmn'), revision: 2 });
    expect(xxe.status).toBe(422);
    expect(xxe.body.problems).toContainEqual({ path: 'file', reason: expect.stringMatching(/DTD/) });
    const cases: [unknown, string][] = [
      [{ xml: UNFINISHED }, 'revision'],
      [{ xml: UNFINISHED, revision: -1 }, 'revision'],
      [{ xml: UNFINISHED, revision: '2' }, 'revision'],
      [{ xml: '', revision: 2 }, 'xml'],
      [{ xml: UNFINISHED, revision: 2, catalogue: ['not', 'an', 'object'] }, 'catalogue'],
      [{ xml: UNFINISHED, revision: 2, extra: true }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await designer.request('PUT', path(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(paths(res.body), JSON.stringify(body)).toEqual([field]);
    }
    const form = await designer.request('PUT', path(), ...formArgs({ bpmn: bpmnFile(UNFINISHED), revision: 'two' }));
    expect(form.status).toBe(400);
    expect(paths(form.body)).toEqual(['revision']);
    expect(await stored()).toEqual(before);
  });

  it('takes a large draft as multipart (the JSON body stops at 256 kB)', async () => {
    const large = UNFINISHED.replace('</bpmn:definitions>', `<!-- ${'草'.repeat(120_000)} --></bpmn:definitions>`);
    const json = await designer.request('PUT', path('XK-LARGE'), { xml: large, revision: 0 });
    expect(json.status).toBe(413);
    expect(await stored('XK-LARGE')).toBeUndefined();
    const form = await designer.request('PUT', path('XK-LARGE'), ...formArgs({ bpmn: bpmnFile(large), catalogue: '{"notes":"大文件"}', revision: '0' }));
    expect(form.status).toBe(201);
    expect(await stored('XK-LARGE')).toMatchObject({ revision: 1, catalogue: { notes: '大文件' }, xml: large });
  });

  it('keeps a draft within its region: a county designer does not see a city draft, the city sees the county\'s', async () => {
    expect((await countyDesigner.get(path())).status).toBe(404);
    expect((await countyDesigner.request('PUT', path(), { xml: UNFINISHED, revision: 2 })).status).toBe(404);
    expect((await countyDesigner.request('DELETE', path())).status).toBe(404);
    expect((await countyDesigner.get('/api/definitions/drafts')).body.drafts.map((d: { itemCode: string }) => d.itemCode)).not.toContain(NEW_ITEM);
    expect((await stored()).revision).toBe(2);

    expect((await countyDesigner.request('PUT', path('XK-COUNTY'), { xml: UNFINISHED, revision: 0 })).status).toBe(201);
    expect((await designer.get(path('XK-COUNTY'))).status).toBe(200);
  });

  it('admits only designers: supervisors, admins, applicants get 403, anonymous 401', async () => {
    const before = await stored();
    for (const user of ['supervisor-city', 'admin', 'ent-east', 'xf-east']) {
      const client = await h.as(user);
      expect((await client.request('PUT', path(), { xml: UNFINISHED, revision: 2 })).status, user).toBe(403);
      expect((await client.get(path())).status, user).toBe(403);
      expect((await client.request('DELETE', path())).status, user).toBe(403);
      expect((await client.get('/api/definitions/drafts')).status, user).toBe(403);
    }
    expect((await h.anonymous().request('PUT', path(), { xml: UNFINISHED, revision: 2 })).status).toBe(401);
    expect(await stored()).toEqual(before);
  });

  it('discards a draft on request, and the draft of an item once that item is deployed', async () => {
    expect((await designer.request('DELETE', path())).status).toBe(204);
    expect((await designer.get(path())).status).toBe(404);
    expect((await designer.request('DELETE', path())).status).toBe(404);

    const permit = await bpmn('construction-permit.bpmn');
    const changed = permit.replace('approval:reviewDays="5"', 'approval:reviewDays="4"');
    expect((await designer.request('PUT', path(ITEM.constructionPermit), { xml: changed, revision: 0 })).status).toBe(201);
    const deployed = await designer.post('/api/definitions', changed, { 'content-type': 'application/xml' });
    expect(deployed.status).toBe(201);
    expect((await designer.get(path(ITEM.constructionPermit))).status).toBe(404);
  });
});

function formArgs(fields: Parameters<typeof multipartForm>[0]): [string, Record<string, string>] {
  const { body, headers } = multipartForm(fields);
  return [body, headers];
}
