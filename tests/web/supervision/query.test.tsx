// @vitest-environment jsdom
/** The filters become the same query for every list, chart and download. */
import { describe, expect, it } from 'vitest';
import { monthsUpTo, regionTree, subtreeOf } from '../../../web/src/supervision/filters.tsx';
import { apiPath, periodOf, periodParams, queryString, shanghaiMinute, shanghaiMonth } from '../../../web/src/supervision/query.ts';

const REGIONS = [
  { code: '990100', name: '临川市', level: 'city', parentCode: '990000' },
  { code: '990121', name: '东阳县', level: 'county', parentCode: '990100' },
  { code: '990122', name: '西平县', level: 'county', parentCode: '990100' },
  { code: '990121001', name: '城关镇', level: 'township', parentCode: '990121' },
];

describe('supervision filters as queries', () => {
  it('turns a month into its first and last day, leap years included', () => {
    expect(periodOf('2026-03')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodOf('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('reads instants in Shanghai time, where limits are counted', () => {
    expect(shanghaiMonth('2026-02-28T16:30:00Z')).toBe('2026-03');
    expect(shanghaiMonth('2026-02-28T15:59:59Z')).toBe('2026-02');
    expect(shanghaiMinute('2026-03-09T02:00:00.000Z')).toBe('2026-03-09 10:00');
  });

  it('leaves out the filters that are not set', () => {
    expect(queryString({ a: '1', b: null, c: undefined, d: '', e: 0 })).toBe('?a=1&e=0');
    expect(queryString({ a: null })).toBe('');
    expect(apiPath('/api/supervision/accountability', { ...periodParams({ month: '2026-03', regionCode: '990121', departmentId: null }), format: 'csv' }))
      .toBe('/api/supervision/accountability?from=2026-03-01&to=2026-03-31&regionCode=990121&format=csv');
  });

  it('offers the months up to the current one, across a year\'s end', () => {
    expect(monthsUpTo('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('builds the region tree under the supervisor\'s own region and finds a region\'s subtree', () => {
    const tree = regionTree(REGIONS);
    expect(tree.map((n) => n.value)).toEqual(['990100']);
    expect(tree[0]!.children.map((n) => n.title)).toEqual(['东阳县', '西平县']);
    expect(tree[0]!.children[0]!.children.map((n) => n.value)).toEqual(['990121001']);
    expect([...subtreeOf(REGIONS, '990121')].sort()).toEqual(['990121', '990121001']);
  });
});
