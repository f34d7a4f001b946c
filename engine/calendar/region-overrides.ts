/**
 * Local calendar changes (a city's own festival, a county's make-up day) apply to the region
 * and every region below it; the nearest region's word wins for a given day.
 */
import type { Region } from '../org/region.ts';
import type { CalendarOverride, NamedDate } from './holiday-data.ts';

export interface OverrideDay {
  regionCode: string;
  date: string;
  working: boolean;
  name: string;
}

/** One override per region, each including what its ancestors declared. */
export function inheritedOverrides(regions: readonly Region[], days: readonly OverrideDay[]): Record<string, CalendarOverride> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const result: Record<string, CalendarOverride> = {};
  for (const region of regions) {
    const chosen = new Map<string, OverrideDay>();
    // Walk from the top down so that a nearer region overwrites a farther one.
    for (const code of ancestry(region, byCode).reverse()) {
      for (const day of days) if (day.regionCode === code) chosen.set(day.date, day);
    }
    if (chosen.size === 0) continue;
    const all = [...chosen.values()];
    const named = (working: boolean): NamedDate[] => all.filter((d) => d.working === working).map((d) => ({ date: d.date, name: d.name }));
    result[region.code] = { holidays: named(false), workdays: named(true) };
  }
  return result;
}

function ancestry(region: Region, byCode: ReadonlyMap<string, Region>): string[] {
  const codes: string[] = [];
  for (let r: Region | undefined = region; r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) codes.push(r.code);
  return codes;
}
