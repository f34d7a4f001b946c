/**
 * The enterprise portal in Chromium: an enterprise signs in, browses the catalogue (七公开),
 * registers a project, applies for the construction permit within it with an uploaded file, and
 * follows the case on the project's timeline while the window and the fire department act
 * through the API — the page changes live, without a reload. The progress lookup works signed
 * out with the case number and query code; a 补正 and the rating are done on the case page; the
 * portal fits a phone (390×844). Screenshots in test-artifacts/e2e/enterprise-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, type ApiClient } from '../support/api-harness.ts';
import { describeInBrowser, launchBrowser, screenshot, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

const PERMIT = '010030001000';
const FOOD = '010070001000';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);

/** Set by the test page; a reload would lose it (so its survival proves the page only re-rendered). */
const markPage = (page: Page) => page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

async function uploadFor(page: Page, testId: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
  await page.getByTestId(testId).locator('input[type=file]').setInputFiles(file);
  expect((await answer).status()).toBe(201);
}

describeInBrowser('the enterprise portal in Chromium', { timeout: 90_000 }, () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  let page: Page;
  let caseId = '';
  let caseNumber = '';
  let projectUrl = '';

  beforeAll(async () => {
    // The real date: Chromium drops a session cookie that expired by its own clock.
    app = await startE2eApp(new Date().toISOString());
    browser = await launchBrowser();
    page = await (await browser.context()).newPage();
    // A missing element fails fast with its locator named, well inside each test's time.
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('browses the catalogue, registers a project and applies within it with an uploaded file', async () => {
    await signIn(page, app.baseUrl, 'ent-east', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/enterprise');
    await page.getByTestId(`catalogue-item-${PERMIT}`).waitFor();
    await screenshot(page, 'enterprise-catalogue');
    // The 12345 order is disclosed (七公开) but never applied for: the hotline registers it.
    await page.getByTestId('catalogue-item-200150001000').getByRole('link', { name: '12345政务服务便民热线工单' }).click();
    await page.getByTestId('not-applied-for').filter({ hasText: '12345' }).waitFor();
    expect(await page.getByTestId('apply-button').count()).toBe(0);
    await page.goto(`${app.baseUrl}/enterprise/apply/200150001000`);
    await page.getByTestId('not-applied-for').waitFor();
    expect(await page.getByTestId('apply-form').count()).toBe(0);
    await page.goto(`${app.baseUrl}/enterprise`);
    await page.getByTestId(`catalogue-item-${PERMIT}`).waitFor();

    await page.getByRole('link', { name: '我的项目' }).click();
    await page.getByLabel('项目名称').fill('东阳县城南安置小区一期');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText('项目跟踪：东阳县城南安置小区一期').waitFor();
    projectUrl = page.url();

    await page.getByTestId('apply-in-project').click();
    await page.getByTestId(`catalogue-item-${PERMIT}`).getByRole('link', { name: '企业投资建设项目施工许可' }).click();
    await page.getByRole('heading', { name: '企业投资建设项目施工许可' }).waitFor();
    await page.getByText('建设资金已经落实承诺书').waitFor();
    await screenshot(page, 'enterprise-catalogue-item');
    await page.getByTestId('apply-button').click();
    await page.getByTestId('apply-form').waitFor();
    await uploadFor(page, 'material-CP01', { name: '施工许可证申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await uploadFor(page, 'material-CP04', { name: '规划许可证.png', mimeType: 'image/png', buffer: PNG });
    // A file that only claims to be a PDF is refused, with the reason shown beside the material.
    await page.getByTestId('material-CP02').locator('input[type=file]').setInputFiles({ name: '备案文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
    await expect(page.getByTestId('material-CP02').getByTestId('upload-error').textContent()).resolves.toContain('只接受 PDF、JPEG、PNG、OFD 文件');
    await screenshot(page, 'enterprise-apply');
    await page.getByTestId('submit-application').click();

    await page.waitForURL(projectUrl);
    const card = page.locator('[data-testid^="case-progress-"]');
    await card.waitFor();
    caseNumber = (await card.getAttribute('data-testid'))!.replace('case-progress-', '');
    caseId = (await card.getAttribute('data-case-id'))!;
    await expect(card.getByTestId('case-holders').textContent()).resolves.toBe('当前办理：窗口受理');
    const files = await (await app.as('ent-east')).get(`/api/cases/${caseId}/files`);
    expect(files.body.files.map((f: { material: string; upload: { fileName: string } }) => [f.material, f.upload.fileName]))
      .toEqual([['CP01', '施工许可证申请表.pdf'], ['CP04', '规划许可证.png']]);
  });

  it('shows the departments appear and act on the project timeline live, without a reload', async () => {
    await markPage(page);
    const window = await app.as('window-east');
    expect((await window.post(`/api/cases/${caseId}/accept`, {})).status).toBe(200);
    const rows = page.getByTestId('department-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(8);
    await expect(page.getByTestId('department-row').first().getByTestId('department-state').textContent()).resolves.toBe('待签收');

    const xf: ApiClient = await app.as('xf-east');
    const task = (await xf.get(`/api/cases/${caseId}`)).body.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === '990121:xf' && t.status === 'open');
    expect((await xf.post(`/api/tasks/${task.id}/sign`)).status).toBe(200);
    const xfRow = page.locator('[data-testid="department-row"][data-department="990121:xf"]');
    await expect.poll(() => xfRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('signed');
    await expect(xfRow.getByTestId('department-countdown').textContent()).resolves.toMatch(/剩余 \d+ 个工作日/);

    expect((await xf.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' })).status).toBe(200);
    await expect.poll(() => xfRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('approved');
    await expect(xfRow.getByTestId('department-state').textContent()).resolves.toBe('同意');
    await page.getByTestId('project-timeline').getByText(/部门出具意见 · 东阳县消防救援/).waitFor();
    expect(await page.getByTestId('live-indicator').getAttribute('data-live-at')).not.toBe('');
    expect(await stillSamePage(page)).toBe(true);
    await expect(page.getByTestId('predicted-date').textContent()).resolves.toMatch(/^\d{4}\/\d{2}\/\d{2}/);
    await screenshot(page, 'enterprise-project-tracking');

  });

  it('lights red each department past its sign-for limit, with the days overdue', async () => {
    // Sessions end by the server's clock: after moving it, everyone signs in again.
    const zjTask = (await (await app.as('zj-east')).get(`/api/cases/${caseId}`)).body.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === '990121:zj' && t.status === 'open');
    app.clock.set(new Date(new Date(zjTask.signDueAt).getTime() + 60_000));
    expect((await (await app.as('zj-east')).post(`/api/tasks/${zjTask.id}/sign`)).status).toBe(200);
    await signIn(page, app.baseUrl, 'ent-east', PASSWORD);
    await page.goto(projectUrl);
    const rows = page.getByTestId('department-row');
    await expect.poll(() => rows.count()).toBe(8);
    const lights = await rows.evaluateAll((all) => all.map((r) => [r.getAttribute('data-department'), r.getAttribute('data-state'), r.getAttribute('data-light')]));
    expect(lights.find(([d]) => d === '990121:zj')).toEqual(['990121:zj', 'signed', expect.not.stringMatching(/red/)]);
    const unsigned = lights.filter(([, state]) => state === 'awaiting-sign');
    expect(unsigned.length).toBe(6);
    expect(unsigned.every(([, , light]) => light === 'red')).toBe(true);
    await expect(page.locator('[data-testid="department-row"][data-state="awaiting-sign"]').first().getByTestId('department-countdown').textContent()).resolves.toMatch(/已超时|已超期 \d+ 个工作日/);
    await screenshot(page, 'enterprise-project-lights');
  });

  it('catches up on what happened while its live feed was down, once it is back', async () => {
    await page.goto(projectUrl);
    const zjRow = page.locator('[data-testid="department-row"][data-department="990121:zj"]');
    await expect.poll(() => zjRow.getAttribute('data-state')).toBe('signed');
    await markPage(page);
    // The session ends elsewhere: the server drops the page's socket, whose one retry is refused.
    await app.db.pool.query(`DELETE FROM sessions WHERE user_id = 'u-ent-east'`);
    await app.realtime.dropEndedSessions();
    expect([...app.realtime.io.of('/').sockets.values()].filter((s) => s.data.user?.username === 'ent-east')).toEqual([]);
    // Meanwhile the housing bureau approves: nobody can tell the page.
    const zj = await app.as('zj-east');
    const task = (await zj.get(`/api/cases/${caseId}`)).body.tasks.find((t: { departmentId: string; status: string }) => t.departmentId === '990121:zj' && t.status === 'signed');
    expect((await zj.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' })).status).toBe(200);
    // Signing in again in another tab brings the socket back; the page loads again by itself.
    const again = await page.context().newPage();
    await signIn(again, app.baseUrl, 'ent-east', PASSWORD);
    await again.close();
    await expect.poll(() => zjRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('approved');
    expect(await stillSamePage(page)).toBe(true);
  });

  it('looks the case up by number and query code while signed out', async () => {
    await page.getByTestId(`case-progress-${caseNumber}`).getByTestId('case-number').getByRole('link').click();
    await page.getByTestId('query-code').waitFor();
    const queryCode = (await page.getByTestId('query-code').textContent())!;
    expect(queryCode).toMatch(/^\d{6}$/);
    await screenshot(page, 'enterprise-case');

    const visitor = await (await browser.context()).newPage();
    await visitor.goto(`${app.baseUrl}/track`);
    await visitor.getByLabel('办件编号').fill(caseNumber);
    await visitor.getByLabel('查询码').fill(queryCode === '000000' ? '111111' : '000000');
    await visitor.getByRole('button', { name: /查\s*询/ }).click();
    await expect(visitor.getByTestId('track-error').textContent()).resolves.toContain('没有找到该办件');
    await visitor.getByLabel('查询码').fill(queryCode);
    await visitor.getByRole('button', { name: /查\s*询/ }).click();
    await visitor.getByTestId('track-result').waitFor();
    await expect(visitor.getByTestId('track-status').textContent()).resolves.toBe('办理中');
    await visitor.getByTestId('track-steps').getByText('窗口受理').waitFor();
    // the public answer names the department that signed, and lists each department's state
    await visitor.getByTestId('track-steps').getByText('部门签收 · 东阳县住房和城乡建设局').waitFor();
    const publicRows = visitor.getByTestId('track-departments').getByTestId('department-row');
    await expect.poll(() => publicRows.count()).toBe(8);
    await expect(visitor.locator('[data-testid="track-departments"] [data-department="990121:zj"]').textContent()).resolves.toContain('东阳县住房和城乡建设局');
    await screenshot(visitor, 'enterprise-public-lookup');
  });

  it('supplements what was asked for and rates the case when it ends, on the case page', async () => {
    // 食品经营许可: one department (市场监管) reviews; the runtime acts for it.
    const ent = await app.as('ent-east');
    await signIn(page, app.baseUrl, 'ent-east', PASSWORD);
    const applied = await ent.post('/api/cases', { itemCode: FOOD, regionCode: '990121' });
    expect((await (await app.as('window-east')).post(`/api/cases/${applied.body.id}/accept`, {})).status).toBe(200);
    await page.goto(`${app.baseUrl}/enterprise/cases/${applied.body.id}`);
    await page.getByTestId('case-page').waitFor();
    await markPage(page);
    const review = async () => (await ent.get(`/api/cases/${applied.body.id}`)).body.tasks.find((t: { kind: string; status: string }) => t.kind === 'review' && t.status !== 'done');
    const first = await review();
    await app.runtime.signFor({ caseId: applied.body.id, taskId: first.id, actor: 'scjg' });
    await app.runtime.giveOpinion({ caseId: applied.body.id, taskId: first.id, decision: 'supplement', materials: ['经营场所平面布局图（需标注面积）', '从业人员健康证明'], reasons: ['布局图未标注面积'], actor: 'scjg' });

    await page.getByTestId('supplement-form').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('supplement-list').locator('li').allTextContents()).resolves.toEqual([
      expect.stringContaining('经营场所平面布局图（需标注面积）'), expect.stringContaining('从业人员健康证明'),
    ]);
    await uploadFor(page, 'supplement-upload-0', { name: '平面布局图.png', mimeType: 'image/png', buffer: PNG });
    await uploadFor(page, 'supplement-upload-1', { name: '健康证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await screenshot(page, 'enterprise-supplement');
    await page.getByTestId('submit-supplement').click();
    await expect.poll(() => page.getByTestId('supplement-form').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('case-files').getByText('健康证明.pdf').waitFor();

    const second = await review();
    await app.runtime.signFor({ caseId: applied.body.id, taskId: second.id, actor: 'scjg' });
    await app.runtime.giveOpinion({ caseId: applied.body.id, taskId: second.id, decision: 'approve', actor: 'scjg' });
    const issue = (await ent.get(`/api/cases/${applied.body.id}`)).body.tasks.find((t: { elementId: string; status: string }) => t.elementId === 'issueLicence' && t.status !== 'done');
    await app.runtime.completeTask({ caseId: applied.body.id, taskId: issue.id, outcome: 'approved', actor: 'scjg' });

    await page.getByTestId('rating-form').waitFor({ timeout: 10_000 });
    expect(await stillSamePage(page)).toBe(true);
    await page.getByTestId('rating-levels').getByText('非常满意').click();
    await screenshot(page, 'enterprise-rating');
    await page.getByTestId('submit-rating').click();
    await expect(page.getByTestId('rating-done').textContent()).resolves.toContain('非常满意');
    expect((await ent.get(`/api/cases/${applied.body.id}/rating`)).body).toMatchObject({ state: 'rated', rating: { level: '非常满意' } });
  });

  it('fits a phone screen (390×844) without sideways scrolling', async () => {
    const phone = await (await browser.context({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await signIn(phone, app.baseUrl, 'ent-east', PASSWORD);
    await phone.goto(projectUrl);
    await phone.getByTestId(`case-progress-${caseNumber}`).waitFor();
    await expect.poll(() => phone.getByTestId('department-row').count()).toBe(8);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'enterprise-phone-project');
    await phone.goto(`${app.baseUrl}/enterprise/apply/${PERMIT}`);
    await phone.getByTestId('apply-form').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'enterprise-phone-apply');
  });
});
