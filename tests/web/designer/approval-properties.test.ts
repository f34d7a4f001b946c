import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../../e2e/support/browser.ts';
import { DEPARTMENTS, fixture, startModuleHarness, type ModuleHarness } from './support/module-harness.ts';

describeInBrowser('the 审批 properties group (approval-properties module)', () => {
  let h: ModuleHarness;
  beforeAll(async () => { h = await startModuleHarness(); }, 120_000);
  afterAll(async () => { await h?.close(); });

  const select = (id: string) => h.select(id);
  const panel = () => h.page.locator('#panel');

  it('shows a joint review task\'s kind, limits, defaults and participant departments', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('jointReview');
    await expect(panel().locator('select[name="approval-taskKind"]').inputValue()).resolves.toBe('review');
    await expect(panel().locator('input[name="approval-reviewDays"]').inputValue()).resolves.toBe('5');
    await expect(panel().locator('select[name="approval-onTimeout"]').inputValue()).resolves.toBe('approve');
    await expect(panel().locator('input[name="approval-jointReview"]').isChecked()).resolves.toBe(true);
    await expect(panel().locator('[data-group-id="group-approval-participants"] .bio-properties-panel-list-badge').textContent()).resolves.toBe('8');
  });

  it('adds a participant whose department choices are the kinds that exist at its level', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('jointReview');
    await panel().locator('[data-group-id="group-approval-participants"] .bio-properties-panel-add-entry').click();
    const level = panel().locator('select[name="approval-participant-8-level"]');
    const department = panel().locator('select[name="approval-participant-8-department"]');
    await expect(level.inputValue()).resolves.toBe('county');
    const countyKinds = await department.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(countyKinds).toEqual(['', 'zj', 'zrzy', 'xf', 'rf', 'sthj', 'sw', 'scjg']);
    await level.selectOption('township');
    const townshipKinds = await department.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(townshipKinds).toEqual(['', 'zfb']);
    await department.selectOption('zfb');
    await panel().locator('input[name="approval-participant-8-reviewDays"]').fill('3');
    await expect.poll(() => h.xml()).toMatch(/<approval:participant department="zfb" level="township" reviewDays="3" \/>/);
  });

  it('refuses a limit that is not whole working days and leaves the diagram unchanged', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('jointReview');
    const reviewDays = panel().locator('input[name="approval-reviewDays"]');
    await reviewDays.fill('2.5');
    await panel().getByText('请输入整数工作日（≥ 0）').waitFor();
    await h.page.waitForTimeout(400); // past the panel's input debounce
    expect(await h.xml()).toContain('approval:reviewDays="5"');
  });

  it('edits the item attributes and materials on the process, and removes a material', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('constructionPermit');
    await expect(panel().locator('input[name="approval-itemCode"]').inputValue()).resolves.toBe('010030001000');
    await expect(panel().locator('input[name="approval-level-county"]').isChecked()).resolves.toBe(true);
    await panel().locator('input[name="approval-level-city"]').check();
    await expect.poll(() => h.xml()).toContain('approval:levels="city,county"');
    const materials = panel().locator('[data-group-id="group-approval-materials"]');
    await expect(materials.locator('.bio-properties-panel-list-badge').textContent()).resolves.toBe('14');
    await materials.locator('.bio-properties-panel-add-entry').click();
    await expect.poll(() => h.xml()).toContain('<approval:material code="CP15" essential="true" />');
    await materials.locator('.bio-properties-panel-list-item').last().locator('.bio-properties-panel-remove-entry').click();
    expect(await h.xml()).not.toContain('CP15');
  });

  it('sets who starts the item, an applicant when not set', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('constructionPermit');
    const starter = panel().locator('select[name="approval-startedBy"]');
    await expect(starter.inputValue()).resolves.toBe('');
    await expect(starter.locator('option').allTextContents()).resolves.toEqual(['申请人申报', '12345热线登记', '系统发起（差评核查）']);
    await starter.selectOption('hotline');
    await expect.poll(() => h.xml()).toContain('approval:startedBy="hotline"');
    await starter.selectOption('');
    await expect.poll(() => h.xml()).not.toContain('approval:startedBy');
  });

  it('sets how a case ends on an end event', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await select('permitIssued');
    const outcome = panel().locator('select[name="approval-outcome"]');
    await expect(outcome.inputValue()).resolves.toBe('completed');
    await outcome.selectOption('returned');
    await expect.poll(() => h.xml()).toMatch(/id="permitIssued" name="办结" approval:outcome="returned"/);
  });

  it('keeps a joint review\'s participant collection on its task id when the id is renamed, in one undo step', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('construction-permit.bpmn'), { departments: DEPARTMENTS });
    await h.page.evaluate(() => {
      const harness = (window as any).harness;
      harness.get('modeling').updateProperties(harness.element('jointReview'), { id: 'countyJointReview' });
    });
    expect(await h.xml()).toContain('approval:collection="${environment.variables.participants.countyJointReview}"');
    await h.page.evaluate(() => (window as any).harness.get('commandStack').undo());
    expect(await h.xml()).toContain('approval:collection="${environment.variables.participants.jointReview}"');
  });

  it('turns a review into a joint review with the collection the runtime expects, and back', async () => {
    await h.boot(['approvalProperties', 'translate'], fixture('food-business-licence.bpmn'), { departments: DEPARTMENTS });
    await h.select('review');
    await panel().locator('input[name="approval-jointReview"]').check();
    await expect.poll(() => h.xml()).toContain('<bpmn:multiInstanceLoopCharacteristics approval:collection="${environment.variables.participants.review}" approval:elementVariable="participant" />');
    await expect.poll(() => panel().locator('input[name="approval-jointReview"]').isChecked()).toBe(true);
    // a click, not uncheck(): the panel re-renders the box from the model after the command
    await panel().locator('input[name="approval-jointReview"]').click();
    await expect.poll(() => h.xml()).not.toContain('multiInstanceLoopCharacteristics');
  });
});
