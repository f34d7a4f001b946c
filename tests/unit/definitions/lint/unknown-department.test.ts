import { describe, expect, it } from 'vitest';
import { fixtureReports, lintFixtureXml, reportsOf } from './lint-fixture.ts';

// What GET /api/org/departments gives a designer: kinds at the levels the centre has them.
const CENTRE = [
  { kind: 'xf', level: 'city' }, { kind: 'rf', level: 'county' }, { kind: 'jt', level: 'county' }, { kind: 'zrzy', level: 'city' },
];

describe('approval/unknown-department', () => {
  it('flags a department kind the platform does not know, naming the participant', async () => {
    const { triggers } = await fixtureReports('unknown-department');
    expect(triggers).toEqual([{ id: 'Task_review', category: 'error', message: 'participant 2 (police, city): unknown department "police"' }]);
  });

  it('accepts known kinds at levels where they exist', async () => {
    expect((await fixtureReports('unknown-department')).passes).toEqual([]);
    expect((await fixtureReports('unknown-department', { departments: CENTRE })).passes).toEqual([]);
  });

  it('checks against the department list it was created with', async () => {
    const withoutTransport = CENTRE.filter((d) => d.kind !== 'jt');
    expect(await reportsOf('unknown-department', lintFixtureXml('unknown-department.passes'), { departments: withoutTransport })).toEqual([
      expect.objectContaining({ id: 'Task_review', message: 'participant 2 (jt, county): unknown department "jt"' }),
    ]);
  });

  it('flags a known kind at a level where the centre has no such department', async () => {
    const cityTransportOnly = [...CENTRE.filter((d) => d.kind !== 'jt'), { kind: 'jt', level: 'city' }];
    expect(await reportsOf('unknown-department', lintFixtureXml('unknown-department.passes'), { departments: cityTransportOnly })).toEqual([
      expect.objectContaining({ message: 'participant 2 (jt, county): there is no "jt" department at level "county"' }),
    ]);
  });
});
