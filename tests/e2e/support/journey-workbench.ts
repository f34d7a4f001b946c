/**
 * What a department does in its workbench during the journey, as a person would: sign in, find
 * the case in 待办, 签收 (one row, or ticked rows at once), give an opinion in the dialog; the
 * lead also schedules and closes the 联审会 and decides. Each department works in its own
 * browser context (its own cookies), closed when it is done.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../../support/api-harness.ts';
import { signIn, type E2eBrowser } from './browser.ts';
import { shot } from './journey-screens.ts';

export interface Workbench {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A department user signed in to their workbench. */
export async function openWorkbench(browser: E2eBrowser, baseUrl: string, username: string): Promise<Workbench> {
  const context = await browser.context();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, baseUrl, username, PASSWORD);
  expect(new URL(page.url()).pathname).toBe('/department');
  return { page, context, close: () => context.close() };
}

export const inboxRow = (page: Page, caseNumber: string) => page.getByTestId(`inbox-row-${caseNumber}`);

/** 签收 the case's row, then approve it (with conditions, if given) in the opinion dialog. */
export async function signAndApprove(page: Page, caseNumber: string, options: { conditions?: string[]; shots?: { inbox?: string; opinion?: string } } = {}): Promise<void> {
  const row = inboxRow(page, caseNumber);
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('待签收');
  if (options.shots?.inbox) await shot(page, options.shots.inbox);
  await row.getByRole('button', { name: /签\s*收/ }).click();
  await row.getByRole('button', { name: /审查意见/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('同意', { exact: true }).check();
  for (const [i, condition] of (options.conditions ?? []).entries()) {
    await dialog.getByRole('button', { name: /添加条件/ }).click();
    await dialog.getByLabel(`附加条件 ${i + 1}`).fill(condition);
  }
  if (options.shots?.opinion) await shot(page, options.shots.opinion);
  await dialog.getByRole('button', { name: /提交意见/ }).click();
  await row.waitFor({ state: 'detached' });
}

/** 批量签收: tick the case's row and sign for every ticked row at once. */
export async function batchSign(page: Page, caseNumber: string, screenshotName?: string): Promise<void> {
  const row = inboxRow(page, caseNumber);
  await row.waitFor();
  await row.getByRole('checkbox', { name: caseNumber }).check();
  await expect(page.getByTestId('batch-sign').textContent()).resolves.toMatch(/批量签收（1）/);
  if (screenshotName) await shot(page, screenshotName);
  await page.getByTestId('batch-sign').click();
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已签收');
}
