import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateTo } from '../../../web/src/designer/modules/translate/index.ts';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

describe('translateTo', () => {
  it('gives Chinese for a known string and fills its placeholders', () => {
    expect(translateTo('zh', '{errors} Errors, {warnings} Warnings', { errors: 2, warnings: 1 })).toBe('2 个错误，1 个提示');
  });

  it('gives Chinese for the shared lint messages, keeping their element names', () => {
    expect(translateTo('zh', 'review tasks need approval:onTimeout ("approve" or "none"): what happens when a department misses its limit'))
      .toBe('review 环节必须设置“超时默认”：部门逾期未出具意见时如何处理');
    expect(translateTo('zh', 'participant 9 (?, county) has no department')).toBe('第 9 个参与部门（?，county）尚未选择部门');
    expect(translateTo('en', 'participant 9 (?, county) has no department')).toBe('participant 9 (?, county) has no department');
  });

  it('keeps English, and keeps a string it has no Chinese for', () => {
    expect(translateTo('en', 'Create start event')).toBe('Create start event');
    expect(translateTo('zh', 'Something new')).toBe('Something new');
  });
});

describeInBrowser('the palette and context pad in the app language (translate module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const paletteTitles = () => h.page.locator('.djs-palette .entry').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label')));

  it('labels the palette and context pad in Chinese by default', async () => {
    await h.boot(['translate'], fixture('construction-permit.bpmn'));
    expect(await paletteTitles()).toEqual(expect.arrayContaining(['创建开始事件', '创建网关', '创建任务', '激活抓手工具']));
    await h.page.evaluate(() => (window as any).harness.get('contextPad').open((window as any).harness.element('accept')));
    const pad = await h.page.locator('.djs-context-pad .entry').evaluateAll((es) => es.map((e) => e.getAttribute('title')));
    expect(pad).toEqual(expect.arrayContaining(['追加结束事件', '追加网关', '删除', '更改元素类型']));
  });

  it('labels them in English when the app is in English', async () => {
    await h.boot(['translate'], fixture('construction-permit.bpmn'), { locale: 'en' });
    expect(await paletteTitles()).toEqual(expect.arrayContaining(['Create start event', 'Create gateway']));
  });
});
