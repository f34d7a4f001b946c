/**
 * What a department does in its workbench during the journey, as a person would: sign in, find
 * the case in 待办, 签收 (one row, or ticked rows at once), give an opinion in the dialog; the
 * lead also schedules and closes the 联审会 and decides. The departments share one browser (the
 * app stays cached): each person signs in, acts, and signs out with the 退出 button.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../../support/api-harness.ts';
import { signIn, type E2eBrowser } from './browser.ts';
import { atRest, shot } from './journey-screens.ts';

export interface DepartmentDesk {
  page: Page;
  /** Sign out whoever is signed in, then sign in as `username`; lands in the workbench. */
  signInAs(username: string): Promise<Page>;
  signOut(): Promise<void>;
  close(): Promise<void>;
}

export async function departmentDesk(browser: E2eBrowser, baseUrl: string): Promise<DepartmentDesk> {
  const context = await browser.context();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  let signedIn = false;
  const signOut = async () => {
    if (!signedIn) return;
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    signedIn = false;
  };
  return {
    page,
    signOut,
    signInAs: async (username) => {
      await signOut();
      await signIn(page, baseUrl, username, PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/department');
      signedIn = true;
      return page;
    },
    close: () => context.close(),
  };
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
  await dialog.waitFor();
  await atRest(page);
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
