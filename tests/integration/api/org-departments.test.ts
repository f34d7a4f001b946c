/**
 * The designer's department picker: departments with kind and level, from the caller's region,
 * the regions above it and below it; filters by level and region; roles and region enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { REGION } from '../../support/runtime-harness.ts';

interface Department { id: string; name: string; kind: string; kindName: string; level: string; regionCode: string; regionName: string }

describe('GET /api/org/departments', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness(); });
  afterAll(async () => { await h.close(); });

  const list = async (user: string, query = '') => (await h.as(user)).get<{ departments: Department[]; truncated: boolean; problems?: { path: string }[] }>(`/api/org/departments${query}`);

  it('gives a city designer every department from the province down to the townships, higher levels first', async () => {
    const res = await list('designer-city');
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    const { departments } = res.body;
    expect(departments).toContainEqual({
      id: '990121:xf', name: '东阳县消防救援支队', kind: 'xf', kindName: '消防救援支队', level: 'county', regionCode: '990121', regionName: '东阳县',
    });
    expect(new Set(departments.map((d) => d.level))).toEqual(new Set(['province', 'city', 'county', 'township']));
    const ranks = departments.map((d) => ['province', 'city', 'county', 'township'].indexOf(d.level));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const total = (await h.db.pool.query('SELECT count(*)::int AS n FROM departments')).rows[0].n;
    expect(departments).toHaveLength(total);
  });

  it('filters by level and by region', async () => {
    const county = (await list('designer-city', '?level=county')).body.departments;
    expect(county.length).toBeGreaterThan(0);
    expect(county.every((d) => d.level === 'county')).toBe(true);
    const east = (await list('designer-city', `?regionCode=${REGION.county}`)).body.departments;
    expect(east.length).toBeGreaterThan(0);
    expect(east.every((d) => d.regionCode === REGION.county)).toBe(true);
    expect((await list('designer-city', `?regionCode=${REGION.county}&level=city`)).body.departments).toEqual([]);
  });

  it("limits a county supervisor to their county, the regions above it and its townships", async () => {
    const departments = (await list('supervisor-west')).body.departments;
    const regions = new Set(departments.map((d) => d.regionCode));
    expect(regions).toEqual(new Set(['990000', '990100', '990122', '990122001']));
    const other = await list('supervisor-west', `?regionCode=${REGION.county}`);
    expect(other.status).toBe(404);
  });

  it('gives an admin every department', async () => {
    const total = (await h.db.pool.query('SELECT count(*)::int AS n FROM departments')).rows[0].n;
    expect((await list('admin')).body.departments).toHaveLength(total);
  });

  it('names a bad level or region code (400) and an unknown region (404)', async () => {
    const badLevel = await list('designer-city', '?level=village');
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.problems!.map((p) => p.path)).toEqual(['query.level']);
    const badRegion = await list('designer-city', '?regionCode=east');
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.problems!.map((p) => p.path)).toEqual(['query.regionCode']);
    expect((await list('designer-city', '?regionCode=123456')).status).toBe(404);
  });

  it('refuses applicants, windows and reviewers (403) and anonymous callers (401)', async () => {
    for (const user of ['ent-east', 'window-east', 'xf-east', 'zj-east']) expect((await list(user)).status, user).toBe(403);
    expect((await h.anonymous().get('/api/org/departments')).status).toBe(401);
  });
});
