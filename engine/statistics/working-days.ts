/**
 * Elapsed working days as the limits count them: the start day is not counted, the end day is
 * (`WorkingDayCalendar.workingDaysBetween`), and time while the case clock stood still (补正,
 * expert review: 行政许可法 第四十五条) is taken out again. A stop from P to R removes the
 * working days after P up to and including R — exactly what pausing and resuming a limit does
 * (the pause day is spent, the resume day is not counted), so a case finished within its
 * promised limit never shows more working days than that limit.
 */
import type { WorkingDayCalendar } from '../calendar/index.ts';

/** A clock stop of a case: from `from` until `to` (null: still stopped). */
export interface ClockStop {
  from: Date;
  to: Date | null;
}

/** Working days from `from` to `to` on the case's calendar, clock stops in between left out. */
export function elapsedWorkingDays(
  calendar: WorkingDayCalendar, from: Date, to: Date, regionCode: string, stops: readonly ClockStop[] = [],
): number {
  if (to.getTime() <= from.getTime()) return 0;
  let days = calendar.workingDaysBetween(from, to, regionCode);
  for (const stop of stops) {
    const start = Math.max(stop.from.getTime(), from.getTime());
    const end = Math.min((stop.to ?? to).getTime(), to.getTime());
    if (end > start) days -= calendar.workingDaysBetween(new Date(start), new Date(end), regionCode);
  }
  return Math.max(0, days);
}

/** A case's clock stops from its `paused` / `resumed` events (in order). */
export function clockStops(events: ReadonlyArray<{ type: string; at: Date }>): ClockStop[] {
  const stops: ClockStop[] = [];
  for (const event of events) {
    if (event.type === 'paused') stops.push({ from: event.at, to: null });
    else if (event.type === 'resumed' && stops.length && stops.at(-1)!.to === null) stops.at(-1)!.to = event.at;
  }
  return stops;
}
