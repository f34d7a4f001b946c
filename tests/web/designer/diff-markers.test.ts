import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

const DIFF = {
  added: [{ id: 'preReview', type: 'bpmn:UserTask', name: '预审' }],
  removed: [{ id: 'supplement', type: 'bpmn:UserTask', name: '申请人补正材料' }],
  changed: [{ id: 'jointReview', type: 'bpmn:UserTask', name: '并联审查（会签）', changes: [{ field: 'approval:reviewDays', from: 5, to: 4 }] }],
};

describeInBrowser('a version diff on the diagram (diff-markers module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const classes = (id: string) => h.page.locator(`.djs-element[data-element-id="${id}"]`).evaluate((e) => [...e.classList].filter((c) => c.startsWith('diff-')));

  it('marks changed elements with what changed on the newer version, and skips elements it does not have', async () => {
    await h.boot(['diffMarkers'], fixture('construction-permit.bpmn'));
    const marked = await h.page.evaluate((d) => (window as any).harness.get('diffMarkers').show(d, 'to'), DIFF);
    expect(marked).toEqual({ added: [], removed: [], changed: ['jointReview'] });
    expect(await classes('jointReview')).toEqual(['diff-changed']);
    expect(await classes('supplement')).toEqual([]);
    const note = h.page.locator('.djs-overlays[data-container-id="jointReview"] .approval-diff-note');
    await expect(note.getAttribute('title')).resolves.toBe('approval:reviewDays: 5 → 4');
  });

  it('marks removed elements on the older version', async () => {
    await h.boot(['diffMarkers'], fixture('construction-permit.bpmn'));
    await h.page.evaluate((d) => (window as any).harness.get('diffMarkers').show(d, 'from'), DIFF);
    expect(await classes('supplement')).toEqual(['diff-removed']);
    expect(await classes('jointReview')).toEqual(['diff-changed']);
    expect(await h.page.locator('.approval-diff-note').count()).toBe(0);
  });
});
