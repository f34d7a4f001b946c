/**
 * 七公开: the public catalogue is readable without signing in, shows what the BPMN and the
 * catalogue JSON say about each item, and its filters keep exactly the right items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION } from '../../support/runtime-harness.ts';

describe('public catalogue (七公开)', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  const codes = async (query: string) => {
    const res = await h.anonymous().get(`/api/catalogue${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { itemCode: string }[]).map((i) => i.itemCode).sort();
  };

  it('lists every bundled item to an anonymous visitor', async () => {
    expect(await codes('')).toEqual(Object.values(ITEM).sort());
  });

  it('shows the construction permit with its limits and materials from the BPMN and its text from the catalogue JSON', async () => {
    const res = await h.anonymous().get(`/api/catalogue/${ITEM.constructionPermit}`);
    expect(res.status).toBe(200);
    const item = res.body;
    expect(item).toMatchObject({
      itemCode: ITEM.constructionPermit, name: '企业投资建设项目施工许可', category: '行政许可', handlingForm: 'joint', startedBy: 'applicant', levels: ['county'],
      promisedDays: 12, statutoryDays: 45, greenPromisedDays: 7, consultation: '12345', version: 1,
    });
    expect(item.implementingDepartment).toContain('住房和城乡建设局');
    expect(item.legalBasis).toContainEqual({ title: '《中华人民共和国建筑法》', articles: '第七条、第八条' });
    expect(item.conditions.length).toBeGreaterThan(0);
    expect(item.procedure[0]).toMatch(/^受理/);
    expect(item.fees[0]).toMatchObject({ amount: '不收费' });
    // Materials come from the BPMN (the catalogue JSON does not repeat them), essential flag included.
    expect(item.materials.length).toBeGreaterThan(0);
    expect(item.materials[0]).toEqual({ code: expect.any(String), name: expect.any(String), essential: expect.any(Boolean) });
    expect(item.departments.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['zj', 'xf', 'fgw']));
  });

  it('filters by level: only the 12345 order and the rating verification are accepted at city windows', async () => {
    expect(await codes('?level=city')).toEqual([ITEM.ratingVerification, ITEM.workOrder12345]);
    expect(await codes('?level=county')).toEqual(Object.values(ITEM).sort());
    expect(await codes('?level=township')).toEqual([]);
  });

  it('says who starts each item: applicants apply, the hotline registers 12345 orders, a rating opens a 差评核查', async () => {
    const res = await h.anonymous().get('/api/catalogue');
    expect(Object.fromEntries(res.body.items.map((i: { itemCode: string; startedBy: string }) => [i.itemCode, i.startedBy]))).toEqual({
      [ITEM.constructionPermit]: 'applicant', [ITEM.foodBusinessLicence]: 'applicant', [ITEM.hazardousChemicals]: 'applicant',
      [ITEM.workOrder12345]: 'hotline', [ITEM.ratingVerification]: 'system',
    });
  });

  it("filters by region through the region's level", async () => {
    expect(await codes(`?region=${REGION.city}`)).toEqual([ITEM.ratingVerification, ITEM.workOrder12345]);
    expect(await codes(`?region=${REGION.county}`)).toEqual(Object.values(ITEM).sort());
  });

  it('filters by a department kind taking part in the item', async () => {
    expect(await codes('?department=xf')).toEqual([ITEM.constructionPermit, ITEM.hazardousChemicals].sort());
    expect(await codes('?department=scjg')).toEqual([ITEM.foodBusinessLicence]);
    expect(await codes('?department=yjgl&level=county')).toEqual([ITEM.hazardousChemicals]);
  });

  it('searches code, name and category with q', async () => {
    expect(await codes(`?q=${encodeURIComponent('食品')}`)).toEqual([ITEM.foodBusinessLicence]);
    expect(await codes(`?q=${ITEM.hazardousChemicals}`)).toEqual([ITEM.hazardousChemicals]);
    expect(await codes(`?q=${encodeURIComponent('公共服务')}`)).toEqual([ITEM.ratingVerification, ITEM.workOrder12345]);
  });

  it('names an invalid filter instead of silently ignoring it', async () => {
    const res = await h.anonymous().get('/api/catalogue?level=village&department=nope&region=123456');
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.department', 'query.level']);
    const region = await h.anonymous().get('/api/catalogue?region=123456');
    expect(region.status).toBe(400);
    expect(region.body.problems).toEqual([{ path: 'query.region', reason: 'no region "123456"' }]);
  });

  it('answers an unknown item code with a 404 problem', async () => {
    const res = await h.anonymous().get('/api/catalogue/999999999999');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('not_found');
  });
});
