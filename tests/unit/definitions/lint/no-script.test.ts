import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/no-script', () => {
  it('flags a script condition on the flow that carries it', async () => {
    const { triggers } = await fixtureReports('no-script');
    expect(triggers).toEqual([{ id: 'Flow_approved', category: 'error', message: expect.stringContaining('language "javascript" is not accepted') }]);
  });

  it('accepts plain expressions', async () => {
    expect((await fixtureReports('no-script')).passes).toEqual([]);
  });

  it('flags a script task and a script in an extension element', async () => {
    const xml = lintFixtureXml('no-script.passes')
      .replace('xmlns:approval=', 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:approval=')
      .replace('<bpmn:userTask id="Task_accept" name="窗口受理" approval:taskKind="accept" approval:assignee="window" approval:reviewDays="1">',
        '<bpmn:scriptTask id="Task_accept" name="收费" scriptFormat="javascript">')
      .replace('</bpmn:userTask>\n    <bpmn:userTask id="Task_review"', '</bpmn:scriptTask>\n    <bpmn:userTask id="Task_review"')
      .replace('<approval:participants>', '<camunda:executionListener event="start"><camunda:script scriptFormat="groovy">x</camunda:script></camunda:executionListener>\n        <approval:participants>');
    const ids = (await reportsOf('no-script', xml)).map((r) => r.id);
    expect(ids).toEqual(['Task_accept', 'Task_review']);
  });
});
