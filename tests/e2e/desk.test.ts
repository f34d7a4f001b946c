import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { readPdf } from '../support/pdf-reader.ts';
import { describeInBrowser, launchBrowser, screenshot, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

const ESSENTIAL = ['CP01', 'CP02', 'CP03', 'CP04', 'CP05', 'CP06', 'CP07', 'CP08', 'CP09'];

describeInBrowser('window desk and department workbench in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  let caseId: string;
  let caseNumber: string;
  beforeAll(async () => {
    // On the real date: the login page's session cookie expires by the server's clock, which Chromium checks against its own.
    app = await startE2eApp(new Date().toISOString());
    browser = await launchBrowser();
    const applied = await (await app.as('ent-east')).post('/api/cases', { itemCode: '010030001000', regionCode: '990121', materials: ESSENTIAL });
    caseId = applied.body.id;
    caseNumber = applied.body.caseNumber;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets the window check the materials, accept the application and print the acceptance notice', async () => {
    const context = await browser.context();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, app.baseUrl, 'window-east', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/window');
    const row = page.getByTestId(`queue-row-${caseNumber}`);
    await row.waitFor();
    await screenshot(page, 'desk-window-queue');
    await row.getByRole('button', { name: /审查受理/ }).click();
    await page.getByText(`受理审查 · ${caseNumber}`).waitFor();
    await screenshot(page, 'desk-window-check');
    // the power of attorney (optional) was handed in on paper at the desk; the other four optional materials were not
    await page.getByLabel('核验齐全 授权委托书及受托人身份证明（委托办理的）').check();
    await page.getByTestId('accept').click();
    const outcome = page.getByTestId('acceptance-outcome');
    await outcome.waitFor();
    const queryCode = (await page.getByTestId('query-code').textContent())!;
    expect(queryCode).toMatch(/^\d{6}$/);
    await screenshot(page, 'desk-window-accepted');

    // the print button opens the PDF; fetch it with the same browser session and read it
    const href = await page.getByTestId('print-acceptance').getAttribute('href');
    expect(href).toBe(`/api/cases/${caseId}/acceptance-notice.pdf`);
    const res = await context.request.get(`${app.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const text = readPdf(await res.body()).text.replace(/\n/g, '');
    expect(text).toContain('受理通知书');
    expect(text).toContain(caseNumber);
    expect(text).toContain(`查询码：${queryCode}`);
    // …and does not call the four optional materials it never received 已收取
    expect(text.split('未提交（非必要材料）')).toHaveLength(5);
    expect(text.split('已收取')).toHaveLength(ESSENTIAL.length + 2);
    const viewer = await context.newPage();
    await viewer.goto(`${app.baseUrl}${href}`).catch(() => undefined);
    await viewer.waitForTimeout(1500);
    await screenshot(viewer, 'desk-window-acceptance-notice-pdf');
    expect((await (await app.as('window-east')).get('/api/tasks/acceptance-queue')).body.applications).toEqual([]);
  }, 90_000);

  it('lets the fire department sign for the case and approve it with conditions from its inbox', async () => {
    const page = await (await browser.context()).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, app.baseUrl, 'xf-east', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/department');
    const row = page.getByTestId(`inbox-row-${caseNumber}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待签收');
    await screenshot(page, 'desk-department-inbox');
    await row.getByRole('button', { name: /签\s*收/ }).click();
    await row.getByRole('button', { name: /审查意见/ }).waitFor();
    await expect(row.textContent()).resolves.toContain('已签收');

    await row.getByRole('button', { name: /审查意见/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('同意', { exact: true }).check();
    await dialog.getByRole('button', { name: /添加条件/ }).click();
    await dialog.getByLabel('附加条件 1').fill('施工前落实消防车道和消防水源');
    await screenshot(page, 'desk-department-opinion');
    await dialog.getByRole('button', { name: /提交意见/ }).click();
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'desk-department-after-opinion');

    const detail = (await (await app.as('xf-east')).get(`/api/cases/${caseId}`)).body;
    const opinion = detail.timeline.find((e: { type: string; payload: { departmentId?: string } }) => e.type === 'opinion' && e.payload.departmentId === '990121:xf');
    expect(opinion.payload).toMatchObject({ decision: 'approve', conditions: ['施工前落实消防车道和消防水源'] });
  }, 90_000);
});
