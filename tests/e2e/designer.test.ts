import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { bpmn, ITEM } from '../support/runtime-harness.ts';
import { describeInBrowser, launchBrowser, screenshot, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

describeInBrowser('the process designer in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  beforeAll(async () => {
    // The browser drops a session cookie that expired by its own clock: the app's clock starts now.
    app = await startE2eApp(new Date().toISOString());
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function designerPage(): Promise<Page> {
    const page = await (await browser.context()).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error('page error:', e.stack));
    return page;
  }

  it('adds a department to the construction permit joint review, fixes the lint error and deploys a new version', async () => {
    const page = await designerPage();
    const panel = page.getByTestId('properties-panel');
    const lintErrors = page.getByTestId('lint-error-count');
    await signIn(page, app.baseUrl, 'designer-city', PASSWORD);
    await page.getByRole('button', { name: '打开最新版本' }).first().waitFor();
    await screenshot(page, 'designer-items');

    // given the construction permit open at its latest version
    await page.getByRole('row', { name: /企业投资建设项目施工许可/ }).getByRole('button', { name: '打开最新版本' }).click();
    await page.locator('.djs-element[data-element-id="jointReview"]').waitFor();
    await expect(page.getByTestId('document-source').textContent()).resolves.toBe('版本 v1');
    await expect(lintErrors.textContent()).resolves.toBe('0');

    // when the designer adds the market regulator (county) to the joint review with a 4-day limit
    await page.locator('.djs-element[data-element-id="jointReview"]').click();
    await panel.getByText('审批', { exact: true }).first().waitFor();
    await panel.locator('[data-group-id="group-approval-participants"] .bio-properties-panel-add-entry').click();
    const department = panel.locator('select[name="approval-participant-8-department"]');
    await department.waitFor();
    // a participant without a department is an error on the diagram until one is chosen
    await expect.poll(() => lintErrors.textContent()).not.toBe('0');
    await department.selectOption('scjg');
    await panel.locator('input[name="approval-participant-8-reviewDays"]').fill('4');
    await expect.poll(() => lintErrors.textContent()).toBe('0');

    // and the task loses its 超时默认: a lint error shows on the diagram until the default is set again
    const onTimeout = panel.locator('select[name="approval-onTimeout"]');
    await onTimeout.selectOption('');
    await expect.poll(() => lintErrors.textContent()).toBe('1');
    await page.locator('.djs-overlay .bjsl-icon-error, .djs-overlay .bjsl-overlay').first().waitFor();
    await expect(page.getByTestId('lint-issue').first().textContent()).resolves.toContain('jointReview');
    await screenshot(page, 'designer-lint-error');
    await onTimeout.selectOption('approve');
    await expect.poll(() => lintErrors.textContent()).toBe('0');
    await screenshot(page, 'designer-joint-review-edited');

    // then deploying creates version 2, which the API lists with the new department
    await page.getByTestId('deploy').click();
    await page.getByText('已部署为 v2').waitFor();
    await expect.poll(() => page.getByTestId('document-source').textContent()).toBe('版本 v2');
    await screenshot(page, 'designer-deployed');
    const designer = await app.as('designer-city');
    const versions = await designer.get(`/api/definitions/${ITEM.constructionPermit}/versions`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const xml = await designer.get(`/api/definitions/versions/${versions.body.versions[1].id}/xml`);
    expect(String(xml.body)).toMatch(/<approval:participant department="scjg" level="county" reviewDays="4"/);
  }, 120_000);

  it('shows what changed between two versions on both diagrams', async () => {
    // given version 2 of the food business licence with a shorter review limit, deployed over the API
    const designer = await app.as('designer-city');
    const form = new FormData();
    form.append('bpmn', (await bpmn('food-business-licence.bpmn')).replace('approval:reviewDays="3"', 'approval:reviewDays="2"'));
    expect((await designer.post('/api/definitions', form)).status).toBe(201);
    const page = await designerPage();
    await signIn(page, app.baseUrl, 'designer-city', PASSWORD);

    // when the designer compares v1 with v2 from the item's versions
    await page.getByRole('row', { name: /食品经营许可/ }).getByRole('button', { name: /^版本/ }).click();
    await page.getByTestId(`versions-${ITEM.foodBusinessLicence}`).getByRole('button', { name: '与上一版比较' }).click();

    // then the changed task is highlighted with its change, on the newer diagram
    const changed = page.getByTestId('diff-to').locator('.djs-element.diff-changed[data-element-id="review"]');
    await changed.waitFor();
    await expect(page.getByTestId('diff-list').textContent()).resolves.toContain('approval:reviewDays 3 → 2');
    await screenshot(page, 'designer-diff');
  });

  it('opens a file from another modeler and says what it dropped', async () => {
    const page = await designerPage();
    await signIn(page, app.baseUrl, 'designer-city', PASSWORD);
    const file = path.resolve('tests/web/designer/fixtures/camunda-leave-request.bpmn');
    await page.getByTestId('import-bpmn').locator('..').locator('input[type=file]').setInputFiles(file);
    await page.waitForURL(/\/designer\/import$/);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect(report.textContent()).resolves.toContain('丢弃其他建模工具的扩展元素 (1)');
    await expect(report.textContent()).resolves.toContain('丢弃脚本内容');
    await expect(report.textContent()).resolves.toContain('没有图形位置，未显示在图上 (1)');
    // the script task stays on the diagram, and lint says it cannot run here
    await expect.poll(() => page.getByTestId('lint-panel').textContent()).toContain('不接受脚本任务');
    await screenshot(page, 'designer-import');
    expect(await readFile(file, 'utf8')).toContain('camunda:executionListener');

    // the server's check names the same script task, marked on the diagram
    await page.getByTestId('properties-panel').locator('input[name="approval-itemCode"]').fill('990100990001');
    await page.getByTestId('check').click();
    await page.getByText(/服务器检查未通过：\d+ 个问题/).waitFor();
    await page.locator('.djs-element.approval-server-problem[data-element-id="notify"]').waitFor();

    // and the imported item is kept as a draft under its new code, listed with the new items
    await page.getByTestId('save-draft').click();
    await page.waitForURL(/\/designer\/items\/990100990001$/);
    await expect.poll(() => page.getByTestId('document-source').textContent()).toBe('草稿 · 第 1 次保存');
    await page.getByRole('button', { name: '返回列表' }).click();
    await page.getByRole('row', { name: /990100990001 请假申请/ }).waitFor();
    await screenshot(page, 'designer-items-with-draft');
  });

  it('saves a draft that reopens as the draft, and switches the modeler to English keeping unsaved edits', async () => {
    const page = await designerPage();
    await signIn(page, app.baseUrl, 'designer-city', PASSWORD);
    await page.goto(`${app.baseUrl}/designer/items/${ITEM.hazardousChemicals}`);
    await page.locator('.djs-element[data-element-id="accept"]').click();
    await page.getByTestId('properties-panel').locator('input[name="approval-warnDaysBefore"]').fill('1');
    await page.getByText('有未保存的修改').waitFor();
    await page.getByTestId('tab-catalogue').click();
    const consultation = page.getByTestId('catalogue-form').getByLabel('咨询方式');
    await consultation.fill('0791-12345 转 2');
    await screenshot(page, 'designer-catalogue');
    await page.getByText('流程图', { exact: true }).click();
    await page.getByTestId('save-draft').click();
    await page.getByText('草稿已保存（第 1 次）').waitFor();

    await page.reload();
    await expect.poll(() => page.getByTestId('document-source').textContent()).toBe('草稿 · 第 1 次保存');
    await page.locator('.djs-element[data-element-id="accept"]').click();
    await expect(page.getByTestId('properties-panel').locator('input[name="approval-warnDaysBefore"]').inputValue()).resolves.toBe('1');
    await page.getByTestId('properties-panel').locator('input[name="approval-reviewDays"]').fill('2');

    await page.getByText('EN', { exact: true }).click();
    await page.locator('.djs-palette .entry[aria-label="Create start event"]').waitFor();
    await expect(page.getByTestId('document-source').textContent()).resolves.toBe('Draft · revision 1');
    await page.locator('.djs-element[data-element-id="accept"]').click();
    await page.getByTestId('properties-panel').getByText('Review limit (working days)', { exact: true }).waitFor();
    await expect(page.getByTestId('properties-panel').locator('input[name="approval-reviewDays"]').inputValue()).resolves.toBe('2');
    await screenshot(page, 'designer-english');
    const draft = await (await app.as('designer-city')).get(`/api/definitions/${ITEM.hazardousChemicals}/draft`);
    expect(draft.body.revision).toBe(1);
    expect(draft.body.xml).toMatch(/id="accept"[^>]*approval:warnDaysBefore="1"/);
    expect(draft.body.catalogue).toMatchObject({ itemCode: ITEM.hazardousChemicals, consultation: '0791-12345 转 2' });
  });
});
