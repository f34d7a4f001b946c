import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/dead-end', () => {
  it('flags a task with no way on, and the elements that can only lead to it', async () => {
    const { triggers } = await fixtureReports('dead-end');
    expect(triggers).toEqual([
      { id: 'Task_issue', category: 'error', message: expect.stringContaining('dead end: nothing leaves this element') },
    ]);
  });

  it('accepts a process in which every element leads to an end event', async () => {
    expect((await fixtureReports('dead-end')).passes).toEqual([]);
  });

  it('flags a loop that never leads out', async () => {
    const xml = lintFixtureXml('dead-end.triggers').replace('<bpmn:incoming>Flow_approved</bpmn:incoming>\n    </bpmn:userTask>',
      '<bpmn:incoming>Flow_approved</bpmn:incoming>\n      <bpmn:outgoing>Flow_again</bpmn:outgoing>\n    </bpmn:userTask>\n    <bpmn:sequenceFlow id="Flow_again" sourceRef="Task_issue" targetRef="Task_issue" />');
    expect(await reportsOf('dead-end', xml)).toEqual([
      expect.objectContaining({ id: 'Task_issue', message: expect.stringContaining('no path from here reaches an end event') }),
    ]);
  });
});
