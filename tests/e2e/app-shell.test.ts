import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.ts';
import { describeInBrowser, launchBrowser, screenshot, signIn, type E2eBrowser } from './support/browser.ts';
import { startE2eApp, type E2eApp } from './support/e2e-app.ts';

describeInBrowser('the web app shell in Chromium', () => {
  let app: E2eApp;
  let browser: E2eBrowser;
  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sends a visitor to sign in, then each role to its own area', async () => {
    const page = await (await browser.context()).newPage();
    await page.goto(`${app.baseUrl}/department`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: '登录联审平台' }).waitFor();
    await screenshot(page, 'shell-login');
    await page.getByLabel('用户名').fill('xf-east');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/department$/);
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('xf-east');
  });

  it('keeps the session across a reload and can still write (CSRF token survives)', async () => {
    const page = await (await browser.context()).newPage();
    await signIn(page, app.baseUrl, 'designer-city', PASSWORD);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/designer');
    const status = await page.evaluate(async () => {
      const csrf = localStorage.getItem('lianshen.csrf') ?? '';
      const res = await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
      return res.status;
    });
    expect(status).toBe(204);
  });

  it('switches the interface to English and remembers it', async () => {
    const page = await (await browser.context()).newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByText('EN', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Lianshen' }).isVisible()).resolves.toBe(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to Lianshen' }).isVisible()).resolves.toBe(true);
  });

  it('answers unknown API paths with problem+json, not the app page', async () => {
    const res = await fetch(`${app.baseUrl}/api/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const page = await fetch(`${app.baseUrl}/supervision/anything`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
