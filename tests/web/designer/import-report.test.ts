import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

describeInBrowser('the import report (import-report module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const inspect = () => h.page.evaluate(() => (window as any).harness.get('importReport').inspect([]) as { kind: string; elementId?: string; detail: string }[]);

  it('drops another modeler\'s extensions, attributes and scripts from a file and lists each', async () => {
    await h.boot(['importReport'], fixture('camunda-leave-request.bpmn'));
    const notices = await inspect();
    expect(notices).toEqual(expect.arrayContaining([
      { kind: 'foreign-attribute', elementId: 'leaveRequest', detail: 'camunda:historyTimeToLive' },
      { kind: 'foreign-attribute', elementId: 'start', detail: 'camunda:initiator' },
      { kind: 'foreign-attribute', elementId: 'approve', detail: 'camunda:assignee' },
      { kind: 'foreign-extension', elementId: 'approve', detail: 'camunda:executionListener' },
      { kind: 'script', elementId: 'notify', detail: '通知' },
      { kind: 'script-condition', elementId: 'fNo', detail: 'javascript' },
      { kind: 'not-drawn', elementId: 'orphan', detail: 'bpmn:UserTask' },
    ]));
    expect(notices).toHaveLength(7);
    const xml = await h.xml();
    expect(xml).not.toMatch(/camunda:(historyTimeToLive|initiator|assignee|executionListener)/);
    expect(xml).not.toContain('setVariable');
    expect(xml).not.toContain('!approved');
    // what could be kept stays: the task itself, the flow, the diagram
    expect(xml).toContain('<bpmn:scriptTask id="notify" name="通知">');
    expect(xml).toContain('<bpmn:sequenceFlow id="fNo" sourceRef="decision" targetRef="notify" />');
  });

  it('reports bpmn-js\'s own import warnings', async () => {
    const broken = fixture('camunda-leave-request.bpmn').replace('targetRef="end" />', 'targetRef="nowhere" />');
    const { warnings } = await h.boot(['importReport'], broken);
    expect(warnings.length).toBeGreaterThan(0);
    const notices = await h.page.evaluate(() => {
      const harness = (window as any).harness;
      return harness.get('importReport').inspect([{ message: 'unresolved reference <nowhere>' }]);
    });
    expect(notices[0]).toEqual({ kind: 'import-warning', detail: 'unresolved reference <nowhere>' });
  });

  it('finds nothing to drop in a bundled item', async () => {
    await h.boot(['importReport'], fixture('construction-permit.bpmn'));
    expect(await inspect()).toEqual([]);
  });
});
