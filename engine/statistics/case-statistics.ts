/**
 * 统计: the figures supervisors and centres judge windows and departments by, for the cases
 * accepted in a period, by department, region, level or item. Pure: a source gathers the rows.
 *
 * Every figure of a row is about the cohort of cases accepted in [from, to), as they stood at
 * `asOf` (the end of the period, or now while the period runs) — so a month's report reads the
 * same whenever it is asked for.
 *
 * | figure | formula |
 * | --- | --- |
 * | accepted 受理 | cases accepted in the period |
 * | finished 办结 | of those, ended by `asOf` as completed (办结) or returned (退办) — not withdrawn |
 * | finishRate 办结率 | finished ÷ accepted |
 * | instantRate 即办率 | cases finished on their acceptance day (Shanghai date) ÷ accepted |
 * | onTimeRate 按期办结率 | finished no later than their promised limit (承诺时限, as moved by clock stops) ÷ finished |
 * | speedUpRate 提速率 | (Σ statutory days − Σ actual working days) ÷ Σ statutory days, over finished cases; per item this is the mean of each case's (statutory − actual) ÷ statutory |
 * | ratingRate 评价率 | finished cases rated by `asOf` ÷ finished |
 * | satisfactionRate 满意率 | ratings not 不满意-or-worse ÷ ratings |
 * | defaultConsents | opinions recorded by default (超时/不作为/未签收/缺席) on the cohort, by basis |
 * | caseWorkingDays | working days from acceptance to the end of finished cases: count, average, p50, p90 |
 * | taskWorkingDays | working days from a department's task arriving to its completion (given or by default): count, average, p50, p90 |
 *
 * Working days follow the limits (`elapsedWorkingDays`: start day not counted, clock stops left
 * out). Rates are percentages to 0.01, averages to 0.01 working days, percentiles nearest-rank
 * (see `figures.ts`); a rate whose denominator is 0 is null.
 */
import { localDate, type WorkingDayCalendar } from '../calendar/index.ts';
import type { Level } from '../org/levels.ts';
import type { AccountabilityBasis } from '../scoring/scoring-rules.ts';
import { percent, summarise, type DaySummary } from './figures.ts';
import { DEFAULT_BASES, type StatCase, type StatDefaultConsent, type StatisticsFilter, type StatisticsRows, type StatTask } from './statistics-types.ts';
import { elapsedWorkingDays } from './working-days.ts';

export const GROUP_BY = ['department', 'region', 'level', 'item'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface Figures {
  accepted: number;
  finished: number;
  /** 办结 (approved) and 退办 (returned) among the finished. */
  completed: number;
  returned: number;
  /** Withdrawn by `asOf` (neither finished nor open). */
  cancelled: number;
  /** Still running at `asOf`. */
  open: number;
  finishRate: number | null;
  instant: number;
  instantRate: number | null;
  onTime: number;
  onTimeRate: number | null;
  statutoryDays: number;
  actualWorkingDays: number;
  speedUpRate: number | null;
  rated: number;
  ratingRate: number | null;
  satisfied: number;
  satisfactionRate: number | null;
  defaultConsents: Record<AccountabilityBasis, number> & { total: number };
  caseWorkingDays: DaySummary;
  taskWorkingDays: DaySummary;
}

export interface StatisticsRow extends Figures {
  /** Department id, region code, level or item code. */
  key: string;
  name: string;
}

export interface Statistics {
  groupBy: GroupBy;
  from: Date;
  to: Date;
  asOf: Date;
  rows: StatisticsRow[];
  total: Figures;
}

/** One bottleneck row: a department on an item at a level. */
export interface Bottleneck {
  departmentId: string;
  departmentName: string;
  itemCode: string;
  itemName: string;
  level: Level;
  /** Tasks completed (given or by default) by `asOf`, and their working days. */
  completed: number;
  averageWorkingDays: number | null;
  p50WorkingDays: number | null;
  p90WorkingDays: number | null;
  maxWorkingDays: number | null;
  /** Completed after their limit, or recorded by default (签收 or review limit passed). */
  late: number;
  lateRate: number | null;
  /** Still waiting at `asOf`, and how many of those are past their limit. */
  pending: number;
  pendingOverdue: number;
  defaultConsents: Record<AccountabilityBasis, number> & { total: number };
}

/** The cohort and department rows in the caller's scope, with each case's working days worked out once. */
class Prepared {
  readonly caseById: Map<string, StatCase>;
  readonly tasks: StatTask[];
  readonly defaults: StatDefaultConsent[];
  private readonly taskDays = new Map<string, number>();

  constructor(rows: StatisticsRows, filter: StatisticsFilter, readonly calendar: WorkingDayCalendar, readonly asOf: Date) {
    this.caseById = new Map(rows.cases.map((c) => [c.caseId, c]));
    const inScope = (d: { departmentId: string; departmentRegionCode: string; level: Level }) => departmentInScope(d, filter);
    // Tasks closed by a withdrawal still say the department held the case; they have no working days.
    this.tasks = rows.tasks.filter((t) => this.caseById.has(t.caseId) && inScope(t) && before(t.createdAt, asOf));
    this.defaults = rows.defaults.filter((d) => this.caseById.has(d.caseId) && inScope(d) && before(d.recordedAt, asOf));
  }

  get cases(): StatCase[] {
    return [...this.caseById.values()];
  }

  /** Working days a completed task took; undefined while it was still waiting at `asOf`. */
  daysOf(task: StatTask): number | undefined {
    if (!this.completed(task)) return undefined;
    let days = this.taskDays.get(task.taskId);
    if (days === undefined) {
      const c = this.caseById.get(task.caseId)!;
      days = elapsedWorkingDays(this.calendar, task.createdAt, task.completedAt!, c.regionCode, c.stops);
      this.taskDays.set(task.taskId, days);
    }
    return days;
  }

  /** Done (given or by default) before `asOf`. */
  completed(task: StatTask): boolean {
    return task.status === 'done' && task.completedAt !== null && before(task.completedAt, this.asOf);
  }

  /** Still waiting at `asOf` (a task closed by the case's withdrawal is not). */
  waiting(task: StatTask): boolean {
    return task.completedAt === null || !before(task.completedAt, this.asOf);
  }
}

/** The figures of the cohort grouped by `groupBy`, plus the total over every case in scope. */
export function computeStatistics(
  rows: StatisticsRows, filter: StatisticsFilter, groupBy: GroupBy, calendar: WorkingDayCalendar, asOf: Date,
): Statistics {
  const p = new Prepared(rows, filter, calendar, asOf);
  const groups = new Map<string, { name: string; cases: Set<string>; tasks: StatTask[]; defaults: StatDefaultConsent[] }>();
  const group = (key: string, name: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name, cases: new Set(), tasks: [], defaults: [] }));
    return g;
  };
  if (groupBy === 'department') {
    for (const t of p.tasks) {
      const g = group(t.departmentId, t.departmentName);
      g.cases.add(t.caseId);
      g.tasks.push(t);
    }
    for (const d of p.defaults) {
      const g = group(d.departmentId, d.departmentName);
      g.cases.add(d.caseId);
      g.defaults.push(d);
    }
  } else {
    const keyOf = (c: StatCase): [string, string] =>
      groupBy === 'region' ? [c.regionCode, c.regionName] : groupBy === 'level' ? [c.level, LEVEL_NAMES[c.level]] : [c.itemCode, c.itemName];
    for (const c of p.cases) group(...keyOf(c)).cases.add(c.caseId);
    for (const t of p.tasks) group(...keyOf(p.caseById.get(t.caseId)!)).tasks.push(t);
    for (const d of p.defaults) group(...keyOf(p.caseById.get(d.caseId)!)).defaults.push(d);
  }
  const result = [...groups.entries()].map(([key, g]) => ({
    key, name: g.name, ...figures(p, [...g.cases].map((id) => p.caseById.get(id)!), g.tasks, g.defaults),
  }));
  result.sort((a, b) => b.accepted - a.accepted || a.key.localeCompare(b.key));
  return { groupBy, from: filter.from, to: filter.to, asOf, rows: result, total: figures(p, p.cases, p.tasks, p.defaults) };
}

/** 堵点: each department on each item at each level, slowest (p90, then average) first. */
export function computeBottlenecks(rows: StatisticsRows, filter: StatisticsFilter, calendar: WorkingDayCalendar, asOf: Date): Bottleneck[] {
  const p = new Prepared(rows, filter, calendar, asOf);
  const groups = new Map<string, { tasks: StatTask[]; defaults: StatDefaultConsent[]; sample: { departmentId: string; departmentName: string; level: Level; caseId: string } }>();
  const add = (x: { departmentId: string; departmentName: string; level: Level; caseId: string }) => {
    const key = `${x.departmentId}|${p.caseById.get(x.caseId)!.itemCode}|${x.level}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { tasks: [], defaults: [], sample: x }));
    return g;
  };
  for (const t of p.tasks) add(t).tasks.push(t);
  for (const d of p.defaults) add(d).defaults.push(d);
  const result: Bottleneck[] = [...groups.values()].map(({ tasks, defaults, sample }) => {
    const item = p.caseById.get(sample.caseId)!;
    const done = tasks.filter((t) => p.completed(t));
    const days = done.map((t) => p.daysOf(t)!);
    const summary = summarise(days);
    const defaulted = new Set(defaults.map((d) => d.taskId));
    const late = done.filter((t) => defaulted.has(t.taskId) || (t.dueAt !== null && t.completedAt!.getTime() > t.dueAt.getTime())).length;
    const pending = tasks.filter((t) => p.waiting(t));
    return {
      departmentId: sample.departmentId, departmentName: sample.departmentName, itemCode: item.itemCode, itemName: item.itemName, level: sample.level,
      completed: done.length, averageWorkingDays: summary.average, p50WorkingDays: summary.p50, p90WorkingDays: summary.p90,
      maxWorkingDays: days.length ? Math.max(...days) : null, late, lateRate: percent(late, done.length),
      pending: pending.length, pendingOverdue: pending.filter((t) => t.dueAt !== null && t.dueAt.getTime() < asOf.getTime()).length,
      defaultConsents: byBasis(defaults),
    };
  });
  const slow = (b: Bottleneck) => [b.p90WorkingDays ?? -1, b.averageWorkingDays ?? -1, b.pendingOverdue, b.late];
  return result.sort((a, b) => {
    const [x, y] = [slow(a), slow(b)];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return a.departmentId.localeCompare(b.departmentId) || a.itemCode.localeCompare(b.itemCode) || a.level.localeCompare(b.level);
  });
}

function figures(p: Prepared, cases: StatCase[], tasks: StatTask[], defaults: StatDefaultConsent[]): Figures {
  const ended = (c: StatCase) => c.endedAt !== null && before(c.endedAt, p.asOf);
  const finished = cases.filter((c) => ended(c) && (c.status === 'completed' || c.status === 'returned'));
  const cancelled = cases.filter((c) => ended(c) && c.status === 'cancelled').length;
  const instant = finished.filter((c) => localDate(c.endedAt!) === localDate(c.acceptedAt)).length;
  const onTime = finished.filter((c) => c.dueAt !== null && c.endedAt!.getTime() <= c.dueAt.getTime()).length;
  const caseDays = finished.map((c) => elapsedWorkingDays(p.calendar, c.acceptedAt, c.endedAt!, c.regionCode, c.stops));
  const statutoryDays = finished.reduce((sum, c) => sum + c.statutoryDays, 0);
  const actualWorkingDays = caseDays.reduce((sum, d) => sum + d, 0);
  const rated = finished.filter((c) => c.rating !== null && before(c.rating.ratedAt, p.asOf));
  const satisfied = rated.filter((c) => !c.rating!.dissatisfied).length;
  const taskDays = tasks.flatMap((t) => { const d = p.daysOf(t); return d === undefined ? [] : [d]; });
  return {
    accepted: cases.length,
    finished: finished.length,
    completed: finished.filter((c) => c.status === 'completed').length,
    returned: finished.filter((c) => c.status === 'returned').length,
    cancelled,
    open: cases.length - finished.length - cancelled,
    finishRate: percent(finished.length, cases.length),
    instant,
    instantRate: percent(instant, cases.length),
    onTime,
    onTimeRate: percent(onTime, finished.length),
    statutoryDays,
    actualWorkingDays,
    speedUpRate: percent(statutoryDays - actualWorkingDays, statutoryDays),
    rated: rated.length,
    ratingRate: percent(rated.length, finished.length),
    satisfied,
    satisfactionRate: percent(satisfied, rated.length),
    defaultConsents: byBasis(defaults),
    caseWorkingDays: summarise(caseDays),
    taskWorkingDays: summarise(taskDays),
  };
}

function byBasis(defaults: StatDefaultConsent[]): Record<AccountabilityBasis, number> & { total: number } {
  const counts = Object.fromEntries(DEFAULT_BASES.map((b) => [b, 0])) as Record<AccountabilityBasis, number>;
  for (const d of defaults) counts[d.basis] += 1;
  return { ...counts, total: defaults.length };
}

/** A department's rows count when it lies in the caller's regions, is the department asked for and at the level asked for. */
export function departmentInScope(d: { departmentId: string; departmentRegionCode: string; level: Level }, filter: StatisticsFilter): boolean {
  if (filter.departmentId && d.departmentId !== filter.departmentId) return false;
  if (filter.level && d.level !== filter.level) return false;
  return !filter.regionCodes || filter.regionCodes.includes(d.departmentRegionCode);
}

const before = (at: Date, asOf: Date): boolean => at.getTime() < asOf.getTime();

export const LEVEL_NAMES: Record<Level, string> = { province: '省级', city: '市级', county: '县级', township: '乡镇级' };
