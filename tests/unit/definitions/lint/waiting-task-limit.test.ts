import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/waiting-task-limit', () => {
  it('flags a review task with no default on timeout, on the task, as an error', async () => {
    const { triggers } = await fixtureReports('waiting-task-limit');
    expect(triggers).toEqual([{ id: 'Task_review', category: 'error', message: expect.stringContaining('approval:onTimeout') }]);
  });

  it('accepts a task whose limit is set on every participant instead of on the task', async () => {
    expect((await fixtureReports('waiting-task-limit')).passes).toEqual([]);
  });

  it('flags a task with no limit anywhere', async () => {
    const xml = lintFixtureXml('waiting-task-limit.passes').replace(' reviewDays="4"', '');
    expect(await reportsOf('waiting-task-limit', xml)).toEqual([
      expect.objectContaining({ id: 'Task_review', message: expect.stringContaining('needs a time limit') }),
    ]);
  });

  it('flags an intermediate catch event: it waits for a message with no limit at all', async () => {
    const xml = lintFixtureXml('waiting-task-limit.passes')
      .replace('targetRef="Task_review" />', 'targetRef="Event_wait" />')
      .replace('    <bpmn:userTask id="Task_review"', `    <bpmn:intermediateCatchEvent id="Event_wait" name="等待回执">
      <bpmn:incoming>Flow_to_review</bpmn:incoming>
      <bpmn:outgoing>Flow_wait_review</bpmn:outgoing>
      <bpmn:messageEventDefinition id="Message_def" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_wait_review" sourceRef="Event_wait" targetRef="Task_review" />
    <bpmn:userTask id="Task_review"`);
    expect(await reportsOf('waiting-task-limit', xml)).toEqual([
      expect.objectContaining({ id: 'Event_wait', message: expect.stringContaining('waits with no time limit') }),
    ]);
  });
});
