import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/gateway-default', () => {
  it('flags an exclusive gateway whose conditions may all be false and which has no default flow', async () => {
    const { triggers } = await fixtureReports('gateway-default');
    expect(triggers).toEqual([{ id: 'Gateway_approved', category: 'error', message: expect.stringContaining('needs a default flow') }]);
  });

  it('accepts a gateway with a default flow', async () => {
    expect((await fixtureReports('gateway-default')).passes).toEqual([]);
  });

  it('flags a gateway whose only way out has a condition', async () => {
    const xml = lintFixtureXml('gateway-default.triggers')
      .replace('      <bpmn:outgoing>Flow_returned</bpmn:outgoing>\n', '')
      .replace(/<bpmn:sequenceFlow id="Flow_returned".*?<\/bpmn:sequenceFlow>/s, '')
      .replace('<bpmn:incoming>Flow_returned</bpmn:incoming>', '')
      .replace(/<bpmndi:BPMNEdge id="Flow_returned_di".*?<\/bpmndi:BPMNEdge>/s, '');
    expect(await reportsOf('gateway-default', xml)).toContainEqual(expect.objectContaining({
      id: 'Gateway_approved', message: expect.stringContaining('only way out of this gateway has a condition'),
    }));
  });
});
