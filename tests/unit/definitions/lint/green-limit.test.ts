import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

describe('approval/green-limit', () => {
  it('flags a green-channel review limit longer than the normal one, and the participant it applies to', async () => {
    const { triggers } = await fixtureReports('green-limit');
    expect(triggers).toEqual([
      { id: 'Task_review', category: 'error', message: 'the green-channel limit (6 working days) is longer than the normal limit (5)' },
      // participant 3 has its own normal limit (4) but takes the task's green limit (6)
      { id: 'Task_review', category: 'error', message: expect.stringMatching(/^participant 3 \(rf, county\): .*\(6 working days\).*\(4\)/) },
    ]);
  });

  it('accepts green limits equal to the normal ones', async () => {
    expect((await fixtureReports('green-limit')).passes).toEqual([]);
  });

  it('flags a green promised limit longer than the promised limit, on the process', async () => {
    const xml = lintFixtureXml('green-limit.passes').replace('approval:greenPromisedDays="20"', 'approval:greenPromisedDays="21"');
    expect(await reportsOf('green-limit', xml)).toEqual([
      expect.objectContaining({ id: 'Process_joint', message: expect.stringContaining('green-channel promised limit (21 working days)') }),
    ]);
  });
});
