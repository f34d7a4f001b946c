/**
 * Debian's Chromium driven by playwright-core (no browser download: `.ci/run` installs the
 * `chromium` package). Screenshots go to test-artifacts/e2e/, kept by CI as artifacts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts/e2e');

/**
 * `describe` for browser tests. Without Chromium (a developer machine that never ran
 * `apt-get install chromium`) they are skipped with a note; in CI (`CI` set) they always run,
 * so a missing browser fails the build instead of hiding the tests.
 */
const chromiumMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (chromiumMissing) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
export const describeInBrowser = describe.skipIf(chromiumMissing);

export interface E2eBrowser {
  browser: Browser;
  /** A new incognito-like context (own cookies, own localStorage), e.g. one per role. */
  context(options?: { viewport?: { width: number; height: number }; locale?: string; isMobile?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<E2eBrowser> {
  // The closed network refuses Chromium's background connections; these flags keep it quiet.
  // (playwright gives every launch a fresh, empty profile of its own.)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    context: async (options = {}) => {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: options.locale ?? 'zh-CN', isMobile: options.isMobile });
      contexts.push(context);
      return context;
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Save a full-page screenshot as test-artifacts/e2e/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Sign in through the login page like a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
