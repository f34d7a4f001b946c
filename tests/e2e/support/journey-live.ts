/**
 * Watching the enterprise's case page during the journey: it is opened once and never reloaded,
 * so every step it shows arrived live (socket.io → reload in place). A marker set in `window`
 * survives only as long as the document does, which proves it.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { UserStore } from '../../../api/auth/user-store.ts';
import { room } from '../../../api/realtime/realtime-rooms.ts';
import type { E2eApp } from './e2e-app.ts';

const LIVE = { timeout: 20_000, interval: 100 };

export const markPage = (page: Page) => page.evaluate(() => { (window as unknown as { __journey: boolean }).__journey = true; });
export const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __journey?: boolean }).__journey === true);

/** The row of one department on the case page's progress card. */
export const departmentRow = (page: Page, departmentId: string) => page.locator(`[data-testid="department-row"][data-department="${departmentId}"]`);

/** Wait until the department's row shows `state` (awaiting-sign, signed, approved, default-approved …). */
export async function expectDepartmentState(page: Page, departmentId: string, state: string): Promise<void> {
  await expect.poll(() => departmentRow(page, departmentId).getAttribute('data-state', { timeout: 1_000 }).catch(() => null), LIVE).toBe(state);
}

/** Wait until the case history lists an entry containing `text`. */
export async function expectHistory(page: Page, text: string | RegExp): Promise<void> {
  await page.getByTestId('case-events').getByText(text).first().waitFor({ timeout: LIVE.timeout });
}

/**
 * Wait until a socket of `username` follows the case (is in its room) on the server, with a
 * session that is valid by the server's clock now: from then on nothing the case does is missed.
 */
export async function expectFollowing(app: E2eApp, username: string, caseId: string): Promise<void> {
  const users = new UserStore(app.db.pool);
  const following = async () => {
    for (const socket of app.realtime.io.of('/').sockets.values()) {
      if (socket.data.user?.username !== username || !socket.rooms.has(room.case(caseId))) continue;
      if (await users.session(socket.data.token, app.clock.now())) return true;
    }
    return false;
  };
  await expect.poll(following, LIVE).toBe(true);
}
