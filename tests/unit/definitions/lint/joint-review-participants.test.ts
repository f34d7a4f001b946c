import { describe, expect, it } from 'vitest';
import { fixtureReports } from './lint-fixture.ts';

describe('approval/joint-review-participants', () => {
  it('flags a joint review that names no participant department', async () => {
    const { triggers } = await fixtureReports('joint-review-participants');
    expect(triggers).toEqual([{ id: 'Task_review', category: 'error', message: expect.stringContaining('no participant department') }]);
  });

  it('accepts a joint review with one participant', async () => {
    expect((await fixtureReports('joint-review-participants')).passes).toEqual([]);
  });
});
