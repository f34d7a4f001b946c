/**
 * Projects (工程建设项目) over HTTP: an applicant registers a project, applies for several items
 * under it and follows them in one merged timeline; a supervisor of the project's region makes
 * it a key project (重点项目) and every running case goes on the green channel. Other
 * applicants, other regions and other roles see nothing (404) or are refused (403).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const EAST = '990121';
const PERMIT = '010030001000';
const FOOD = '010070001000';

describe('projects: register, group cases, one timeline, key project', () => {
  let h: ApiHarness;
  let ent: ApiClient;
  let projectId = '';
  const caseIds: string[] = [];

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    ent = await h.as('ent-east');
  });
  afterAll(async () => { await h.close(); });

  const keyFlags = async () => (await h.db.pool.query('SELECT key_project FROM projects ORDER BY created_at')).rows.map((r) => r.key_project);

  describe('POST /api/projects', () => {
    it('registers a project for the signed-in applicant', async () => {
      const res = await ent.post('/api/projects', { name: '  东阳县城南安置小区一期  ', regionCode: EAST });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '东阳县城南安置小区一期', regionCode: EAST, applicantId: 'u-ent-east', keyProject: false, helperId: null });
      expect(res.headers.get('location')).toBe(`/api/projects/${res.body.id}`);
      projectId = res.body.id;
    });

    it('names every malformed field, and an unknown region, without creating anything', async () => {
      const bad = await ent.post('/api/projects', { name: '   ', regionCode: 'east', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['name', 'regionCode']);
      const missing = await ent.post('/api/projects', {});
      expect(missing.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['name', 'regionCode']);
      const unknown = await ent.post('/api/projects', { name: '某项目', regionCode: '123456' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.problems).toEqual([{ path: 'regionCode', reason: 'no region "123456"' }]);
      expect(await keyFlags()).toHaveLength(1);
    });

    it('is for applicants only', async () => {
      for (const username of ['window-east', 'xf-east', 'supervisor-city', 'admin']) {
        expect({ username, status: (await (await h.as(username)).post('/api/projects', { name: '某项目', regionCode: EAST })).status }).toEqual({ username, status: 403 });
      }
      expect((await h.anonymous().post('/api/projects', { name: '某项目', regionCode: EAST })).status).toBe(401);
      expect(await keyFlags()).toHaveLength(1);
    });
  });

  describe('GET /api/projects/:id', () => {
    it('shows the project\'s cases and one timeline merged across them, by time', async () => {
      const window = await h.as('window-east');
      const permit = await ent.post('/api/cases', { itemCode: PERMIT, regionCode: EAST, projectId });
      h.clock.set('2026-03-02T09:05:00+08:00');
      const food = await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, projectId });
      h.clock.set('2026-03-02T09:10:00+08:00');
      expect((await window.post(`/api/cases/${permit.body.id}/accept`, {})).status).toBe(200);
      h.clock.set('2026-03-02T09:15:00+08:00');
      expect((await window.post(`/api/cases/${food.body.id}/accept`, {})).status).toBe(200);
      caseIds.push(permit.body.id, food.body.id);

      const res = await ent.get(`/api/projects/${projectId}`);
      expect(res.status).toBe(200);
      expect(res.body.cases.map((c: { id: string; itemCode: string }) => [c.id, c.itemCode])).toEqual([[permit.body.id, PERMIT], [food.body.id, FOOD]]);
      expect(res.body.cases[0].openTasks.length).toBe(8); // the permit's joint review
      const timeline = res.body.timeline as Array<{ caseId: string; caseNumber: string; type: string; at: string }>;
      const times = timeline.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      const milestones = timeline.filter((e) => e.type === 'applied' || e.type === 'accepted').map((e) => [e.caseId === permit.body.id ? 'permit' : 'food', e.type]);
      expect(milestones).toEqual([['permit', 'applied'], ['food', 'applied'], ['permit', 'accepted'], ['food', 'accepted']]);
      expect(timeline.find((e) => e.caseId === food.body.id)!.caseNumber).toBe(food.body.caseNumber);
      // every event of both cases is there
      const { rows } = await h.db.pool.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1)', [caseIds]);
      expect(timeline).toHaveLength(rows[0].n);
    });

    it('is seen by its applicant, supervisors of its region or above and admins; not by other applicants or other regions', async () => {
      const statuses: Record<string, number> = {};
      for (const username of ['ent-east', 'ent-other', 'supervisor-city', 'supervisor-west', 'admin', 'window-east', 'xf-east', 'zj-east', 'designer-city']) {
        statuses[username] = (await (await h.as(username)).get(`/api/projects/${projectId}`)).status;
      }
      statuses.anonymous = (await h.anonymous().get(`/api/projects/${projectId}`)).status;
      expect(statuses).toEqual({
        'ent-east': 200, 'ent-other': 404, 'supervisor-city': 200, 'supervisor-west': 404, admin: 200,
        'window-east': 403, 'xf-east': 403, 'zj-east': 403, 'designer-city': 403, anonymous: 401,
      });
    });

    it('reads the progress of all its cases with one statement of each kind, the same progress each case shows alone', async () => {
      // every statement of the process, through the pool or on a client of it
      const query = pg.Client.prototype.query;
      const sent: string[] = [];
      pg.Client.prototype.query = function (this: pg.Client, config: string | { text: string }, ...rest: unknown[]) {
        sent.push(typeof config === 'string' ? config : config.text);
        return (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
      } as typeof query;
      let project;
      try {
        project = (await ent.get(`/api/projects/${projectId}`)).body;
      } finally {
        pg.Client.prototype.query = query;
      }
      const count = (marker: RegExp) => sent.filter((text) => marker.test(text)).length;
      expect([count(/FROM opinions WHERE/), count(/FROM case_timers WHERE/), count(/FROM meetings m/), count(/FROM departments/)]).toEqual([1, 1, 1, 1]);
      for (const c of project.cases) {
        expect(c.progress).toEqual((await ent.get(`/api/cases/${c.id}/progress`)).body);
      }
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      const bad = await ent.get('/api/projects/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.problems[0].path).toBe('params.projectId');
      expect((await ent.get('/api/projects/6f1c2d3e-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it('does not let another applicant apply under the project', async () => {
      const other = await (await h.as('ent-other')).post('/api/cases', { itemCode: FOOD, regionCode: EAST, projectId });
      expect(other.status).toBe(400);
      expect(other.body.problems).toEqual([{ path: 'projectId', reason: 'no such project of this applicant' }]);
    });
  });

  describe('GET /api/projects', () => {
    it('lists an applicant\'s own projects only', async () => {
      const other = await h.as('ent-other');
      expect((await other.post('/api/projects', { name: '西平县物流园', regionCode: '990122' })).status).toBe(201);
      expect((await ent.get('/api/projects')).body.projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
      expect((await other.get('/api/projects')).body.projects.map((p: { name: string }) => p.name)).toEqual(['西平县物流园']);
    });

    it('lists a supervisor\'s region and below, an admin\'s everything; other roles are refused', async () => {
      const names = async (username: string, query = '') => (await (await h.as(username)).get(`/api/projects${query}`)).body.projects?.map((p: { name: string }) => p.name).sort();
      expect(await names('supervisor-city')).toEqual(['东阳县城南安置小区一期', '西平县物流园']);
      expect(await names('supervisor-west')).toEqual(['西平县物流园']);
      expect(await names('supervisor-city', `?regionCode=${EAST}`)).toEqual(['东阳县城南安置小区一期']);
      expect(await names('admin')).toHaveLength(2);
      expect((await (await h.as('supervisor-west')).get(`/api/projects?regionCode=${EAST}`)).status).toBe(404);
      const bad = await (await h.as('supervisor-city')).get('/api/projects?regionCode=east');
      expect(bad.status).toBe(400);
      expect(bad.body.problems[0].path).toBe('query.regionCode');
      for (const username of ['window-east', 'xf-east', 'designer-city']) expect((await (await h.as(username)).get('/api/projects')).status).toBe(403);
    });
  });

  describe('POST /api/projects/:id/key', () => {
    it('refuses other roles (403) and supervisors of another region (404) without changing anything', async () => {
      for (const [username, status] of [['ent-east', 403], ['window-east', 403], ['xf-east', 403], ['admin', 403], ['supervisor-west', 404]] as const) {
        expect({ username, status: (await (await h.as(username)).post(`/api/projects/${projectId}/key`, {})).status }).toEqual({ username, status });
      }
      expect((await h.anonymous().post(`/api/projects/${projectId}/key`, {})).status).toBe(401);
      expect(await keyFlags()).toEqual([false, false]);
    });

    it('names a malformed or unknown helper', async () => {
      const supervisor = await h.as('supervisor-city');
      const empty = await supervisor.post(`/api/projects/${projectId}/key`, { helperId: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.problems[0].path).toBe('helperId');
      const unknown = await supervisor.post(`/api/projects/${projectId}/key`, { helperId: 'u-nobody' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.problems).toEqual([{ path: 'helperId', reason: "no window or department staff of the project's region (or below) with this id" }]);
      // an applicant, a supervisor, staff of another county: none follows this project's cases
      for (const helperId of ['u-ent-east', 'u-supervisor-city', 'u-designer-city', 'u-window-west', 'u-xf-west']) {
        const refused = await supervisor.post(`/api/projects/${projectId}/key`, { helperId });
        expect({ helperId, status: refused.status, path: refused.body.problems?.[0]?.path }).toEqual({ helperId, status: 400, path: 'helperId' });
      }
      expect(await keyFlags()).toEqual([false, false]);
    });

    it('offers as 帮办 the window and department staff of the project\'s region and below, found by name', async () => {
      const supervisor = await h.as('supervisor-city');
      const res = await supervisor.get(`/api/projects/${projectId}/helpers`);
      expect(res.status).toBe(200);
      const ids = res.body.helpers.map((x: { id: string }) => x.id);
      expect(ids).toEqual(expect.arrayContaining(['u-window-east', 'u-xf-east', 'u-zj-east']));
      for (const outside of ['u-window-west', 'u-xf-west', 'u-ent-east', 'u-supervisor-city', 'u-designer-city', 'u-admin']) expect(ids).not.toContain(outside);
      // the window first: 帮办代办 is the window's service
      expect(ids[0]).toBe('u-window-east');
      expect(res.body.helpers.find((x: { id: string }) => x.id === 'u-xf-east')).toMatchObject({ role: 'reviewer', regionName: '东阳县', departmentName: '东阳县消防救援支队' });
      const found = await supervisor.get(`/api/projects/${projectId}/helpers?q=${encodeURIComponent('消防')}`);
      expect(found.body.helpers.map((x: { id: string }) => x.id)).toEqual(['u-xf-east']);
      expect((await supervisor.get(`/api/projects/${projectId}/helpers?q=`)).status).toBe(400);
      for (const [username, status] of [['ent-east', 403], ['window-east', 403], ['admin', 403], ['supervisor-west', 404]] as const) {
        expect({ username, status: (await (await h.as(username)).get(`/api/projects/${projectId}/helpers`)).status }).toEqual({ username, status });
      }
    });

    it('makes it a key project: every running case goes green with the helper, and so does every later case', async () => {
      const supervisor = await h.as('supervisor-city');
      const res = await supervisor.post(`/api/projects/${projectId}/key`, { helperId: 'u-window-east' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ keyProject: true, helperId: 'u-window-east', markedBy: 'u-supervisor-city' });
      expect([...res.body.markedCases].sort()).toEqual([...caseIds].sort());
      const detail = await ent.get(`/api/projects/${projectId}`);
      expect(detail.body.cases.map((c: { green: boolean; helperId: string }) => [c.green, c.helperId])).toEqual([[true, 'u-window-east'], [true, 'u-window-east']]);
      expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'green-channel')).toHaveLength(2);
      const later = await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, projectId });
      expect(later.body.green).toBe(true);
      // marking again changes nothing
      const again = await supervisor.post(`/api/projects/${projectId}/key`, {});
      expect(again.status).toBe(200);
      expect(again.body.markedCases).toEqual([]);
    });
  });
});
