import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { ITEM } from '../support/runtime-harness.ts';
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

  it('adds a department to the construction permit joint review, fixes the lint error and deploys a new version', async () => {
    const page = await (await browser.context()).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
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
});
