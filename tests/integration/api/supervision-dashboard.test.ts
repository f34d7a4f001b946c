/**
 * What the supervision dashboard needs beyond the lists: the regions and departments a caller
 * may filter by, every list as a CSV (UTF-8 with BOM) or XLSX download with the rows the JSON
 * answer has, and the 差评核查 list of dissatisfied ratings with their verification state.
 *
 * Scenario: Monday 2 March 2026 a construction permit is accepted in 东阳县 (990121) and nobody
 * signs for it (eight 签收 defaults on Wed 4 March); a food licence in 西平县 (990122) is never
 * reviewed (red by Mon 9 March); a food licence in 东阳县 is finished and rated 不满意, which
 * opens its verification. Read on Monday 9 March at 10:00.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { finishedCase } from '../../support/runtime-harness.ts';

const EAST = '990121';
const WEST = '990122';
const PERMIT = '010030001000';
const FOOD = '010070001000';

/** The lines of a CSV download, byte-order mark checked and removed (`fetch().text()` would drop it unseen). */
function csvLines(bytes: Uint8Array): string[] {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n').filter(Boolean);
}

describe('supervision dashboard: filter choices, downloads and 差评核查', () => {
  let h: ApiHarness;
  const numbers = { permit: '', foodWest: '', rated: '' };
  const clients = new Map<string, ApiClient>();
  const as = (username: string) => clients.get(username)!;
  const cookies = new Map<string, string>();
  /** A download as the browser gets it: status, headers and the raw bytes. */
  const download = async (username: string, path: string) => {
    if (!cookies.has(username)) {
      const res = await fetch(`${h.baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, client: 'browser' }),
      });
      cookies.set(username, res.headers.get('set-cookie')!.split(';')[0]!);
    }
    const res = await fetch(`${h.baseUrl}${path}`, { headers: { cookie: cookies.get(username)! } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const ent = await h.as('ent-east');
    const apply = async (itemCode: string, regionCode: string, window: ApiClient) => {
      const id = (await ent.post('/api/cases', { itemCode, regionCode })).body.id as string;
      const accepted = await window.post(`/api/cases/${id}/accept`, {});
      expect(accepted.status).toBe(200);
      return accepted.body.caseNumber as string;
    };
    numbers.permit = await apply(PERMIT, EAST, await h.as('window-east'));
    numbers.foodWest = await apply(FOOD, WEST, await h.as('window-west'));
    const ratedId = await finishedCase(h.runtime, 'u-ent-east');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'u-ent-east', level: '不满意', comment: '现场核查拖了很久' });
    numbers.rated = (await h.db.pool.query('SELECT case_number FROM cases WHERE id = $1', [ratedId])).rows[0].case_number;

    h.clock.set('2026-03-09T10:00:00+08:00');
    await h.runtime.runDueTimers();
    for (const username of ['window-east', 'xf-east', 'supervisor-city', 'supervisor-west', 'admin']) clients.set(username, await h.as(username));
  });
  afterAll(async () => { await h.close(); });

  describe('GET /api/supervision/org', () => {
    it('gives a city supervisor its city, the counties and townships below, and their departments', async () => {
      const res = await as('supervisor-city').get('/api/supervision/org');
      expect(res.status).toBe(200);
      expect(res.body.rootCode).toBe('990100');
      expect(res.body.at).toBe(new Date('2026-03-09T10:00:00+08:00').toISOString());
      const codes = res.body.regions.map((r: { code: string }) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['990100', EAST, WEST, '990121001']));
      expect(codes).not.toContain('990000');
      const departments = res.body.departments.map((d: { id: string }) => d.id);
      expect(departments).toEqual(expect.arrayContaining(['990100:fgw', `${EAST}:xf`, `${WEST}:scjg`]));
      expect(res.body.regions.find((r: { code: string }) => r.code === EAST)).toMatchObject({ name: '东阳县', level: 'county', parentCode: '990100' });
    });

    it('limits a county supervisor to its county and a department to itself; an admin sees every region', async () => {
      const west = (await as('supervisor-west').get('/api/supervision/org')).body;
      expect(west.regions.every((r: { code: string }) => r.code.startsWith(WEST))).toBe(true);
      expect(west.departments.every((d: { regionCode: string }) => d.regionCode.startsWith(WEST))).toBe(true);
      const xf = (await as('xf-east').get('/api/supervision/org')).body;
      expect(xf.departments.map((d: { id: string }) => d.id)).toEqual([`${EAST}:xf`]);
      expect(xf.regions.map((r: { code: string }) => r.code)).toEqual([EAST]);
      const admin = (await as('admin').get('/api/supervision/org')).body;
      expect(admin.rootCode).toBeNull();
      expect(admin.regions.map((r: { code: string }) => r.code)).toContain('990000');
    });

    it('refuses roles that do not supervise', async () => {
      expect((await as('window-east').get('/api/supervision/org')).status).toBe(403);
      expect((await h.anonymous().get('/api/supervision/org')).status).toBe(401);
    });
  });

  describe('downloads', () => {
    it('downloads the warnings as CSV with a byte-order mark, one line per light of the JSON answer', async () => {
      const json = (await as('supervisor-city').get('/api/supervision/warnings')).body;
      const res = await download('supervisor-city', '/api/supervision/warnings?format=csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="warnings-2026-03-09_1000.csv"');
      const lines = csvLines(res.bytes);
      expect(lines[0]).toBe('灯,对象,案件编号,事项编码,受理地区,部门编码,部门,层级,状态,时限,剩余工作日,超期工作日,绿色通道');
      expect(lines).toHaveLength(1 + json.tasks.length + json.cases.length);
      const west = lines.find((l) => l.includes(numbers.foodWest) && l.includes(`${WEST}:scjg`));
      expect(west?.split(',')).toEqual(['红灯', '部门环节', numbers.foodWest, FOOD, WEST, `${WEST}:scjg`, expect.any(String), '县级', expect.any(String), '2026-03-05 23:59', '0', '2', '否']);
    });

    it('keeps a download to the caller\'s scope and filters', async () => {
      const lines = csvLines((await download('supervisor-west', '/api/supervision/overdue?format=csv')).bytes);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).every((l) => l.split(',')[4] === WEST)).toBe(true);
      expect((await as('supervisor-west').get(`/api/supervision/warnings?format=csv&regionCode=${EAST}`)).status).toBe(404);
    });

    it('downloads the default consents of a period as CSV', async () => {
      const res = await download('supervisor-city', '/api/supervision/default-consents?from=2026-03-01&to=2026-03-31&format=csv');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="default-consents-2026-03-01_2026-03-31.csv"');
      const lines = csvLines(res.bytes);
      expect(lines).toHaveLength(1 + 8);
      expect(lines.slice(1).every((l) => l.includes(numbers.permit) && l.includes('未签收默认') && l.includes('同意'))).toBe(true);
    });

    it('downloads the 问责记录 as an XLSX workbook with the same records', async () => {
      const json = (await as('supervisor-city').get('/api/supervision/accountability?from=2026-03-01')).body;
      expect(json.byBasis.unsigned).toBe(8);
      const res = await download('supervisor-city', '/api/supervision/accountability?from=2026-03-01&format=xlsx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const sheet = strFromU8(unzipSync(res.bytes)['xl/worksheets/sheet1.xml']!);
      expect(sheet.match(/<row /g)).toHaveLength(1 + json.total);
      expect(sheet).toContain('未签收默认');
      expect(sheet).toContain(numbers.permit);
    });

    it('names a format it does not know', async () => {
      const res = await as('supervisor-city').get('/api/supervision/accountability?format=pdf');
      expect(res.status).toBe(400);
      expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual(['query.format']);
    });
  });

  describe('GET /api/supervision/verifications (差评核查)', () => {
    it('lists a dissatisfied rating in the supervisor\'s region with its running verification', async () => {
      const res = await as('supervisor-city').get('/api/supervision/verifications?from=2026-03-01');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.byState).toMatchObject({ pending: 0, 'in-progress': 1, concluded: 0 });
      expect(res.body.verifications[0]).toMatchObject({
        caseNumber: numbers.rated, regionCode: EAST, ratingLevel: '不满意', comment: '现场核查拖了很久', state: 'in-progress', outcome: null,
      });
      expect(res.body.verifications[0].verificationCaseNumber).toEqual(expect.any(String));
    });

    it('shows another county nothing, downloads as CSV, and keeps to the period', async () => {
      expect((await as('supervisor-west').get('/api/supervision/verifications?from=2026-03-01')).body.verifications).toEqual([]);
      expect((await as('supervisor-city').get('/api/supervision/verifications?from=2026-03-03')).body.total).toBe(0);
      const lines = csvLines((await download('supervisor-city', '/api/supervision/verifications?from=2026-03-01&format=csv')).bytes);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('核查中');
    });

    it('refuses the wrong role and a region outside the caller\'s scope', async () => {
      expect((await as('window-east').get('/api/supervision/verifications')).status).toBe(403);
      expect((await as('supervisor-west').get(`/api/supervision/verifications?regionCode=${EAST}`)).status).toBe(404);
    });
  });
});
