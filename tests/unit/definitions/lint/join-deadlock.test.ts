import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/join-deadlock', () => {
  it('flags a parallel join fed by the two ways out of an exclusive gateway', async () => {
    const { triggers } = await fixtureReports('join-deadlock');
    expect(triggers).toEqual([{ id: 'Gateway_join', category: 'error', message: expect.stringContaining('can wait forever') }]);
  });

  it('accepts a parallel join of the branches of a parallel split', async () => {
    expect((await fixtureReports('join-deadlock')).passes).toEqual([]);
  });

  it('flags a join that one branch reaches only by looping back from after the join', async () => {
    // The second branch into the join comes from the archive task, which runs only after the join.
    const xml = lintFixtureXml('join-deadlock.passes')
      .replace('<bpmn:sequenceFlow id="Flow_returned" name="不同意" sourceRef="Gateway_approved" targetRef="Gateway_join" />',
        '<bpmn:sequenceFlow id="Flow_returned" name="不同意" sourceRef="Gateway_approved" targetRef="EndEvent_archived" />\n    <bpmn:sequenceFlow id="Flow_back" sourceRef="Task_archive" targetRef="Gateway_join" />')
      .replace('<bpmn:incoming>Flow_returned</bpmn:incoming>\n      <bpmn:outgoing>Flow_join_out', '<bpmn:incoming>Flow_back</bpmn:incoming>\n      <bpmn:outgoing>Flow_join_out');
    expect(await reportsOf('join-deadlock', xml)).toEqual([expect.objectContaining({ id: 'Gateway_join' })]);
  });
});
