import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

describeInBrowser('server problems on the diagram (problem-markers module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const show = (problems: { path: string; reason: string }[]) =>
    h.page.evaluate((p) => (window as any).harness.get('problemMarkers').show(p), problems);
  const marked = (id: string) => h.page.locator(`.djs-element[data-element-id="${id}"]`).evaluate((e) => e.classList.contains('approval-server-problem'));

  it('marks the elements a refused deploy names and returns the problems that name none', async () => {
    await h.boot(['problemMarkers'], fixture('construction-permit.bpmn'));
    const elsewhere = await show([
      { path: 'jointReview.reviewDays', reason: 'a waiting task needs a time limit' },
      { path: 'jointReview', reason: 'a review task needs at least one participant' },
      { path: 'file', reason: 'the file is not a BPMN 2.0 definitions document' },
    ]);
    expect(elsewhere).toEqual([{ path: 'file', reason: 'the file is not a BPMN 2.0 definitions document' }]);
    expect(await marked('jointReview')).toBe(true);
    expect(await marked('accept')).toBe(false);
    const badge = h.page.locator('.djs-overlays[data-container-id="jointReview"] .approval-server-problem-badge');
    await expect(badge.textContent()).resolves.toBe('2');
    await expect(badge.getAttribute('title')).resolves.toBe('a waiting task needs a time limit\na review task needs at least one participant');
  });

  it('drops the marker of an element once the designer edits it', async () => {
    await h.boot(['problemMarkers'], fixture('construction-permit.bpmn'));
    await show([{ path: 'jointReview.onTimeout', reason: 'review tasks need approval:onTimeout' }, { path: 'jointMeeting', reason: 'x' }]);
    await h.page.evaluate(() => {
      const harness = (window as any).harness;
      harness.get('modeling').updateProperties(harness.element('jointReview'), { 'approval:onTimeout': 'approve' });
    });
    expect(await marked('jointReview')).toBe(false);
    expect(await marked('jointMeeting')).toBe(true);
    expect(await h.page.evaluate(() => (window as any).harness.get('problemMarkers').markedIds())).toEqual(['jointMeeting']);
  });
});
