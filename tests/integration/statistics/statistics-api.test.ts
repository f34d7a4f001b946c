/**
 * 统计, 堵点, 月度百分考评 and 预计办结 over HTTP, on a March 2026 built through the runtime with the
 * manual clock; every expected figure below is worked out by hand from this timeline.
 *
 * Calendar: March 2026 has no holiday (weekends 7–8, 14–15, 21–22, 28–29); 4–6 April is 清明.
 * Items: 食品经营许可 (food, 东阳县 990121 unless said): statutory 10, promised 5 working days; county
 * 市场监管 (scjg) reviews (3 days) then decides (1 day). 危险化学品经营许可 (haz): statutory 30,
 * promised 15; county 应急管理 (yjgl) pre-review, then city 应急管理 + 消防 + 生态环境 review
 * (签收 1 day, review 7, default approve), then city 应急管理 decides.
 *
 * | case | accepted | what happens | end | working days (工作日) |
 * | --- | --- | --- | --- | --- |
 * | A food | Mon 2 Mar 09:00 | reviewed 10:00, decided 11:00, rated 非常满意 | completed Mon 2 (即办) | 0 |
 * | B food | Mon 2 Mar 09:00 | reviewed Wed 4, decided Thu 5, rated 不满意 | completed Thu 5 | 3 |
 * | C food | Mon 2 Mar 09:00 | 补正 asked Tue 3 (clock stops, promised date moves from Mon 9 to Fri 13), supplied Mon 9, reviewed Thu 12, decided Mon 16 (decision task late) | completed Mon 16, late | 10 − 4 stopped = 6 |
 * | D food 西平县 990122 | Mon 2 Mar 09:00 | rejected Wed 4, rated 满意 | returned Wed 4 | 2 |
 * | F food | Mon 2 Mar 09:00 | withdrawn Tue 3 | cancelled | — |
 * | G food | Mon 2 Mar 09:00 | reviewed Mon 2, decided Tue 3, never rated (window closes Tue 24, archived Fri 27) | completed Tue 3 | 1 |
 * | H haz | Mon 2 Mar 09:00 | county pre-review Tue 3; city yjgl approves Wed 4; city xf never signs (未签收默认 Thu 5 09:00); city sthj signs Wed 4 then nothing (不作为默认 Fri 13 09:00); city decision Mon 16; rated 基本满意 | completed Mon 16 | 10 |
 * | E food | Fri 27 Mar 09:00 | reviewed Wed 1 Apr (after the period) | open at the end of March | — |
 *
 * Department tasks (working days from arrival to completion): A review 0, decide 0; B 2, 1; C 1, 3, 2;
 * G 0, 1; D 2; H county yjgl 1, city yjgl 1, xf 2 (default), sthj 8 (default), city decision 1.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createApiHarness, PASSWORD, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, rows } from '../../support/runtime-harness.ts';

const EAST = '990121';
const WEST = '990122';
const CITY = '990100';
const FOOD = ITEM.foodBusinessLicence;
const HAZ = ITEM.hazardousChemicals;
const MARCH = 'from=2026-03-01&to=2026-03-31';

const EXTRA_USERS = [
  { username: 'scjg-east', role: 'reviewer', regionCode: EAST, departmentId: `${EAST}:scjg` },
  { username: 'scjg-west', role: 'reviewer', regionCode: WEST, departmentId: `${WEST}:scjg` },
  { username: 'yjgl-east', role: 'reviewer', regionCode: EAST, departmentId: `${EAST}:yjgl` },
  { username: 'yjgl-city', role: 'lead', regionCode: CITY, departmentId: `${CITY}:yjgl` },
  { username: 'sthj-city', role: 'reviewer', regionCode: CITY, departmentId: `${CITY}:sthj` },
] as const;

const APPLICANT = 'u-ent-east';

describe('统计, 堵点, 月度百分考评 and 预计办结 on a hand-computed March', () => {
  let h: ApiHarness;
  const id: Record<string, string> = {};
  const seen: Record<string, { status: number; body: any }> = {};
  // Sessions expire as the manual clock moves on: a client is reused only at the same instant.
  const clients = new Map<string, ApiClient>();
  const as = async (username: string) => {
    const key = `${username}@${h.clock.now().getTime()}`;
    if (!clients.has(key)) clients.set(key, await h.as(username));
    return clients.get(key)!;
  };

  const openTask = async (caseId: string, elementId: string, departmentId?: string) => {
    const found = await rows<{ id: string }>(h.db,
      `SELECT id FROM tasks WHERE case_id = $1 AND element_id = $2 AND status IN ('open', 'signed') AND ($3::text IS NULL OR department_id = $3)`,
      [caseId, elementId, departmentId ?? null]);
    expect(found, `${elementId} ${departmentId ?? ''}`).toHaveLength(1);
    return found[0]!.id;
  };
  const apply = async (itemCode: string, regionCode: string, windowUser: string) => {
    const applied = await h.runtime.startCase({ itemCode, regionCode, applicantId: APPLICANT });
    await h.runtime.completeTask({ caseId: applied.caseId, taskId: await openTask(applied.caseId, 'accept'), outcome: 'accepted', actor: windowUser });
    return applied.caseId;
  };
  const sign = async (caseId: string, elementId: string, departmentId: string, actor: string) =>
    h.runtime.signFor({ caseId, taskId: await openTask(caseId, elementId, departmentId), actor });
  const review = async (caseId: string, elementId: string, departmentId: string, actor: string, decision: 'approve' | 'reject' | 'supplement' = 'approve') => {
    const taskId = await openTask(caseId, elementId, departmentId);
    await h.runtime.signFor({ caseId, taskId, actor });
    await h.runtime.giveOpinion({
      caseId, taskId, decision, actor,
      ...(decision === 'reject' ? { reasons: ['经营场所不符合要求'] } : decision === 'supplement' ? { materials: ['FB03 经营布局图'] } : {}),
    });
  };
  const decide = async (caseId: string, elementId: string, actor: string) =>
    h.runtime.completeTask({ caseId, taskId: await openTask(caseId, elementId), outcome: 'approved', actor });
  const at = (instant: string) => h.clock.set(instant);

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const users = new UserStore(h.db.pool);
    const passwordHash = await hashPassword(PASSWORD);
    for (const u of EXTRA_USERS) {
      await users.create({ id: `u-${u.username}`, username: u.username, passwordHash, displayName: u.username, role: u.role, regionCode: u.regionCode, departmentId: u.departmentId });
    }
    const scjgEast = `${EAST}:scjg`;

    // Mon 2 March, 09:00: seven acceptances.
    for (const name of ['A', 'B', 'C', 'F', 'G']) id[name] = await apply(FOOD, EAST, 'u-window-east');
    id.D = await apply(FOOD, WEST, 'u-window-west');
    id.H = await apply(HAZ, EAST, 'u-window-east');

    at('2026-03-02T10:00:00+08:00');
    await review(id.A!, 'review', scjgEast, 'u-scjg-east');
    await review(id.G!, 'review', scjgEast, 'u-scjg-east');
    at('2026-03-02T11:00:00+08:00');
    expect((await decide(id.A!, 'issueLicence', 'u-scjg-east')).status).toBe('completed');
    at('2026-03-02T12:00:00+08:00');
    await h.runtime.rateCase({ caseId: id.A!, applicantId: APPLICANT, level: '非常满意' });

    at('2026-03-03T09:00:00+08:00');
    await h.runtime.cancelCase({ caseId: id.F!, actor: APPLICANT, reason: '不再经营' });
    at('2026-03-03T10:00:00+08:00');
    await review(id.C!, 'review', scjgEast, 'u-scjg-east', 'supplement');
    expect((await decide(id.G!, 'issueLicence', 'u-scjg-east')).status).toBe('completed');
    await review(id.H!, 'countyPreReview', `${EAST}:yjgl`, 'u-yjgl-east');

    at('2026-03-04T10:00:00+08:00');
    await review(id.B!, 'review', scjgEast, 'u-scjg-east');
    await review(id.D!, 'review', `${WEST}:scjg`, 'u-scjg-west', 'reject');
    await review(id.H!, 'cityReview', `${CITY}:yjgl`, 'u-yjgl-city');
    await sign(id.H!, 'cityReview', `${CITY}:sthj`, 'u-sthj-city');
    seen.cStopped = await (await as('ent-east')).get(`/api/cases/${id.C}/prediction`);

    at('2026-03-05T09:00:00+08:00');
    await h.runtime.runDueTimers(); // 消防 never signed: 未签收默认
    at('2026-03-05T10:00:00+08:00');
    expect((await decide(id.B!, 'issueLicence', 'u-scjg-east')).status).toBe('completed');
    at('2026-03-05T11:00:00+08:00');
    await h.runtime.rateCase({ caseId: id.B!, applicantId: APPLICANT, level: '不满意' });
    await h.runtime.rateCase({ caseId: id.D!, applicantId: APPLICANT, level: '满意' });

    at('2026-03-09T10:00:00+08:00');
    await h.runtime.completeTask({ caseId: id.C!, taskId: await openTask(id.C!, 'supplement'), outcome: 'supplied', actor: APPLICANT });
    at('2026-03-12T10:00:00+08:00');
    await review(id.C!, 'review', scjgEast, 'u-scjg-east');
    at('2026-03-13T09:00:00+08:00');
    await h.runtime.runDueTimers(); // 生态环境 signed and did nothing: 不作为默认

    at('2026-03-16T10:00:00+08:00');
    expect((await decide(id.C!, 'issueLicence', 'u-scjg-east')).status).toBe('completed');
    expect((await decide(id.H!, 'cityDecision', 'u-yjgl-city')).status).toBe('completed');
    at('2026-03-16T11:00:00+08:00');
    await h.runtime.rateCase({ caseId: id.H!, applicantId: APPLICANT, level: '基本满意' });

    at('2026-03-27T09:00:00+08:00');
    await h.runtime.runDueTimers(); // G's rating window closed on Tue 24: archived unrated
    id.E = await apply(FOOD, EAST, 'u-window-east');

    at('2026-03-30T10:00:00+08:00');
    for (const user of ['ent-east', 'ent-other', 'window-east', 'window-west', 'scjg-east', 'xf-east', 'supervisor-city', 'supervisor-west']) {
      seen[`E:${user}`] = await (await as(user)).get(`/api/cases/${id.E}/prediction`);
    }
    seen.ended = await (await as('ent-east')).get(`/api/cases/${id.A}/prediction`);

    at('2026-04-01T10:00:00+08:00');
    await review(id.E!, 'review', scjgEast, 'u-scjg-east'); // after the period: still open as March stood
    id.P = await apply(ITEM.constructionPermit, EAST, 'u-window-east'); // April: no history for its departments

    at('2026-04-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => { await h?.close(); });

  const get = async (username: string, path: string) => (await as(username)).get(path);

  describe('GET /api/statistics', () => {
    it('totals every figure of March (as it stood at the end of March)', async () => {
      const res = await get('admin', `/api/statistics?${MARCH}&groupBy=region`);
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe(new Date('2026-04-01T00:00:00+08:00').toISOString());
      expect(res.body.total).toEqual({
        accepted: 8, // A B C D E F G H
        finished: 6, completed: 5, returned: 1, // A B C G H 办结, D 退办
        cancelled: 1, open: 1, // F withdrawn; E still open on 31 March
        finishRate: 75, // 办结率 6/8 = 75.00 %
        instant: 1, instantRate: 12.5, // 即办率 1/8 (A) = 12.50 %
        onTime: 5, onTimeRate: 83.33, // 按期办结率 5/6 (C late) = 83.33 %
        statutoryDays: 80, actualWorkingDays: 22, speedUpRate: 72.5, // 提速率 (80 − 22) / 80 = 72.50 %
        rated: 4, ratingRate: 66.67, // 评价率 4/6 (C, G unrated) = 66.67 %
        satisfied: 3, satisfactionRate: 75, // 满意率 3/4 (B 不满意) = 75.00 %
        defaultConsents: { timeout: 0, inaction: 1, unsigned: 1, absence: 0, total: 2 },
        // cases 0 3 6 2 1 10: mean 22/6 = 3.67, median (nearest rank 3 of 6) 2, p90 (rank 6 of 6) 10
        caseWorkingDays: { count: 6, average: 3.67, p50: 2, p90: 10 },
        // tasks 0 0 0 1 1 1 1 1 1 2 2 2 2 3 8: mean 25/15 = 1.67, p50 (rank 8) 1, p90 (rank 14) 3
        taskWorkingDays: { count: 15, average: 1.67, p50: 1, p90: 3 },
      });
    });

    it('by region: 东阳县 and 西平县', async () => {
      const res = await get('admin', `/api/statistics?${MARCH}&groupBy=region`);
      const [east, west] = res.body.rows;
      expect(east).toMatchObject({
        key: EAST, name: '东阳县', accepted: 7, finished: 5, cancelled: 1, open: 1,
        finishRate: 71.43, // 5/7
        instantRate: 14.29, // 1/7
        onTimeRate: 80, // 4/5
        statutoryDays: 70, actualWorkingDays: 20, speedUpRate: 71.43, // (70 − 20) / 70
        ratingRate: 60, // 3/5
        satisfactionRate: 66.67, // 2/3
        defaultConsents: { timeout: 0, inaction: 1, unsigned: 1, absence: 0, total: 2 },
      });
      expect(west).toMatchObject({
        key: WEST, name: '西平县', accepted: 1, finished: 1, returned: 1, finishRate: 100, instantRate: 0, onTimeRate: 100,
        speedUpRate: 80, // (10 − 2) / 10
        ratingRate: 100, satisfactionRate: 100, caseWorkingDays: { count: 1, average: 2, p50: 2, p90: 2 },
      });
    });

    it('by item: 提速率 per item is the mean of (statutory − actual) ÷ statutory over its cases', async () => {
      const res = await get('admin', `/api/statistics?${MARCH}&groupBy=item`);
      const food = res.body.rows.find((r: any) => r.key === FOOD);
      const haz = res.body.rows.find((r: any) => r.key === HAZ);
      // food: (1 + 0.7 + 0.4 + 0.8 + 0.9) / 5 = 0.76
      expect(food).toMatchObject({ name: '食品经营许可', accepted: 7, finished: 5, finishRate: 71.43, statutoryDays: 50, actualWorkingDays: 12, speedUpRate: 76 });
      expect(haz).toMatchObject({ accepted: 1, finished: 1, statutoryDays: 30, actualWorkingDays: 10, speedUpRate: 66.67, defaultConsents: { unsigned: 1, inaction: 1, total: 2 } });
      // B's 不满意 started a 差评核查 case: the centre's own supervision is no 办件 and is left out.
      const verifications = await rows(h.db, `SELECT 1 FROM cases WHERE item_code = '200140001000' AND accepted_at < '2026-04-01T00:00:00+08:00'`);
      expect(verifications.length).toBeGreaterThan(0);
      expect(res.body.rows.map((r: any) => r.key).sort()).toEqual([FOOD, HAZ]);
    });

    it('by department: the cases each department held a task of, and its own working days', async () => {
      const res = await get('admin', `/api/statistics?${MARCH}&groupBy=department`);
      const row = (key: string) => res.body.rows.find((r: any) => r.key === key);
      expect(row(`${EAST}:scjg`)).toMatchObject({
        name: '东阳县市场监督管理局', accepted: 6, finished: 4, cancelled: 1, open: 1, // A B C E F G
        finishRate: 66.67, // 办结率 4/6 = 66.67 %
        instantRate: 16.67, // 1/6
        onTimeRate: 75, // 3/4 (C late)
        speedUpRate: 75, // (40 − 10) / 40
        ratingRate: 50, satisfactionRate: 50, // rated A B of A B C G; B 不满意
        // its tasks 0 0 2 1 1 3 2 0 1: mean 10/9 = 1.11, p50 (rank 5 of 9) 1, p90 (rank 9) 3; E's review was still waiting
        taskWorkingDays: { count: 9, average: 1.11, p50: 1, p90: 3 },
      });
      expect(row(`${CITY}:xf`)).toMatchObject({ accepted: 1, defaultConsents: { unsigned: 1, total: 1 }, taskWorkingDays: { count: 1, average: 2, p50: 2, p90: 2 } });
      expect(row(`${CITY}:sthj`)).toMatchObject({ defaultConsents: { inaction: 1, total: 1 }, taskWorkingDays: { count: 1, p90: 8 } });
      expect(row(`${CITY}:yjgl`)).toMatchObject({ accepted: 1, taskWorkingDays: { count: 2, average: 1, p90: 1 } });
      expect(res.body.rows.map((r: any) => r.key).sort()).toEqual([`${CITY}:sthj`, `${CITY}:xf`, `${CITY}:yjgl`, `${EAST}:scjg`, `${EAST}:yjgl`, `${WEST}:scjg`]);
    });

    it('by level: every window here is a county window', async () => {
      const res = await get('admin', `/api/statistics?${MARCH}&groupBy=level`);
      expect(res.body.rows).toHaveLength(1);
      expect(res.body.rows[0]).toMatchObject({ key: 'county', name: '县级', accepted: 8, finishRate: 75 });
    });

    it('reads a running period as of now', async () => {
      const res = await get('admin', `/api/statistics?from=2026-03-01&to=2026-04-30&groupBy=item`);
      expect(res.body.asOf).toBe(new Date('2026-04-02T10:00:00.001+08:00').toISOString());
      // P (construction permit, 1 April) joins; E's review is now done but E is still open
      expect(res.body.total).toMatchObject({ accepted: 9, finished: 6, open: 2, taskWorkingDays: { count: 16 } });
    });
  });

  describe('GET /api/statistics/bottlenecks', () => {
    it('ranks each department × item × level by p90, then average working days', async () => {
      const res = await get('admin', `/api/statistics/bottlenecks?${MARCH}`);
      expect(res.status).toBe(200);
      expect(res.body.bottlenecks.map((b: any) => [b.departmentId, b.itemCode, b.level, b.p90WorkingDays, b.averageWorkingDays])).toEqual([
        [`${CITY}:sthj`, HAZ, 'city', 8, 8],
        [`${EAST}:scjg`, FOOD, 'county', 3, 1.11],
        [`${CITY}:xf`, HAZ, 'city', 2, 2], // ties with 西平 scjg on p90 and mean; it was late
        [`${WEST}:scjg`, FOOD, 'county', 2, 2],
        [`${CITY}:yjgl`, HAZ, 'city', 1, 1],
        [`${EAST}:yjgl`, HAZ, 'county', 1, 1],
      ]);
      const [sthj, scjg, xf] = res.body.bottlenecks;
      expect(sthj).toMatchObject({ completed: 1, maxWorkingDays: 8, late: 1, lateRate: 100, defaultConsents: { inaction: 1, total: 1 } });
      // 9 tasks done, C's decision late (1/9 = 11.11 %); E's review waiting at the end of March, not yet overdue
      expect(scjg).toMatchObject({ departmentName: '东阳县市场监督管理局', itemName: '食品经营许可', completed: 9, p50WorkingDays: 1, maxWorkingDays: 3, late: 1, lateRate: 11.11, pending: 1, pendingOverdue: 0 });
      expect(xf).toMatchObject({ completed: 1, late: 1, defaultConsents: { unsigned: 1 } });
      expect(res.body.total).toBe(6);
      expect((await get('admin', `/api/statistics/bottlenecks?${MARCH}&limit=2`)).body.bottlenecks).toHaveLength(2);
    });
  });

  describe('GET /api/statistics/monthly-score', () => {
    // Settled in March: A B D H (rated) and G (window closed unrated). 问责: 消防 unsigned, 生态环境 inaction.
    it('ranks the windows: 东阳县 loses 2 for B’s 不满意 and 25 for a 75 % rating rate', async () => {
      const res = await get('admin', '/api/statistics/monthly-score?month=2026-03&unit=window');
      expect(res.status).toBe(200);
      expect(res.body.scores.map((s: any) => [s.ref, s.name, s.score, s.rank, s.star, s.last, s.cases, s.rated, s.ratingRate])).toEqual([
        [WEST, '西平县窗口', 100, 1, true, false, 1, 1, 100],
        [EAST, '东阳县窗口', 73, 2, false, true, 4, 3, 75],
      ]);
      const east = res.body.scores[1];
      const caseNumber = async (caseId: string) => (await rows<{ case_number: string }>(h.db, 'SELECT case_number FROM cases WHERE id = $1', [caseId]))[0]!.case_number;
      expect(east.deductions).toEqual([
        { rule: 'dissatisfied', points: 2, cases: [{ caseId: id.B, caseNumber: await caseNumber(id.B!) }], detail: 'rated 不满意' },
        { rule: 'rating-rate', points: 25, cases: [{ caseId: id.G, caseNumber: await caseNumber(id.G!) }], detail: 'rating rate 75.00% is 25.00 points below the 100% target' },
      ]);
    });

    it('ranks the departments: 问责 costs a point, 东阳 scjg is last at 100 − 2 − 33.33 = 64.67', async () => {
      const res = await get('admin', '/api/statistics/monthly-score?month=2026-03&unit=department');
      expect(res.body.scores.map((s: any) => [s.ref, s.score, s.rank, s.star, s.last])).toEqual([
        [`${CITY}:yjgl`, 100, 1, true, false],
        [`${EAST}:yjgl`, 100, 1, true, false],
        [`${WEST}:scjg`, 100, 1, true, false],
        [`${CITY}:sthj`, 99, 4, false, false],
        [`${CITY}:xf`, 99, 4, false, false],
        [`${EAST}:scjg`, 64.67, 6, false, true],
      ]);
      const xf = res.body.scores.find((s: any) => s.ref === `${CITY}:xf`);
      expect(xf.deductions).toEqual([{ rule: 'accountability', points: 1, cases: [{ caseId: id.H, caseNumber: expect.any(String) }], detail: '问责记录 (unsigned)' }]);
      const scjg = res.body.scores.find((s: any) => s.ref === `${EAST}:scjg`);
      expect(scjg).toMatchObject({ cases: 3, rated: 2, ratingRate: 66.67 });
      expect(scjg.deductions.map((d: any) => [d.rule, d.points])).toEqual([['dissatisfied', 2], ['rating-rate', 33.33]]);
      expect(res.body).toMatchObject({ period: '2026-03', unit: 'department', ranked: 6 });
    });

    it('ranks the staff who acted on the cases (the applicant is not staff); a 不作为 also costs its signer', async () => {
      const res = await get('admin', '/api/statistics/monthly-score?month=2026-03&unit=staff');
      expect(res.body.scores.map((s: any) => [s.ref, s.score, s.rank])).toEqual([
        ['u-scjg-west', 100, 1], ['u-window-west', 100, 1], ['u-yjgl-city', 100, 1], ['u-yjgl-east', 100, 1],
        ['u-sthj-city', 99, 5], ['u-window-east', 73, 6], ['u-scjg-east', 64.67, 7],
      ]);
      expect(res.body.scores.find((s: any) => s.ref === 'u-sthj-city').deductions.map((d: any) => d.detail)).toEqual(['问责记录 (inaction)']);
    });

    it('scores nothing in a month without settled cases', async () => {
      const res = await get('admin', '/api/statistics/monthly-score?month=2026-02&unit=department');
      expect(res.body).toMatchObject({ period: '2026-02', ranked: 0, scores: [] });
    });
  });

  describe('GET /api/cases/:caseId/prediction', () => {
    it('predicts E from 东阳 scjg’s real latency: p50 Tue 31 March, p90 Fri 3 April', async () => {
      // At Mon 30 March 10:00 E's review has had 1 working day. scjg's food reviews took 0 2 1 3 0
      // (p50 1, p90 3); from review to 办结 the food cases took 0 1 2 1 (p50 1, p90 2).
      // p50: max(0, 1 − 1) + 1 = 1 working day; p90: max(0, 3 − 1) + 2 = 4 working days.
      const res = seen['E:ent-east']!;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'predicted', basis: 'history',
        p50: { date: new Date('2026-03-31T23:59:59.999+08:00').toISOString(), remainingWorkingDays: 1 },
        p90: { date: new Date('2026-04-03T23:59:59.999+08:00').toISOString(), remainingWorkingDays: 4 },
        promisedDate: new Date('2026-04-03T23:59:59.999+08:00').toISOString(), p90BeyondPromised: false,
      });
      expect(res.body.pending).toEqual([expect.objectContaining({
        departmentId: `${EAST}:scjg`, elementId: 'review', elapsedWorkingDays: 1,
        latency: { basis: 'item-step', samples: 5, p50: 1, p90: 3 }, afterwards: { samples: 4, p50: 1, p90: 2 }, remaining: { p50: 1, p90: 4 },
      })]);
    });

    it('falls back to the promised limit without history', async () => {
      const res = await get('ent-east', `/api/cases/${id.P}/prediction`);
      const due = new Date('2026-04-20T23:59:59.999+08:00').toISOString(); // 12 working days after Wed 1 April (清明 4–6 April)
      expect(res.body).toMatchObject({ state: 'predicted', basis: 'promised-limit', promisedDate: due, p50: { date: due, remainingWorkingDays: 11 }, p90: { date: due, remainingWorkingDays: 11 } });
      expect(res.body.pending.every((p: any) => p.latency.basis === 'none' && p.remaining === null)).toBe(true);
    });

    it('says so while the clock is stopped (补正) and once the case has ended', () => {
      expect(seen.cStopped).toMatchObject({ status: 200, body: { state: 'clock-stopped', pausedAt: new Date('2026-03-03T10:00:00+08:00').toISOString(), pending: [] } });
      expect(seen.ended).toMatchObject({ status: 200, body: { state: 'ended', endedAt: new Date('2026-03-02T11:00:00+08:00').toISOString() } });
    });

    it('is for whoever may read the case: 404 for everyone else', () => {
      const statuses = Object.fromEntries(Object.entries(seen).filter(([k]) => k.startsWith('E:')).map(([k, v]) => [k.slice(2), v.status]));
      expect(statuses).toEqual({
        'ent-east': 200, 'ent-other': 404, 'window-east': 200, 'window-west': 404,
        'scjg-east': 200, 'xf-east': 404, 'supervisor-city': 200, 'supervisor-west': 404,
      });
    });
  });

  describe('scope and roles', () => {
    it('limits a county supervisor to its county', async () => {
      const stats = await get('supervisor-west', `/api/statistics?${MARCH}&groupBy=region`);
      expect(stats.body.rows.map((r: any) => r.key)).toEqual([WEST]);
      expect(stats.body.total).toMatchObject({ accepted: 1, finished: 1 });
      const windows = await get('supervisor-west', '/api/statistics/monthly-score?month=2026-03&unit=window');
      expect(windows.body.scores.map((s: any) => s.ref)).toEqual([WEST]);
      const bottlenecks = await get('supervisor-west', `/api/statistics/bottlenecks?${MARCH}`);
      expect(bottlenecks.body.bottlenecks.map((b: any) => b.departmentId)).toEqual([`${WEST}:scjg`]);
    });

    it('shows a city supervisor its city and both counties', async () => {
      const stats = await get('supervisor-city', `/api/statistics?${MARCH}&groupBy=region`);
      expect(stats.body.total).toMatchObject({ accepted: 8, finishRate: 75 });
      expect((await get('supervisor-city', `/api/statistics?${MARCH}&regionCode=${WEST}`)).body.total.accepted).toBe(1);
      expect((await get('supervisor-city', `/api/statistics?${MARCH}&level=city&groupBy=department`)).body.rows.map((r: any) => r.key).sort())
        .toEqual([`${CITY}:sthj`, `${CITY}:xf`, `${CITY}:yjgl`]);
    });

    it('shows a department only itself, and its score ranked among its county’s departments', async () => {
      const stats = await get('scjg-east', `/api/statistics?${MARCH}&groupBy=department`);
      expect(stats.status).toBe(200);
      expect(stats.body.rows.map((r: any) => r.key)).toEqual([`${EAST}:scjg`]);
      expect(stats.body.total).toMatchObject({ accepted: 6, finishRate: 66.67 });
      const score = await get('scjg-east', '/api/statistics/monthly-score?month=2026-03&unit=department');
      expect(score.body.ranked).toBe(2); // 东阳 scjg and 东阳 yjgl
      expect(score.body.scores.map((s: any) => [s.ref, s.score, s.rank, s.last])).toEqual([[`${EAST}:scjg`, 64.67, 2, true]]);
      const staff = await get('scjg-east', '/api/statistics/monthly-score?month=2026-03&unit=staff');
      expect(staff.body.scores.map((s: any) => s.ref)).toEqual(['u-scjg-east']);
      expect((await get('xf-east', `/api/statistics?${MARCH}`)).body.total.accepted).toBe(0);
    });

    it('answers 404 for a region, department or unit outside the caller’s scope', async () => {
      expect((await get('supervisor-west', `/api/statistics?${MARCH}&regionCode=${EAST}`)).status).toBe(404);
      expect((await get('supervisor-west', `/api/statistics/bottlenecks?departmentId=${EAST}:scjg`)).status).toBe(404);
      expect((await get('scjg-east', `/api/statistics?departmentId=${WEST}:scjg`)).status).toBe(404);
      expect((await get('scjg-east', '/api/statistics/monthly-score?unit=window')).status).toBe(404);
      expect((await get('supervisor-west', `/api/statistics/monthly-score?departmentId=${EAST}:scjg`)).status).toBe(404);
    });

    it('answers 404 for a department that does not exist, as for a region (not empty figures)', async () => {
      expect((await get('admin', `/api/statistics?${MARCH}&departmentId=${EAST}:nope`)).status).toBe(404);
      expect((await get('supervisor-city', `/api/statistics/bottlenecks?departmentId=${EAST}:nope`)).status).toBe(404);
      expect((await get('supervisor-city', `/api/statistics/monthly-score?departmentId=${EAST}:nope`)).status).toBe(404);
      expect((await get('supervisor-city', `/api/statistics?${MARCH}&departmentId=${EAST}:scjg`)).status).toBe(200);
    });

    it('refuses applicants, windows and designers (403) and anonymous callers (401)', async () => {
      for (const path of [`/api/statistics?${MARCH}`, '/api/statistics/bottlenecks', '/api/statistics/monthly-score?month=2026-03']) {
        for (const user of ['ent-east', 'window-east', 'designer-city']) expect((await get(user, path)).status, `${user} ${path}`).toBe(403);
        expect((await h.anonymous().get(path)).status).toBe(401);
      }
      expect((await h.anonymous().get(`/api/cases/${id.E}/prediction`)).status).toBe(401);
      expect((await get('designer-city', `/api/cases/${id.E}/prediction`)).status).toBe(403);
    });

    it('validates the query', async () => {
      const bad = await get('admin', '/api/statistics?groupBy=weekday');
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: any) => p.path)).toEqual(['query.groupBy']);
      expect((await get('admin', '/api/statistics?from=2026-03-31&to=2026-03-01')).body.problems).toEqual([{ path: 'query.to', reason: 'must be after from' }]);
      expect((await get('admin', '/api/statistics/monthly-score?month=2026-13')).body.problems).toEqual([{ path: 'query.month', reason: 'YYYY-MM' }]);
      expect((await get('admin', '/api/statistics?format=pdf')).status).toBe(400);
    });
  });

  describe('exports', () => {
    /** The raw bytes of a download (fetch's text() would drop the byte-order mark). */
    const download = async (username: string, path: string) => {
      const login = await fetch(`${h.baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, client: 'bearer' }),
      });
      const { token } = await login.json() as { token: string };
      const res = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
    };

    it('CSV: UTF-8 with a byte-order mark, named after the period, the same figures', async () => {
      const res = await download('supervisor-city', `/api/statistics?${MARCH}&groupBy=region&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="statistics-region-2026-03-01_2026-03-31.csv"');
      expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes);
      expect(text.startsWith('\uFEFF受理地区编码,受理地区,受理数,办结数')).toBe(true);
      const table = text.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
      const header = table[0]!;
      const column = (row: string[], name: string) => row[header.indexOf(name)];
      expect(table.map((r) => r[0])).toEqual(['受理地区编码', EAST, WEST, '合计']);
      const [east, west, total] = [table[1]!, table[2]!, table[3]!];
      expect([column(east, '受理地区'), column(east, '办结率(%)'), column(east, '提速率(%)'), column(east, '满意率(%)')]).toEqual(['东阳县', '71.43', '71.43', '66.67']);
      expect([column(west, '受理数'), column(west, '退办数'), column(west, '即办率(%)')]).toEqual(['1', '1', '0']);
      expect([column(total, '受理数'), column(total, '办结率(%)'), column(total, '按期办结率(%)'), column(total, '评价率(%)'), column(total, '未签收默认'), column(total, '部门P90用时(工作日)')])
        .toEqual(['8', '75', '83.33', '66.67', '1', '3']);
    });

    it('XLSX: a zip with the workbook, its sheet and the figures', async () => {
      const res = await download('admin', `/api/statistics?${MARCH}&groupBy=department&format=xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="statistics-department-2026-03-01_2026-03-31.xlsx"');
      expect(strFromU8(res.bytes.slice(0, 4), true)).toBe('PK\x03\x04');
      const files = unzipSync(res.bytes);
      expect(Object.keys(files).sort()).toEqual([
        '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
      ]);
      expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="统计 2026-03-01_2026-03-31" sheetId="1" r:id="rId1"/>');
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      const rowOf = (key: string) => sheet.match(new RegExp(`<row r="\\d+"><c r="A\\d+" t="inlineStr"><is><t xml:space="preserve">${key}</t>.*?</row>`))?.[0] ?? '';
      expect(sheet).toContain('<t xml:space="preserve">办结率(%)</t>');
      // 东阳 scjg: 6 accepted, 4 finished, 办结率 66.67 (columns C, D, I)
      const scjg = rowOf(`${EAST}:scjg`);
      expect(scjg).toContain('<t xml:space="preserve">东阳县市场监督管理局</t>');
      expect(scjg).toMatch(/<c r="C\d+"><v>6<\/v><\/c><c r="D\d+"><v>4<\/v><\/c>/);
      expect(scjg).toMatch(/<c r="I\d+"><v>66.67<\/v><\/c>/);
    });

    it('monthly score as CSV and as a workbook with the ranking and every deduction with its case', async () => {
      const csv = await download('admin', '/api/statistics/monthly-score?month=2026-03&unit=window&format=csv');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="monthly-score-window-2026-03.csv"');
      const lines = new TextDecoder().decode(csv.bytes).trimEnd().split('\r\n');
      expect(lines[0]).toBe('名次,窗口编码,窗口,得分,办件数,评价数,评价率(%),服务明星,末位,扣分明细');
      expect(lines[1]).toBe(`1,${WEST},西平县窗口,100,1,1,100,是,否,`);
      expect(lines[2]).toMatch(new RegExp(`^2,${EAST},东阳县窗口,73,4,3,75,否,是,不满意评价 −2（\\d+）；评价率未达标 −25（\\d+）$`));

      const xlsx = await download('admin', '/api/statistics/monthly-score?month=2026-03&unit=department&format=xlsx');
      expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="monthly-score-department-2026-03.xlsx"');
      const files = unzipSync(xlsx.bytes);
      const workbook = strFromU8(files['xl/workbook.xml']!);
      expect(workbook).toContain('<sheet name="2026-03 部门排名" sheetId="1" r:id="rId1"/>');
      expect(workbook).toContain('<sheet name="2026-03 扣分明细" sheetId="2" r:id="rId2"/>');
      const details = strFromU8(files['xl/worksheets/sheet2.xml']!);
      const hNumber = (await rows<{ case_number: string }>(h.db, 'SELECT case_number FROM cases WHERE id = $1', [id.H]))[0]!.case_number;
      expect(details).toContain('<t xml:space="preserve">问责记录</t>');
      expect(details).toContain(`<t xml:space="preserve">${hNumber}</t>`);
      expect(details.match(/<row /g)).toHaveLength(1 + 4); // header; scjg 不满意 + 评价率; xf and sthj 问责
    });
  });
});
