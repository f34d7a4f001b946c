import { describe, expect, it } from 'vitest';
import { fixtureReports } from './lint-fixture.ts';

describe('approval/promised-over-statutory', () => {
  it('flags a promised limit longer than the statutory limit, on the process', async () => {
    const { triggers } = await fixtureReports('promised-over-statutory');
    expect(triggers).toEqual([{
      id: 'Process_joint', category: 'error', message: 'the promised limit (41 working days) is longer than the statutory limit (40)',
    }]);
  });

  it('accepts a promised limit equal to the statutory limit', async () => {
    expect((await fixtureReports('promised-over-statutory')).passes).toEqual([]);
  });
});
