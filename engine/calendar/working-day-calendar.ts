/**
 * Working-day arithmetic for 法定时限 / 承诺时限 on the Chinese calendar.
 *
 * A local date is a working day when, in this order of precedence:
 *   (1) the region's override lists it (local day off or local working day);
 *   (2) the national year file lists it (holiday, or 调休 working weekend day);
 *   (3) otherwise it is Monday–Friday.
 * A year with no data file falls through to (3) but is reported as provisional, so a
 * deadline is never silently trusted before the State Council has published that year.
 *
 * Counting rule (addWorkingDays, resumeDeadline):
 *   - the day of acceptance is not counted (行政许可法: 期间开始之日不计算在内);
 *   - an instant at or after office close (default 17:30) or on a non-working day is taken
 *     as accepted on the next working day, and that day is not counted either;
 *   - the deadline is the end (23:59:59.999 Shanghai) of the Nth working day counted;
 *   - N = 0 (即办件) is the end of the acceptance day itself.
 */
import {
  bundledYears,
  CalendarDataError,
  validateCalendarOverride,
  validateYearCalendar,
  type CalendarOverride,
  type NamedDate,
  type YearCalendar,
} from './holiday-data.ts';
import {
  addLocalDays,
  assertLocalDate,
  endOfLocalDay,
  isWeekend,
  localDate,
  localTimeMinutes,
  startOfLocalDay,
} from './shanghai-time.ts';

/** A computed time limit; `provisional` when any day walked lies in a year without data. */
export type Deadline = { at: Date; provisional: boolean };

/** When the window stops accepting: 'HH:MM' Shanghai time. */
export type OfficeHours = { closeAt: string };

export type WorkingDayCalendarOptions = {
  years: readonly YearCalendar[];
  overrides?: Readonly<Record<string, CalendarOverride>>;
  officeHours?: OfficeHours;
};

type DayKind = 'holiday' | 'workday';
type DayTable = ReadonlyMap<string, DayKind>;

const DEFAULT_CLOSE_AT = '17:30';

export class WorkingDayCalendar {
  readonly #knownYears: ReadonlySet<number>;
  readonly #national: DayTable;
  readonly #regional: ReadonlyMap<string, DayTable>;
  readonly #closeAtMinutes: number;

  constructor(options: WorkingDayCalendarOptions) {
    const years = options.years.map((year) => validateYearCalendar(year));
    this.#knownYears = distinctYears(years);
    this.#national = dayTable(years.flatMap((year) => year.holidays), years.flatMap((year) => year.workdays));
    this.#regional = regionalTables(options.overrides ?? {});
    this.#closeAtMinutes = parseClockTime(options.officeHours?.closeAt ?? DEFAULT_CLOSE_AT);
  }

  /** A calendar over the year files shipped in `data/`. */
  static bundled(overrides?: Readonly<Record<string, CalendarOverride>>, officeHours?: OfficeHours): WorkingDayCalendar {
    return new WorkingDayCalendar({ years: bundledYears(), ...(overrides ? { overrides } : {}), ...(officeHours ? { officeHours } : {}) });
  }

  /** Whether offices are open on `date`: region override, then national data, then Mon–Fri. */
  isWorkingDay(date: string, regionCode?: string): boolean {
    const kind = this.#kindOf(date, regionCode);
    return kind === undefined ? !isWeekend(date) : kind === 'workday';
  }

  /** True when `date`'s year has no data file, so its working days are only a Mon–Fri guess. */
  isProvisional(date: string): boolean {
    assertLocalDate(date);
    return !this.#knownYears.has(yearOf(date));
  }

  /** The deadline `days` working days after acceptance at `from` (see the counting rule above). */
  addWorkingDays(from: Date, days: number, regionCode?: string): Deadline {
    assertDayCount(days, 'days');
    const acceptanceDay = this.#acceptanceDay(from, regionCode);
    const lastDay = this.#workingDayAfter(acceptanceDay, days, regionCode);
    return { at: endOfLocalDay(lastDay), provisional: this.#spansProvisional(localDate(from), lastDay) };
  }

  /** Working days d with localDate(from) < d ≤ localDate(to); 0 when `to` is not after `from`. */
  workingDaysBetween(from: Date, to: Date, regionCode?: string): number {
    const lastDay = localDate(to);
    let count = 0;
    for (let day = addLocalDays(localDate(from), 1); day <= lastDay; day = addLocalDays(day, 1)) {
      if (this.isWorkingDay(day, regionCode)) count += 1;
    }
    return count;
  }

  /** Working days left at `at` before `deadline`: today is not counted, the deadline's day is. */
  remainingWorkingDays(at: Date, deadline: Date, regionCode?: string): number {
    // Today is spent whatever the hour: the department has had it. Paired with
    // resumeDeadline (resume day not counted), stopping and restarting at once within
    // office hours gives back exactly the original deadline.
    return this.workingDaysBetween(at, deadline, regionCode);
  }

  /** The new deadline when a stopped clock restarts (行政许可法 第45条: 补正 time is not counted). */
  resumeDeadline(resumedAt: Date, remainingDays: number, regionCode?: string): Deadline {
    // Supplemented materials arrive like a new acceptance: same rule, same after-hours shift.
    return this.addWorkingDays(resumedAt, remainingDays, regionCode);
  }

  /** Start (00:00) of the working day from which `daysBefore` working days remain, the deadline's day included. */
  warningAt(deadline: Date, daysBefore: number, regionCode?: string): Date {
    assertDayCount(daysBefore, 'daysBefore');
    if (daysBefore === 0) throw new RangeError('daysBefore must be at least 1: 0 working days left is the red light');
    let day = localDate(deadline);
    let remaining = this.isWorkingDay(day, regionCode) ? 1 : 0;
    while (remaining < daysBefore) {
      day = addLocalDays(day, -1);
      if (this.isWorkingDay(day, regionCode)) remaining += 1;
    }
    return startOfLocalDay(day);
  }

  #kindOf(date: string, regionCode: string | undefined): DayKind | undefined {
    const regional = regionCode === undefined ? undefined : this.#regional.get(regionCode)?.get(date);
    return regional ?? this.#national.get(date);
  }

  // The local day the clock starts from; it is itself never counted.
  #acceptanceDay(instant: Date, regionCode: string | undefined): string {
    const day = localDate(instant);
    const withinHours = this.isWorkingDay(day, regionCode) && localTimeMinutes(instant) < this.#closeAtMinutes;
    return withinHours ? day : this.#workingDayAfter(day, 1, regionCode);
  }

  // The n-th working day strictly after `day`; `day` itself when n is 0.
  #workingDayAfter(day: string, n: number, regionCode: string | undefined): string {
    let current = day;
    for (let counted = 0; counted < n; ) {
      current = addLocalDays(current, 1);
      if (this.isWorkingDay(current, regionCode)) counted += 1;
    }
    return current;
  }

  // The walk covers every date from firstDay to lastDay, so checking the years is enough.
  #spansProvisional(firstDay: string, lastDay: string): boolean {
    for (let year = yearOf(firstDay); year <= yearOf(lastDay); year += 1) {
      if (!this.#knownYears.has(year)) return true;
    }
    return false;
  }
}

function distinctYears(years: readonly YearCalendar[]): ReadonlySet<number> {
  const seen = new Set<number>();
  for (const { year } of years) {
    if (seen.has(year)) throw new CalendarDataError(`calendar year ${year}`, ['year supplied twice']);
    seen.add(year);
  }
  return seen;
}

function regionalTables(overrides: Readonly<Record<string, CalendarOverride>>): ReadonlyMap<string, DayTable> {
  return new Map(
    Object.entries(overrides).map(([regionCode, data]) => {
      const override = validateCalendarOverride(regionCode, data);
      return [regionCode, dayTable(override.holidays ?? [], override.workdays ?? [])];
    }),
  );
}

function dayTable(holidays: readonly NamedDate[], workdays: readonly NamedDate[]): DayTable {
  return new Map<string, DayKind>([
    ...holidays.map((day): [string, DayKind] => [day.date, 'holiday']),
    ...workdays.map((day): [string, DayKind] => [day.date, 'workday']),
  ]);
}

function parseClockTime(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`office close time must be HH:MM, got "${value}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function assertDayCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
