/**
 * 电子监察 over HTTP: yellow and red lights, 问责记录 and default consents, each seen by a
 * supervisor for its region and below, by a department for itself only, by an admin for all;
 * other roles are refused (403) and a filter outside the caller's scope is 404.
 *
 * Scenario (all accepted Monday 2 March 2026, 09:00):
 * - a construction permit in 东阳县 (990121): 990121:xf signs for its review and then does
 *   nothing; the other seven departments never sign (签收 limit: end of Tue 3 March);
 * - a food business licence in 东阳县 and one in 西平县 (990122): the county market regulator's
 *   review (3 working days, no default) is never done.
 * On Monday 9 March at 10:00 the food reviews are red, xf's review is yellow (its limit ends that
 * night), both food licences' promised limits are yellow, and seven 签收 defaults are recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const EAST = '990121';
const WEST = '990122';
const CITY = '990100';
const PERMIT = '010030001000';
const FOOD = '010070001000';

const EXTRA_USERS = [
  { username: 'scjg-east', role: 'reviewer', regionCode: EAST, departmentId: `${EAST}:scjg` },
  { username: 'supervisor-east', role: 'supervisor', regionCode: EAST, departmentId: null },
] as const;

interface Warning { caseId: string; taskId?: string; departmentId?: string | null; light: string; regionCode: string }

describe('supervision (电子监察): lights, accountability and default consents by scope', () => {
  let h: ApiHarness;
  const ids = { permit: '', foodEast: '', foodWest: '' };
  const clients = new Map<string, ApiClient>();
  const as = (username: string) => clients.get(username)!;

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const users = new UserStore(h.db.pool);
    const passwordHash = await hashPassword(PASSWORD);
    for (const u of EXTRA_USERS) await users.create({ id: `u-${u.username}`, username: u.username, passwordHash, displayName: u.username, role: u.role, regionCode: u.regionCode, departmentId: u.departmentId });

    const ent = await h.as('ent-east');
    const windowEast = await h.as('window-east');
    const windowWest = await h.as('window-west');
    const apply = async (itemCode: string, regionCode: string, window: ApiClient) => {
      const id = (await ent.post('/api/cases', { itemCode, regionCode })).body.id as string;
      const accepted = await window.post(`/api/cases/${id}/accept`, {});
      expect(accepted.status).toBe(200);
      return accepted.body;
    };
    const permit = await apply(PERMIT, EAST, windowEast);
    ids.permit = permit.id;
    ids.foodEast = (await apply(FOOD, EAST, windowEast)).id;
    ids.foodWest = (await apply(FOOD, WEST, windowWest)).id;
    const xfTask = permit.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === `${EAST}:xf` && t.status === 'open');
    expect((await (await h.as('xf-east')).post(`/api/tasks/${xfTask.id}/sign`)).status).toBe(200);

    h.clock.set('2026-03-09T10:00:00+08:00');
    await h.runtime.runDueTimers();
    for (const username of ['ent-east', 'window-east', 'designer-city', 'xf-east', 'xf-west', 'zj-east', 'scjg-east', 'supervisor-city', 'supervisor-west', 'supervisor-east', 'admin']) {
      clients.set(username, await h.as(username));
    }
  });
  afterAll(async () => { await h.close(); });

  const taskLights = (body: { tasks: Warning[] }) => body.tasks.map((t) => `${t.departmentId}:${t.light}`).sort();
  const caseLights = (body: { cases: Warning[] }) => body.cases.map((c) => `${c.caseId === ids.foodEast ? 'foodEast' : c.caseId === ids.foodWest ? 'foodWest' : 'permit'}:${c.light}`).sort();

  describe('GET /api/supervision/warnings', () => {
    it('shows a city supervisor every yellow and red light of its city and counties', async () => {
      const res = await as('supervisor-city').get('/api/supervision/warnings');
      expect(res.status).toBe(200);
      expect(taskLights(res.body)).toEqual([`${EAST}:scjg:red`, `${EAST}:xf:yellow`, `${WEST}:scjg:red`]);
      expect(caseLights(res.body)).toEqual(['foodEast:yellow', 'foodWest:yellow']);
      expect(res.body.counts).toEqual({ tasks: { red: 2, yellow: 1 }, cases: { red: 0, yellow: 2 } });
      // red first; overdue tasks say by how many working days (limit: end of Thu 5 March)
      expect(res.body.tasks[0].light).toBe('red');
      expect(res.body.tasks[0].overdueWorkingDays).toBe(2);
      const xf = res.body.tasks.find((t: Warning) => t.departmentId === `${EAST}:xf`);
      expect(xf).toMatchObject({ caseId: ids.permit, kind: 'review', status: 'signed', remainingWorkingDays: 0, overdueWorkingDays: 0 });
    });

    it('limits a county supervisor to its county', async () => {
      const west = await as('supervisor-west').get('/api/supervision/warnings');
      expect(taskLights(west.body)).toEqual([`${WEST}:scjg:red`]);
      expect(caseLights(west.body)).toEqual(['foodWest:yellow']);
      const east = await as('supervisor-east').get('/api/supervision/warnings');
      expect(taskLights(east.body)).toEqual([`${EAST}:scjg:red`, `${EAST}:xf:yellow`]);
    });

    it('shows a department only its own tasks and the cases it holds a task of', async () => {
      const xf = await as('xf-east').get('/api/supervision/warnings');
      expect(xf.status).toBe(200);
      expect(taskLights(xf.body)).toEqual([`${EAST}:xf:yellow`]);
      expect(xf.body.cases).toEqual([]); // the permit's promised limit is far away
      const scjg = await as('scjg-east').get('/api/supervision/warnings');
      expect(taskLights(scjg.body)).toEqual([`${EAST}:scjg:red`]);
      expect(caseLights(scjg.body)).toEqual(['foodEast:yellow']);
      expect((await as('zj-east').get('/api/supervision/warnings')).body.tasks).toEqual([]);
    });

    it('shows an admin everything', async () => {
      const res = await as('admin').get('/api/supervision/warnings');
      expect(taskLights(res.body)).toHaveLength(3);
    });

    it('filters by light, region, department and level', async () => {
      const city = as('supervisor-city');
      expect(taskLights((await city.get('/api/supervision/warnings?light=yellow')).body)).toEqual([`${EAST}:xf:yellow`]);
      expect(taskLights((await city.get('/api/supervision/warnings?light=red')).body)).toEqual([`${EAST}:scjg:red`, `${WEST}:scjg:red`]);
      expect(taskLights((await city.get(`/api/supervision/warnings?regionCode=${WEST}`)).body)).toEqual([`${WEST}:scjg:red`]);
      expect(taskLights((await city.get(`/api/supervision/warnings?departmentId=${EAST}:xf`)).body)).toEqual([`${EAST}:xf:yellow`]);
      expect(taskLights((await city.get('/api/supervision/warnings?level=county')).body)).toHaveLength(3);
      const cityLevel = (await city.get('/api/supervision/warnings?level=city')).body;
      expect(cityLevel.tasks).toEqual([]);
      expect(cityLevel.cases).toEqual([]);
    });

    it('answers 404 for a region or department outside the caller\'s scope', async () => {
      expect((await as('supervisor-west').get(`/api/supervision/warnings?regionCode=${EAST}`)).status).toBe(404);
      expect((await as('supervisor-west').get(`/api/supervision/warnings?regionCode=${CITY}`)).status).toBe(404);
      expect((await as('supervisor-west').get(`/api/supervision/warnings?departmentId=${EAST}:xf`)).status).toBe(404);
      expect((await as('xf-east').get(`/api/supervision/warnings?departmentId=${WEST}:xf`)).status).toBe(404);
      expect((await as('xf-east').get(`/api/supervision/warnings?regionCode=${WEST}`)).status).toBe(404);
      expect((await as('admin').get('/api/supervision/warnings?regionCode=123456')).status).toBe(404);
      // a department may narrow to a region that contains it
      expect((await as('xf-east').get(`/api/supervision/warnings?regionCode=${CITY}`)).status).toBe(200);
    });

    it('refuses roles that do not supervise (403) and anonymous callers (401)', async () => {
      for (const username of ['ent-east', 'window-east', 'designer-city']) {
        expect({ username, status: (await as(username).get('/api/supervision/warnings')).status }).toEqual({ username, status: 403 });
      }
      expect((await h.anonymous().get('/api/supervision/warnings')).status).toBe(401);
    });

    it('names every malformed filter', async () => {
      const res = await as('supervisor-city').get('/api/supervision/warnings?light=green&regionCode=east&level=village&limit=0');
      expect(res.status).toBe(400);
      expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.level', 'query.light', 'query.limit', 'query.regionCode']);
    });
  });

  describe('GET /api/supervision/overdue', () => {
    it('lists red lights only', async () => {
      const res = await as('supervisor-city').get('/api/supervision/overdue');
      expect(res.status).toBe(200);
      expect(taskLights(res.body)).toEqual([`${EAST}:scjg:red`, `${WEST}:scjg:red`]);
      expect(res.body.cases).toEqual([]);
      expect(taskLights((await as('supervisor-west').get('/api/supervision/overdue')).body)).toEqual([`${WEST}:scjg:red`]);
      expect(taskLights((await as('scjg-east').get('/api/supervision/overdue')).body)).toEqual([`${EAST}:scjg:red`]);
      expect((await as('xf-east').get('/api/supervision/overdue')).body.tasks).toEqual([]);
    });

    it('refuses the wrong role, the wrong region and a malformed filter', async () => {
      expect((await as('window-east').get('/api/supervision/overdue')).status).toBe(403);
      expect((await as('supervisor-east').get(`/api/supervision/overdue?regionCode=${WEST}`)).status).toBe(404);
      const bad = await as('supervisor-city').get('/api/supervision/overdue?departmentId=xf');
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual(['query.departmentId']);
    });
  });

  describe('GET /api/supervision/accountability', () => {
    const departments = (body: { records: Array<{ departmentId: string }> }) => body.records.map((r) => r.departmentId).sort();
    const countyDepartments = ['rf', 'sthj', 'sw', 'zj', 'zrzy'].map((k) => `${EAST}:${k}`);

    it('lists the 问责记录 of a supervisor\'s region and below, with counts by basis and department', async () => {
      const res = await as('supervisor-city').get('/api/supervision/accountability?from=2026-03-01&to=2026-03-31');
      expect(res.status).toBe(200);
      expect(departments(res.body)).toEqual([`${CITY}:fgw`, `${CITY}:jt`, ...countyDepartments].sort());
      expect(res.body.byBasis).toEqual({ timeout: 0, inaction: 0, unsigned: 7, absence: 0 });
      expect(res.body.records[0]).toMatchObject({ caseId: ids.permit, itemCode: PERMIT, basis: 'unsigned', elementId: 'jointReview', limitAt: new Date('2026-03-03T23:59:59.999+08:00').toISOString() });
      expect(res.body.byDepartment).toHaveLength(7);
    });

    it('takes a region as that region and everything below it, and filters by level and department', async () => {
      const city = as('supervisor-city');
      expect(departments((await city.get(`/api/supervision/accountability?from=2026-03-01&regionCode=${EAST}`)).body)).toEqual(countyDepartments);
      expect(departments((await city.get('/api/supervision/accountability?from=2026-03-01&level=city')).body)).toEqual([`${CITY}:fgw`, `${CITY}:jt`]);
      expect(departments((await city.get(`/api/supervision/accountability?from=2026-03-01&departmentId=${EAST}:zj`)).body)).toEqual([`${EAST}:zj`]);
      expect(departments((await as('supervisor-east').get('/api/supervision/accountability?from=2026-03-01')).body)).toEqual(countyDepartments);
    });

    it('shows a county without records an empty list, and a department only its own records', async () => {
      const west = await as('supervisor-west').get('/api/supervision/accountability?from=2026-03-01');
      expect(west.status).toBe(200);
      expect(west.body.records).toEqual([]);
      expect(departments((await as('zj-east').get('/api/supervision/accountability?from=2026-03-01')).body)).toEqual([`${EAST}:zj`]);
      expect((await as('xf-east').get('/api/supervision/accountability?from=2026-03-01')).body.total).toBe(0);
    });

    it('answers 404 when a supervisor asks for a region outside its own, or a department for another department', async () => {
      expect((await as('supervisor-west').get(`/api/supervision/accountability?regionCode=${EAST}`)).status).toBe(404);
      expect((await as('supervisor-east').get(`/api/supervision/accountability?regionCode=${CITY}`)).status).toBe(404);
      expect((await as('zj-east').get(`/api/supervision/accountability?departmentId=${EAST}:xf`)).status).toBe(404);
    });

    it('counts only the period asked for (from inclusive, a day given as to included in full)', async () => {
      const city = as('supervisor-city');
      expect((await city.get('/api/supervision/accountability?from=2026-03-10&to=2026-03-31')).body.total).toBe(0);
      // a period starting after now without an end is inverted
      expect((await city.get('/api/supervision/accountability?from=2026-03-10')).body.problems).toEqual([{ path: 'query.from', reason: 'must be before to (default: now)' }]);
      expect((await city.get('/api/supervision/accountability?from=2026-03-01&to=2026-03-08')).body.total).toBe(0);
      expect((await city.get('/api/supervision/accountability?from=2026-03-09&to=2026-03-09')).body.total).toBe(7);
      expect((await city.get('/api/supervision/accountability?from=2026-03-09T10:00:00%2B08:00&to=2026-03-09T10:00:01%2B08:00')).body.total).toBe(7);
      // default: the 30 days up to now
      expect((await city.get('/api/supervision/accountability')).body.total).toBe(7);
    });

    it('refuses the wrong role and names malformed or inverted periods', async () => {
      for (const username of ['ent-east', 'window-east', 'designer-city']) {
        expect((await as(username).get('/api/supervision/accountability')).status).toBe(403);
      }
      const bad = await as('supervisor-city').get('/api/supervision/accountability?from=March&to=2026-13-45');
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.from', 'query.to']);
      const inverted = await as('supervisor-city').get('/api/supervision/accountability?from=2026-03-10&to=2026-03-01');
      expect(inverted.status).toBe(400);
      expect(inverted.body.problems).toEqual([{ path: 'query.to', reason: 'must be after from' }]);
      const tooLong = await as('supervisor-city').get('/api/supervision/accountability?from=2024-01-01&to=2026-03-01');
      expect(tooLong.body.problems[0].path).toBe('query.to');
    });
  });

  describe('GET /api/supervision/default-consents', () => {
    it('counts the opinions recorded by default, by basis, in scope', async () => {
      const res = await as('supervisor-city').get('/api/supervision/default-consents?from=2026-03-01&to=2026-03-31');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7);
      expect(res.body.byBasis).toEqual({ timeout: 0, inaction: 0, unsigned: 7, absence: 0 });
      expect(res.body.opinions.every((o: { decision: string; basis: string }) => o.decision === 'approve' && o.basis === 'unsigned')).toBe(true);
      expect((await as('supervisor-west').get('/api/supervision/default-consents?from=2026-03-01')).body.total).toBe(0);
      expect((await as('supervisor-east').get('/api/supervision/default-consents?from=2026-03-01')).body.total).toBe(5);
      expect((await as('zj-east').get('/api/supervision/default-consents?from=2026-03-01')).body.opinions.map((o: { departmentId: string }) => o.departmentId)).toEqual([`${EAST}:zj`]);
      expect((await as('supervisor-city').get('/api/supervision/default-consents?from=2026-03-01&level=city')).body.total).toBe(2);
      expect((await as('supervisor-city').get('/api/supervision/default-consents?from=2026-03-01&basis=timeout')).body.total).toBe(0);
    });

    it('refuses the wrong role, the wrong region or department, and malformed filters', async () => {
      expect((await as('window-east').get('/api/supervision/default-consents')).status).toBe(403);
      expect((await as('ent-east').get('/api/supervision/default-consents')).status).toBe(403);
      expect((await as('supervisor-west').get(`/api/supervision/default-consents?regionCode=${EAST}`)).status).toBe(404);
      expect((await as('xf-east').get(`/api/supervision/default-consents?departmentId=${EAST}:zj`)).status).toBe(404);
      const bad = await as('supervisor-city').get('/api/supervision/default-consents?basis=given&from=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['query.basis', 'query.from']);
    });
  });

  it('a day later: the signed department that did nothing is recorded for inaction (不作为默认), the food reviews stay red and the licences turn red', async () => {
    h.clock.set('2026-03-10T10:00:00+08:00');
    await h.runtime.runDueTimers();
    const city = await h.as('supervisor-city');
    const consents = await city.get('/api/supervision/default-consents?from=2026-03-01');
    expect(consents.body.byBasis).toEqual({ timeout: 0, inaction: 1, unsigned: 7, absence: 0 });
    const xf = await (await h.as('xf-east')).get('/api/supervision/accountability?from=2026-03-01');
    expect(xf.body.records.map((r: { departmentId: string; basis: string }) => [r.departmentId, r.basis])).toEqual([[`${EAST}:xf`, 'inaction']]);
    const overdue = await city.get('/api/supervision/overdue');
    expect(taskLights(overdue.body)).toEqual([`${EAST}:scjg:red`, `${WEST}:scjg:red`]);
    expect(caseLights(overdue.body)).toEqual(['foodEast:red', 'foodWest:red']);
  });
});
