import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { DEPARTMENTS, fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

interface Issue { elementId: string; message: string; category: string; rule: string }

describeInBrowser('lint as you draw (lint module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const issues = () => h.page.evaluate(() => (window as any).harness.get('approvalLint').current() as Issue[]);

  /** Apply a change with modeling and wait for the linter's next result. */
  const change = (id: string, properties: Record<string, unknown>) => h.page.evaluate(async ([i, p]) => {
    const harness = (window as any).harness;
    const settled = harness.lintSettled();
    harness.get('modeling').updateProperties(harness.element(i), p);
    await settled;
  }, [id, properties] as const);

  it('finds no problem in the bundled construction permit', async () => {
    await h.boot(['lint'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await expect.poll(() => h.page.locator('.bjsl-button-success').count()).toBe(1);
    expect((await issues()).filter((i) => i.category === 'error')).toEqual([]);
  });

  it('marks a joint review without a default on timeout on the diagram and in the list, until it is set again', async () => {
    await h.boot(['lint'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await change('jointReview', { 'approval:onTimeout': undefined });
    const found = (await issues()).filter((i) => i.category === 'error');
    expect(found).toEqual([expect.objectContaining({ elementId: 'jointReview', rule: 'approval/waiting-task-limit' })]);
    await expect.poll(() => h.page.locator('.djs-overlays[data-container-id="jointReview"] .bjsl-icon-error').count()).toBeGreaterThan(0);
    await change('jointReview', { 'approval:onTimeout': 'approve' });
    expect((await issues()).filter((i) => i.category === 'error')).toEqual([]);
  });

  it('flags a green limit longer than the normal one and a script task, each on its element', async () => {
    await h.boot(['lint'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await change('jointReview', { 'approval:greenReviewDays': 9 });
    expect(await issues()).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'jointReview', rule: 'approval/green-limit' })]));
    await h.boot(['lint'], fixture('camunda-leave-request.bpmn'), { departments: DEPARTMENTS });
    await expect.poll(async () => (await issues()).map((i) => `${i.elementId} ${i.rule}`)).toContain('notify approval/no-script');
  });
});
