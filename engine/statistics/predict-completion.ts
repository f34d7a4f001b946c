/**
 * 预计办结时间: when an open case will likely be finished, from how long the departments it
 * still waits for really took (working days), shown with its uncertainty — a median (p50) and a
 * cautious (p90) date — and the promised limit beside it. Pure: a source gathers the history.
 *
 * For each department task still pending:
 *   stage   = max(0, that department's historical p50/p90 working days on this step − working days it has already had)
 *   after   = p50/p90 working days from this step's completion to the case's end (办结), in finished cases of the item
 *   remains = stage + after
 * The case's remaining working days are the largest `remains` over the pending tasks (they run
 * in parallel; the slowest decides); the dates are that many working days from now on the
 * case's calendar. The department's history is taken on the same item and step when it has at
 * least `minSamples` completions, else over all its tasks; when a pending department or the
 * rest of the process has no such history, the prediction falls back to the promised limit.
 */
import type { WorkingDayCalendar } from '../calendar/index.ts';
import type { CaseStatus } from '../cases/case-types.ts';
import type { Level } from '../org/levels.ts';
import { percentileOfSorted } from './figures.ts';
import { elapsedWorkingDays, type ClockStop } from './working-days.ts';

export interface PredictionCase {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  status: CaseStatus;
  acceptedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  endedAt: Date | null;
  stops: ClockStop[];
}

export interface PendingTask {
  taskId: string;
  elementId: string;
  departmentId: string;
  departmentName: string;
  level: Level | null;
  createdAt: Date;
  dueAt: Date | null;
}

/** A department task completed in the past (given or by default). */
export interface HistoryTask {
  departmentId: string;
  itemCode: string;
  elementId: string;
  createdAt: Date;
  completedAt: Date;
  regionCode: string;
  stops: ClockStop[];
  /** Its working days (`taskWorkingDays`), when the source counted them already on the calendar predictCompletion is given. */
  workingDays?: number;
}

/** In a finished (办结) case of the item: when a step's last task was completed, and when the case ended. */
export interface TailSample {
  elementId: string;
  completedAt: Date;
  endedAt: Date;
  regionCode: string;
  stops: ClockStop[];
  /** Its working days (`tailWorkingDays`), when the source counted them already on the calendar predictCompletion is given. */
  workingDays?: number;
}

/** Working days a past department task took, its case's clock stops left out. */
export function taskWorkingDays(calendar: WorkingDayCalendar, h: Omit<HistoryTask, 'workingDays'>): number {
  return elapsedWorkingDays(calendar, h.createdAt, h.completedAt, h.regionCode, h.stops);
}

/** Working days from a step's completion to its case's 办结, clock stops left out. */
export function tailWorkingDays(calendar: WorkingDayCalendar, t: Omit<TailSample, 'workingDays'>): number {
  return elapsedWorkingDays(calendar, t.completedAt, t.endedAt, t.regionCode, t.stops);
}

export interface PredictionInput {
  case: PredictionCase;
  pending: PendingTask[];
  history: HistoryTask[];
  tails: TailSample[];
  /**
   * The same history by department and tails by step, as lists that never change (a source's
   * remembered samples, their working days counted): what is taken from such a list is
   * remembered with it, so the pages of a minute sort a sample once, not on every page.
   */
  grouped?: { history: ReadonlyMap<string, readonly HistoryTask[]>; tails: ReadonlyMap<string, readonly TailSample[]> };
}

export interface Spread {
  samples: number;
  p50: number | null;
  p90: number | null;
}

export interface PendingEstimate {
  taskId: string;
  elementId: string;
  departmentId: string;
  departmentName: string;
  level: Level | null;
  /** Working days the department has had so far. */
  elapsedWorkingDays: number;
  /** Its history: same item and step, all its tasks, or none. */
  latency: Spread & { basis: 'item-step' | 'department' | 'none' };
  /** From this step to the end of the case, in finished cases of the item. */
  afterwards: Spread;
  /** Working days still expected (p50, p90); null without history. */
  remaining: { p50: number; p90: number } | null;
}

export type Prediction =
  | { caseId: string; caseNumber: string; state: 'ended'; endedAt: Date | null }
  | { caseId: string; caseNumber: string; state: 'not-accepted' }
  | { caseId: string; caseNumber: string; state: 'clock-stopped'; pausedAt: Date; pending: PendingEstimate[] }
  | {
      caseId: string;
      caseNumber: string;
      state: 'predicted';
      /** 'history': from the departments' real latency; 'promised-limit': no history to go on. */
      basis: 'history' | 'promised-limit';
      promisedDate: Date | null;
      p50: { date: Date; remainingWorkingDays: number };
      p90: { date: Date; remainingWorkingDays: number };
      /** The cautious date lies after the promised limit. */
      p90BeyondPromised: boolean;
      pending: PendingEstimate[];
    };

export const DEFAULT_MIN_SAMPLES = 3;

export function predictCompletion(input: PredictionInput, calendar: WorkingDayCalendar, now: Date, minSamples = DEFAULT_MIN_SAMPLES): Prediction {
  const c = input.case;
  const ref = { caseId: c.caseId, caseNumber: c.caseNumber };
  if (c.status !== 'running') return { ...ref, state: 'ended', endedAt: c.endedAt };
  if (!c.acceptedAt) return { ...ref, state: 'not-accepted' };
  // Grouped once: a page's history holds ~200 samples for each of up to a dozen departments.
  const historyOf = input.grouped?.history ?? groupBy(input.history, (h) => h.departmentId);
  const tailsOf = input.grouped?.tails ?? groupBy(input.tails, (t) => t.elementId);
  const pending = input.pending.map((task): PendingEstimate => {
    const elapsed = elapsedWorkingDays(calendar, task.createdAt, now, c.regionCode, c.stops);
    const own = historyOf.get(task.departmentId) ?? NONE;
    const latency = taken(own, `latency ${minSamples} ${c.itemCode} ${task.elementId}`, () => {
      const step = own.filter((h) => h.itemCode === c.itemCode && h.elementId === task.elementId);
      const [basis, samples] = step.length >= minSamples ? ['item-step', step] as const : own.length >= minSamples ? ['department', own] as const : ['none', []] as const;
      return Object.freeze({ basis, ...spread(samples.map((h) => h.workingDays ?? taskWorkingDays(calendar, h)), minSamples) });
    });
    const tails = tailsOf.get(task.elementId) ?? NONE;
    // The same for every pending task of a step.
    const afterwards = taken(tails, `afterwards ${minSamples}`, () => Object.freeze(spread(tails.map((t) => t.workingDays ?? tailWorkingDays(calendar, t)), minSamples)));
    const remaining = latency.p50 === null || latency.p90 === null || afterwards.p50 === null || afterwards.p90 === null ? null : {
      p50: Math.max(0, latency.p50 - elapsed) + afterwards.p50,
      p90: Math.max(0, latency.p90 - elapsed) + afterwards.p90,
    };
    return {
      taskId: task.taskId, elementId: task.elementId, departmentId: task.departmentId, departmentName: task.departmentName, level: task.level,
      elapsedWorkingDays: elapsed, latency, afterwards, remaining,
    };
  });
  if (c.pausedAt) return { ...ref, state: 'clock-stopped', pausedAt: c.pausedAt, pending };

  const known = pending.length > 0 && pending.every((p) => p.remaining !== null);
  const promisedDays = c.dueAt ? calendar.remainingWorkingDays(now, c.dueAt, c.regionCode) : 0;
  const [r50, r90] = known
    ? [Math.max(...pending.map((p) => p.remaining!.p50)), Math.max(...pending.map((p) => p.remaining!.p90))]
    : [promisedDays, promisedDays];
  const dateIn = (n: number): Date => (!known && c.dueAt ? c.dueAt : calendar.addWorkingDays(now, n, c.regionCode).at);
  const p90 = { date: dateIn(r90), remainingWorkingDays: r90 };
  return {
    ...ref, state: 'predicted', basis: known ? 'history' : 'promised-limit', promisedDate: c.dueAt,
    p50: { date: dateIn(r50), remainingWorkingDays: r50 }, p90,
    p90BeyondPromised: c.dueAt !== null && p90.date.getTime() > c.dueAt.getTime(), pending,
  };
}

const NONE: readonly never[] = [];

// What was taken from a list, by what was asked: for a list of PredictionInput.grouped (which
// never changes) across calls; otherwise the lists are this call's own grouping, new each call,
// and a step's tails are still spread once for all its pending tasks.
const takenFrom = new WeakMap<object, Map<string, unknown>>();
function taken<T>(list: object, key: string, take: () => T): T {
  let answers = takenFrom.get(list);
  if (!answers) takenFrom.set(list, (answers = new Map()));
  if (!answers.has(key)) answers.set(key, take());
  return answers.get(key) as T;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function spread(values: number[], minSamples: number): Spread {
  if (values.length < minSamples) return { samples: values.length, p50: null, p90: null };
  // A typed array sorts numerically without calling a comparator for every pair.
  const sorted = Float64Array.from(values).sort();
  return { samples: values.length, p50: percentileOfSorted(sorted, 50), p90: percentileOfSorted(sorted, 90) };
}
