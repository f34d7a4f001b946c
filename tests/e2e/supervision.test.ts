/**
 * The supervision dashboard (电子监察) in Chromium at 1366×768, on cases driven through the API
 * and a manual clock:
 * - Mon 2 March 09:00: a construction permit in 东阳县 that no department signs for (eight
 *   签收 defaults when the sign-for limit passes), and a food licence in 西平县 whose review is
 *   never done (red from Fri 6 March); a food licence in 东阳县 is finished and rated 不满意.
 * - Mon 9 March 10:00: due timers fired; the city supervisor signs in.
 * The supervisor sees the red light, the default consents, the 问责记录 and the scores, and a
 * download has the rows the API lists. Screenshots in test-artifacts/e2e/supervision-*.png.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../api/auth/authenticate.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, type ApiClient } from '../support/api-harness.ts';
import { finishedCase } from '../support/runtime-harness.ts';
import { describeInBrowser, launchBrowser, screenshot, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

const EAST = '990121';
const WEST = '990122';
const PERMIT = '010030001000';
const FOOD = '010070001000';

describeInBrowser('the supervision dashboard in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  let page: Page;
  let supervisor: ApiClient;
  const numbers = { permit: '', foodWest: '', rated: '' };

  const apply = async (itemCode: string, regionCode: string, window: string) => {
    const id = (await (await app.as('ent-east')).post('/api/cases', { itemCode, regionCode })).body.id as string;
    const accepted = await (await app.as(window)).post(`/api/cases/${id}/accept`, {});
    expect(accepted.status).toBe(200);
    return accepted.body.caseNumber as string;
  };

  /** The page fits the office screen's width: nothing to scroll sideways. */
  const fitsWidth = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

  beforeAll(async () => {
    app = await startE2eApp('2026-03-02T09:00:00+08:00');
    numbers.permit = await apply(PERMIT, EAST, 'window-east');
    numbers.foodWest = await apply(FOOD, WEST, 'window-west');
    const ratedId = await finishedCase(app.runtime, 'u-ent-east');
    await app.runtime.rateCase({ caseId: ratedId, applicantId: 'u-ent-east', level: '不满意', comment: '材料反复要求补交' });
    numbers.rated = (await app.db.pool.query('SELECT case_number FROM cases WHERE id = $1', [ratedId])).rows[0].case_number;
    app.clock.set('2026-03-09T10:00:00+08:00');
    await app.runtime.runDueTimers();
    supervisor = await app.as('supervisor-city');
    browser = await launchBrowser();
    const context = await browser.context();
    await signInOnManualClock(context, app.baseUrl, 'supervisor-city');
    page = await context.newPage();
    await page.goto(`${app.baseUrl}/supervision`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the supervisor the red light of the review nobody did, with the time its data was taken', async () => {
    expect(new URL(page.url()).pathname).toBe('/supervision');
    const tasks = page.getByTestId('task-warnings');
    const row = tasks.locator('tr', { hasText: numbers.foodWest });
    await row.first().waitFor();
    expect(await row.first().locator('[data-light="red"]').count()).toBe(1);
    expect(await row.first().textContent()).toContain('超期 2 个工作日');
    await expect(page.getByTestId('updated-at').textContent()).resolves.toBe('数据时间 2026-03-09 10:00');
    const api = (await supervisor.get('/api/supervision/warnings')).body;
    expect(api.counts.tasks.red).toBeGreaterThan(0);
    await expect(page.getByText('红灯环节').locator('xpath=../..').textContent()).resolves.toContain(String(api.counts.tasks.red));
    await page.getByTestId('chart').first().locator('canvas').waitFor();
    await fitsWidth();
    await screenshot(page, 'supervision-overview');
  });

  it('reloads by itself when a case of the region changes', async () => {
    app.clock.set('2026-03-09T11:30:00+08:00');
    await apply(FOOD, EAST, 'window-east');
    await page.getByText('数据时间 2026-03-09 11:30').waitFor({ timeout: 10_000 });
  });

  it('puts an overdue case on the green channel', async () => {
    const row = page.getByTestId('task-warnings').locator('tr', { hasText: numbers.foodWest }).first();
    await row.getByRole('button', { name: /绿色通道/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('理由').fill('市重点民生项目');
    await screenshot(page, 'supervision-green-channel');
    await dialog.getByRole('button', { name: /列入绿色通道/ }).click();
    await row.locator('.ant-tag', { hasText: '绿色通道' }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    const detail = await supervisor.get(`/api/supervision/warnings?regionCode=${WEST}`);
    expect(detail.body.tasks.find((t: { caseNumber: string }) => t.caseNumber === numbers.foodWest).green).toBe(true);
  });

  it('narrows every list to the region chosen, and back', async () => {
    const tasks = page.getByTestId('task-warnings');
    await page.getByLabel('地区', { exact: true }).click();
    await page.locator('.ant-select-tree').getByTitle('东阳县', { exact: true }).click();
    await tasks.locator('tr', { hasText: numbers.foodWest }).waitFor({ state: 'detached' });
    const east = (await supervisor.get(`/api/supervision/warnings?regionCode=${EAST}`)).body;
    expect(await tasks.locator('tbody tr.ant-table-row').count()).toBe(Math.min(10, east.tasks.length));
    await screenshot(page, 'supervision-region-filter');
    await page.getByTestId('supervision-filters').locator('.ant-select-clear').first().click();
    await tasks.locator('tr', { hasText: numbers.foodWest }).first().waitFor();
  });

  it('lists the default consents of the month and downloads them as a CSV Excel opens', async () => {
    await page.getByRole('menuitem', { name: '默认同意' }).click();
    const table = page.getByTestId('default-consents');
    await table.getByText('未签收默认').first().waitFor();
    const api = (await supervisor.get('/api/supervision/default-consents?from=2026-03-01&to=2026-03-31')).body;
    expect(api.total).toBe(8);
    expect(await table.locator('tbody tr', { hasText: numbers.permit }).count()).toBe(8);
    await fitsWidth();
    await screenshot(page, 'supervision-defaults');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-default-consents-csv').click()]);
    expect(download.suggestedFilename()).toBe('default-consents-2026-03-01_2026-03-31.csv');
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('默认类型');
    expect(lines).toHaveLength(1 + api.total);
    expect(lines.slice(1).every((l) => l.includes(numbers.permit) && l.includes('未签收默认'))).toBe(true);
  });

  it('lists the 问责记录 naming each department that let its limit pass', async () => {
    await page.getByRole('menuitem', { name: '问责记录' }).click();
    const table = page.getByTestId('accountability');
    await table.locator('tbody tr', { hasText: numbers.permit }).first().waitFor();
    const api = (await supervisor.get('/api/supervision/accountability?from=2026-03-01&to=2026-03-31')).body;
    expect(api.total).toBeGreaterThanOrEqual(8);
    for (const r of api.records.slice(0, 5)) await table.getByText(r.departmentName).first().waitFor();
    await fitsWidth();
    await screenshot(page, 'supervision-accountability');
  });

  it('ranks the departments\' monthly scores as the API scores them, and shows the 差评核查', async () => {
    await page.getByRole('menuitem', { name: '月度考评' }).click();
    const ranking = page.getByTestId('ranking');
    const api = (await supervisor.get('/api/statistics/monthly-score?month=2026-03&unit=department')).body;
    expect(api.scores.some((s: { score: number }) => s.score < 100)).toBe(true);
    await ranking.locator('tbody tr.ant-table-row').first().waitFor();
    // the first page lists the API's ranking in its order, with its scores
    const shown = await ranking.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const expected = api.scores.slice(0, 10).map((s: { rank: number; name: string; score: number }) => [String(s.rank), s.name, String(s.score)]);
    expect(shown.map((cells) => [cells[1], cells[2]!.replace(/服务明星|末位/g, '').trim(), cells[3]])).toEqual(expected);
    await ranking.locator('.ant-tag', { hasText: '末位' }).first().waitFor();
    await page.getByTestId('verifications').getByText(numbers.rated).waitFor();
    await expect(page.getByTestId('verifications').textContent()).resolves.toContain('核查中');
    await fitsWidth();
    await screenshot(page, 'supervision-scores');
  });

  it('marks a key project: its running cases go on the green channel', async () => {
    const ent = await app.as('ent-east');
    const project = (await ent.post('/api/projects', { name: '东阳县城南安置小区一期', regionCode: EAST })).body;
    const id = (await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, projectId: project.id })).body.id as string;
    expect((await (await app.as('window-east')).post(`/api/cases/${id}/accept`, {})).status).toBe(200);
    await page.getByRole('menuitem', { name: '重点项目' }).click();
    const row = page.getByTestId('projects').locator('tr', { hasText: '东阳县城南安置小区一期' });
    await row.getByRole('button', { name: /列为重点项目/ }).click();
    // 帮办: found by name among the window and department staff of the project's county
    const helper = page.getByRole('dialog').getByLabel('帮办人员（可选，输入姓名或部门查找）');
    await helper.click();
    await helper.fill('window');
    await page.locator('.ant-select-item-option', { hasText: 'window-east · 东阳县窗口' }).click();
    expect(await page.locator('.ant-select-item-option', { hasText: 'window-west' }).count()).toBe(0);
    await page.getByRole('dialog').getByRole('button', { name: /列为重点项目/ }).click();
    await row.locator('.ant-tag', { hasText: '重点项目' }).waitFor();
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.getByTestId('projects').locator('.ant-table-expanded-row .ant-tag', { hasText: '绿色通道' }).waitFor();
    const marked = (await supervisor.get(`/api/projects/${project.id}`)).body;
    expect(marked.cases.map((c: { green: boolean; helperId: string }) => [c.green, c.helperId])).toEqual([[true, 'u-window-east']]);
    await fitsWidth();
    await screenshot(page, 'supervision-projects');
  });

  it('speaks English on the toggle', async () => {
    await page.getByRole('menuitem', { name: '预警总览' }).click();
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Red steps').waitFor();
    await page.getByRole('menuitem', { name: 'Monthly scores' }).waitFor();
    await page.getByTestId('task-warnings').getByText(/working days over/).first().waitFor();
    await fitsWidth();
    await screenshot(page, 'supervision-overview-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('红灯环节').waitFor();
  });

  it('draws the statistics and bottlenecks as charts', async () => {
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    const rows = page.getByTestId('statistics').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const api = (await supervisor.get('/api/statistics?from=2026-03-01&to=2026-03-31&groupBy=department')).body;
    expect(await rows.first().textContent()).toContain(api.rows[0].name);
    await page.getByTestId('bottlenecks').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('chart').count()).toBe(2);
    await page.getByTestId('chart').nth(1).locator('canvas').waitFor();
    await fitsWidth();
    await screenshot(page, 'supervision-statistics');
  });

  it('lets an admin watch every region without steering cases', async () => {
    const context = await browser.context();
    await signInOnManualClock(context, app.baseUrl, 'admin');
    const adminPage = await context.newPage();
    await adminPage.goto(`${app.baseUrl}/`);
    await adminPage.waitForURL(/\/supervision$/);
    const rows = adminPage.getByTestId('task-warnings').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const api = (await (await app.as('admin')).get('/api/supervision/warnings')).body;
    expect(await rows.count()).toBe(Math.min(10, api.tasks.length));
    expect(await adminPage.getByTestId('task-warnings').getByRole('button', { name: /绿色通道/ }).count()).toBe(0);
    await screenshot(adminPage, 'supervision-admin');
  });
});

/**
 * Sign in as the login page would, but keep the session cookie for the browser session. The
 * server dates the cookie's Expires by its manual clock (March 2026), which Chromium, on the real
 * date, takes as already expired and drops; the server still checks the session against its clock.
 */
async function signInOnManualClock(context: BrowserContext, baseUrl: string, username: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, client: 'browser' }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = await res.json() as { csrfToken: string };
  const token = res.headers.get('set-cookie')!.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))![1]!;
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  await context.addInitScript((csrf) => localStorage.setItem('lianshen.csrf', csrf), csrfToken);
}
