/**
 * The demo world: one province, a city with two counties and their townships, every
 * department kind at each level where it exists. Used by tests and (later) the demo seed.
 */
import { DEPARTMENT_KINDS } from './department-kinds.ts';
import type { Region } from './region.ts';
import { departmentId } from './region.ts';

export const DEMO_REGIONS: readonly Region[] = [
  { code: '990000', name: '示范省', level: 'province', parentCode: null },
  { code: '990100', name: '临川市', level: 'city', parentCode: '990000' },
  { code: '990121', name: '东阳县', level: 'county', parentCode: '990100' },
  { code: '990122', name: '西平县', level: 'county', parentCode: '990100' },
  { code: '990121001', name: '东阳县城关镇', level: 'township', parentCode: '990121' },
  { code: '990121002', name: '东阳县青石镇', level: 'township', parentCode: '990121' },
  { code: '990122001', name: '西平县柳河镇', level: 'township', parentCode: '990122' },
];

export interface DepartmentRow {
  id: string;
  regionCode: string;
  kind: string;
  name: string;
}

/** Every department of the demo world: each kind in each region whose level it exists at. */
export function demoDepartments(regions: readonly Region[] = DEMO_REGIONS): DepartmentRow[] {
  return regions.flatMap((region) =>
    DEPARTMENT_KINDS.filter((kind) => kind.levels.includes(region.level)).map((kind) => ({
      id: departmentId(region.code, kind.code), regionCode: region.code, kind: kind.code, name: `${region.name}${kind.name}`,
    })),
  );
}
