/**
 * Screenshots of a screen at rest. antd fades rows, dialogs and checkboxes in, and ECharts grows
 * its bars over a second: taken straight after an action, a screenshot shows them half-drawn.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser.ts';

/** Wait until nothing moves (no finite CSS animation or transition, every canvas unchanged over three frames), then shoot. */
export async function shot(page: Page, name: string): Promise<string> {
  await atRest(page);
  return screenshot(page, name);
}

/**
 * Wait until nothing moves. Also before clicking inside a dialog that is still zooming in: on a
 * busy machine a click can land where a checkbox was a frame ago.
 */
export async function atRest(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(still), { timeout: 10_000, interval: 50 }).toBe(true);
}

// Runs in the page: self-contained.
async function still(): Promise<boolean> {
  const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
  if (moving) return false;
  const canvases = [...document.querySelectorAll('canvas')];
  const before = canvases.map((c) => c.toDataURL());
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return canvases.every((c, i) => c.toDataURL() === before[i]);
}
