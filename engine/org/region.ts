import type { Level } from './levels.ts';

/** An administrative region: a city, a county under it, or a township under a county. */
export interface Region {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

/** Read access to regions and departments; the PostgreSQL adapter and test fixtures implement it. */
export interface OrgDirectory {
  region(code: string): Promise<Region | undefined>;
  /** Which of these department ids ('<region>:<kind>') exist. */
  existingDepartments(ids: string[]): Promise<Set<string>>;
}

/** The region at `level` that contains `region` (itself, or an ancestor). */
export async function regionAtLevel(directory: OrgDirectory, region: Region, level: Level): Promise<Region | undefined> {
  let current: Region | undefined = region;
  while (current && current.level !== level) {
    current = current.parentCode ? await directory.region(current.parentCode) : undefined;
  }
  return current;
}

/** The id of a department kind within a region. */
export function departmentId(regionCode: string, kind: string): string {
  return `${regionCode}:${kind}`;
}
