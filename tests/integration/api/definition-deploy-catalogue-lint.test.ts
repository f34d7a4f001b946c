/**
 * Deploy and validate with the catalogue (七公开) beside the BPMN, as a multipart form, and with
 * the designer's lint rules run again on the server: lint errors refuse the file naming each
 * element (nothing stored), warnings come back with the answer, a bad catalogue names its field.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { bpmn, ITEM } from '../../support/runtime-harness.ts';
import { bpmnFile, multipartForm } from './multipart-form.ts';

const lintFixture = (name: string) => readFileSync(new URL(`../../fixtures/bpmn/lint/${name}.bpmn`, import.meta.url), 'utf8');
const NEW_ITEM = 'XK-0001'; // the item code of valid-joint-review.bpmn, not bundled
const CATALOGUE = {
  itemCode: NEW_ITEM,
  category: '行政许可',
  implementingDepartment: '市消防救援支队',
  legalBasis: [{ title: '《中华人民共和国消防法》', articles: '第十一条' }],
  conditions: ['建设工程依法需要进行消防设计审查'],
  procedure: ['受理', '联审', '决定'],
  fees: [{ name: '消防设计审查', amount: '不收费' }],
  consultation: '12345',
};

describe('deploy with catalogue, and lint on the server', () => {
  let h: ApiHarness;
  let designer: ApiClient;
  beforeAll(async () => {
    h = await createApiHarness();
    designer = await h.as('designer-city');
  });
  afterAll(async () => { await h.close(); });

  const versions = async () => (await h.db.pool.query('SELECT count(*)::int AS n FROM definitions')).rows[0].n as number;
  const send = (path: string, fields: Parameters<typeof multipartForm>[0]) => {
    const { body, headers } = multipartForm(fields);
    return designer.post(path, body, headers);
  };

  it('deploys a brand-new item with its catalogue, published in the public catalogue', async () => {
    const res = await send('/api/definitions', { bpmn: bpmnFile(await bpmn('valid-joint-review.bpmn')), catalogue: JSON.stringify(CATALOGUE) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ itemCode: NEW_ITEM, version: 1, created: true, warnings: [] });
    const entry = await h.anonymous().get(`/api/catalogue/${NEW_ITEM}`);
    expect(entry.body).toMatchObject({
      version: 1, category: '行政许可', implementingDepartment: '市消防救援支队', consultation: '12345',
      legalBasis: [{ title: '《中华人民共和国消防法》', articles: '第十一条' }], fees: [{ name: '消防设计审查', amount: '不收费', basis: null }],
    });
  });

  it('makes a changed catalogue alone a new version; the same file and catalogue store nothing', async () => {
    const xml = await bpmn('valid-joint-review.bpmn');
    const changed = await send('/api/definitions', { bpmn: xml, catalogue: JSON.stringify({ ...CATALOGUE, consultation: '0571-12345' }) });
    expect(changed.status).toBe(201);
    expect(changed.body.version).toBe(2);
    expect((await h.anonymous().get(`/api/catalogue/${NEW_ITEM}`)).body.consultation).toBe('0571-12345');
    const before = await versions();
    const same = await send('/api/definitions', { bpmn: xml, catalogue: JSON.stringify({ ...CATALOGUE, consultation: '0571-12345' }) });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ created: false, version: 2 });
    // raw XML without a catalogue: the catalogue carries over, nothing changed, nothing stored
    expect((await designer.post('/api/definitions', xml, { 'content-type': 'application/xml' })).body.created).toBe(false);
    expect(await versions()).toBe(before);
  });

  it('accepts every bundled catalogue file as it is', async () => {
    const res = await send('/api/definitions/validate', {
      bpmn: bpmnFile(await bpmn('construction-permit.bpmn')),
      catalogue: readFileSync(new URL('../../../processes/construction-permit.catalogue.json', import.meta.url), 'utf8'),
    });
    expect(res.status).toBe(200);
    expect(res.body.catalogue).toMatchObject({ itemCode: ITEM.constructionPermit, category: '行政许可' });
  });

  it('names each bad catalogue field (400) and stores nothing', async () => {
    const before = await versions();
    const xml = bpmnFile(await bpmn('valid-joint-review.bpmn'));
    const bad = { ...CATALOGUE, legalBasis: [{ articles: '第一条' }], fees: [{ name: '', amount: '10元' }], conditions: 'all of them' };
    const res = await send('/api/definitions', { bpmn: xml, catalogue: JSON.stringify(bad) });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['catalogue.conditions', 'catalogue.fees.0.name', 'catalogue.legalBasis.0.title']);
    const unknownKey = await send('/api/definitions', { bpmn: xml, catalogue: JSON.stringify({ ...CATALOGUE, feez: [] }) });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.problems[0]).toMatchObject({ path: 'catalogue', reason: expect.stringContaining('feez') });
    const notJson = await send('/api/definitions', { bpmn: xml, catalogue: '{category: 行政许可}' });
    expect(notJson.body.problems).toEqual([{ path: 'catalogue', reason: 'not valid JSON' }]);
    const otherItem = await send('/api/definitions', { bpmn: xml, catalogue: JSON.stringify({ ...CATALOGUE, itemCode: ITEM.constructionPermit }) });
    expect(otherItem.status).toBe(400);
    expect(otherItem.body.problems.map((p: { path: string }) => p.path)).toEqual(['catalogue.itemCode']);
    const strayField = await send('/api/definitions', { bpmn: xml, comment: 'hi' });
    expect(strayField.status).toBe(400);
    expect(strayField.body.problems.map((p: { path: string }) => p.path)).toEqual(['comment']);
    expect(await versions()).toBe(before);
  });

  it('refuses a file only the lint rules object to (422 naming the gateway), on validate and deploy', async () => {
    const before = await versions();
    const xml = lintFixture('join-deadlock.triggers');
    for (const path of ['/api/definitions/validate', '/api/definitions']) {
      const res = await designer.post(path, xml, { 'content-type': 'application/xml' });
      expect(res.status, path).toBe(422);
      expect(res.body.code).toBe('definition_rejected');
      expect(res.body.problems).toEqual([{ path: 'Gateway_join', reason: expect.stringContaining('can wait forever') }]);
    }
    expect(await versions()).toBe(before);
  });

  it('names a lint problem once when a deploy rule already reported it on the same element', async () => {
    const res = await designer.post('/api/definitions/validate', lintFixture('waiting-task-limit.triggers'), { 'content-type': 'application/xml' });
    expect(res.status).toBe(422);
    const onTimeout = res.body.problems.filter((p: { reason: string }) => p.reason.includes('approval:onTimeout'));
    expect(onTimeout).toEqual([{ path: 'Task_review.onTimeout', reason: expect.any(String) }]);
  });

  it('returns lint warnings without blocking validate or deploy', async () => {
    const xml = lintFixture('sign-for-limit.triggers');
    const checked = await send('/api/definitions/validate', { bpmn: bpmnFile(xml) });
    expect(checked.status).toBe(200);
    expect(checked.body.warnings).toEqual([{ path: 'Task_review', rule: 'approval/sign-for-limit', reason: expect.stringContaining('sign-for') }]);
    expect(checked.body.catalogue).toBeNull();
    const deployed = await designer.post('/api/definitions', xml, { 'content-type': 'application/xml' });
    expect(deployed.status).toBe(201);
    expect(deployed.body.warnings).toHaveLength(1);
  });

  it('reads an empty form as an empty file (422) and keeps refusing JSON (415)', async () => {
    const empty = await send('/api/definitions', { catalogue: JSON.stringify(CATALOGUE) });
    expect(empty.status).toBe(422);
    expect(empty.body.problems).toEqual([{ path: 'file', reason: 'the file is empty' }]);
    expect((await designer.post('/api/definitions', { bpmn: '<x/>' })).status).toBe(415);
  });

  it('refuses the form to every role but designers (403) and to anonymous callers (401)', async () => {
    const { body, headers } = multipartForm({ bpmn: bpmnFile(await bpmn('valid-joint-review.bpmn')), catalogue: JSON.stringify(CATALOGUE) });
    for (const user of ['admin', 'supervisor-city', 'ent-east']) {
      expect((await (await h.as(user)).post('/api/definitions', body, headers)).status, user).toBe(403);
    }
    expect((await h.anonymous().post('/api/definitions', body, headers)).status).toBe(401);
  });
});
