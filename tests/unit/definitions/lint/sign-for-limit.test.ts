import { describe, expect, it } from 'vitest';
import { fixtureReports } from './lint-fixture.ts';

describe('approval/sign-for-limit', () => {
  it('warns (does not fail) when a review task has no sign-for limit', async () => {
    const { triggers } = await fixtureReports('sign-for-limit');
    expect(triggers).toEqual([{ id: 'Task_review', category: 'warn', message: expect.stringContaining('approval:signForDays') }]);
  });

  it('accepts a sign-for limit set on every participant', async () => {
    expect((await fixtureReports('sign-for-limit')).passes).toEqual([]);
  });
});
