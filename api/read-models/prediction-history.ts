/**
 * What a 预计办结 on the progress page needs from history, read as a bounded sample: for each
 * department the case still waits for, its latest completions on the same item and step within
 * a year, looked for among its latest thousand completions (and, only when those are too few,
 * its latest completions of any kind), and the item's latest finished cases for the time from a
 * step to 办结.
 *
 * Why not the whole year (as the statistics once read it): over a million historical cases
 * the eight departments of a joint review completed 163,000 tasks in a year and the item
 * finished 30,000 cases; shipping them and counting each one's working days took 12 s per
 * running case (3 s of SQL), and a project read asks for each of its cases. The latest few
 * hundred samples give the same percentiles of how long a step takes today, in milliseconds.
 *
 * A project's cases share their departments and item, which are read once. Each sample's
 * working days are counted once, when it is read, not on every page that uses it: a page predicts
 * from ~1,800 samples, and counting them per request was most of an open case's progress read
 * (10.6 ms of Node CPU per request over the bench's million historical cases, more than half of it
 * the prediction's per-sample work — this counting, the stops' lookups, copies and sorts;
 * README → Benchmarks, fourteenth session).
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { WorkingDayCalendar } from '../../engine/calendar/index.ts';
import {
  DEFAULT_MIN_SAMPLES, predictCompletion, tailWorkingDays, taskWorkingDays,
  type HistoryTask, type PendingTask, type Prediction, type PredictionCase, type PredictionInput, type TailSample,
} from '../../engine/statistics/predict-completion.ts';
import { clockStops, type ClockStop } from '../../engine/statistics/working-days.ts';

/** Completions per department (and finished cases per item) a prediction looks at. */
export const PREDICTION_SAMPLES = 200;
/** A department's latest completions looked through for those on the case's item and step, in samples. */
const SCANNED_PER_SAMPLE = 5;
/** Remembered samples and stops per kind, at most (a node's departments × items, sampled cases). */
const MAX_ENTRIES = 50_000;
/** How far back the samples may reach (as the statistics' own prediction). */
const HISTORY_MS = 365 * 24 * 3_600_000;

interface Sample extends HistoryTask { taskId: string; caseId: string; workingDays: number }
interface Tail extends TailSample { caseId: string; workingDays: number }

// Latest completions of department d, newest first, off tasks_department_done: among its latest
// $7 (when $4 is given, only those on item $4 and steps $5), the newest $6.
const DEPARTMENT_SAMPLES_SQL = `
  SELECT d.department_id, x.id, x.case_id, x.item_code, x.element_id, x.created_at, x.completed_at, x.region_code
    FROM unnest($1::text[]) AS d(department_id)
   CROSS JOIN LATERAL (
     SELECT t.id, t.case_id, c.item_code, t.element_id, t.created_at, t.completed_at, c.region_code
       FROM (SELECT id, case_id, element_id, created_at, completed_at FROM tasks
              WHERE department_id = d.department_id AND status = 'done' AND completed_at >= $2 AND completed_at <= $3
              ORDER BY completed_at DESC
              LIMIT $7) t
       JOIN cases c ON c.id = t.case_id
      WHERE $4::text IS NULL OR (c.item_code = $4 AND t.element_id = ANY($5::text[]))
      ORDER BY t.completed_at DESC
      LIMIT $6) x`;

// The item's latest finished cases (off cases_item_completed), with when each step's last task was done.
const TAILS_SQL = `
  SELECT c.id AS case_id, c.region_code, c.ended_at, t.element_id, max(t.completed_at) AS completed_at
    FROM (SELECT id, region_code, ended_at FROM cases
           WHERE item_code = $1 AND status = 'completed' AND ended_at >= $2 AND ended_at <= $3
           ORDER BY ended_at DESC LIMIT $5) c
    JOIN tasks t ON t.case_id = c.id
   WHERE t.status = 'done' AND t.department_id IS NOT NULL AND t.element_id = ANY($4::text[])
   GROUP BY c.id, c.region_code, c.ended_at, t.element_id`;

const STOPS_SQL = `SELECT case_id, type, at FROM case_events WHERE case_id = ANY($1::uuid[]) AND type IN ('paused', 'resumed') ORDER BY case_id, seq`;

interface Entry<T> { at: number; value: Promise<T> }

/**
 * Shared by every progress read of a node: a sample is read at most once a minute (by the
 * runtime clock) per department, item and step, so a project's cases, and the next
 * applicant's page, reuse it. A prediction may thus miss the last minute's completions.
 * Working days are counted on `calendar`, the one the predictions use.
 */
export class PredictionHistory {
  private readonly samples = new Map<string, Entry<Sample[]>>();
  private readonly tails = new Map<string, Entry<Tail[]>>();
  private readonly stops = new Map<string, Entry<ClockStop[]>>();
  private readonly calendar: WorkingDayCalendar;

  constructor(private readonly pool: Pool, calendar: WorkingDayCalendar, private readonly limit = PREDICTION_SAMPLES, private readonly maxAgeMs = 60_000) {
    this.calendar = rememberingCalendar(calendar);
  }

  /** 预计办结 of a case with its pending department tasks, at `now`. */
  async predict(c: Omit<PredictionCase, 'stops'>, pending: PendingTask[], now: Date): Promise<Prediction> {
    return predictCompletion(await this.inputFor(c, pending, now), this.calendar, now);
  }

  /** The input of predictCompletion for a case and its pending department tasks at `now` (samples with their working days counted). */
  async inputFor(c: Omit<PredictionCase, 'stops'>, pending: PendingTask[], now: Date): Promise<PredictionInput> {
    const departments = [...new Set(pending.map((t) => t.departmentId))];
    const elements = [...new Set(pending.map((t) => t.elementId))].sort();
    const [stepSamples, tailLists, stops] = await Promise.all([
      this.samplesOf(departments, c.itemCode, elements, now),
      Promise.all(elements.map((e) => this.tailsOf(c.itemCode, e, now))),
      // The case's own clock stops, read every time: it may have been paused a moment ago.
      this.pool.query(STOPS_SQL, [[c.caseId]]).then(({ rows }) => clockStops(rows)),
    ]);
    // Another case's history: the case's own earlier rounds do not predict it.
    const others = (samples: Sample[]) => (samples.some((s) => s.caseId === c.caseId) ? samples.filter((s) => s.caseId !== c.caseId) : samples);
    const steps = stepSamples.map(others);
    // Too few on this item and step: predictCompletion falls back to all the department's tasks.
    const few = departments.filter((_, i) => steps[i]!.length < DEFAULT_MIN_SAMPLES);
    const anyKind = new Map((await this.samplesOf(few, null, [], now)).map((list, i) => [few[i]!, list]));
    const byDepartment = new Map(departments.map((d, i) => {
      const step = steps[i]!;
      const all = anyKind.get(d);
      if (!all) return [d, step];
      const seen = new Set(step.map((s) => s.taskId));
      return [d, [...step, ...others(all).filter((s) => !seen.has(s.taskId))]];
    }));
    // The remembered lists themselves (unless this case's own samples were left out): what the
    // prediction takes from them is kept with them until the next minute's samples replace them.
    const byStep = new Map(elements.map((e, i) => [e, tailLists[i]!]));
    return {
      case: { ...c, stops }, pending, history: [...byDepartment.values()].flat(), tails: tailLists.flat(),
      grouped: { history: byDepartment, tails: byStep },
    };
  }

  /** Each department's sample (on the item and steps, or of any kind without an item), the missing ones in one statement. */
  private samplesOf(departments: string[], itemCode: string | null, elements: string[], now: Date): Promise<Sample[][]> {
    const keyOf = (d: string) => (itemCode === null ? `any ${d}` : `${d} ${itemCode} ${elements.join(',')}`);
    const lists = new Map(departments.map((d) => [d, this.fresh(this.samples, keyOf(d), now) ? this.samples.get(keyOf(d))!.value : undefined]));
    const missing = departments.filter((d) => !lists.get(d));
    if (missing.length > 0) {
      const since = new Date(now.getTime() - HISTORY_MS);
      const scanned = itemCode === null ? this.limit : this.limit * SCANNED_PER_SAMPLE;
      const read = this.pool.query(DEPARTMENT_SAMPLES_SQL, [missing, since, now, itemCode, elements, this.limit, scanned]).then(async ({ rows }) => {
        const stops = await this.stopsOf(rows.map((r) => r.case_id as string), now);
        const byDepartment = new Map<string, Sample[]>();
        for (const r of rows) {
          const task = {
            departmentId: r.department_id, itemCode: r.item_code, elementId: r.element_id,
            createdAt: r.created_at, completedAt: r.completed_at, regionCode: r.region_code, stops: stops.get(r.case_id) ?? [],
          };
          const sample: Sample = { taskId: r.id, caseId: r.case_id, ...task, workingDays: taskWorkingDays(this.calendar, task) };
          const list = byDepartment.get(sample.departmentId);
          if (list) list.push(sample);
          else byDepartment.set(sample.departmentId, [sample]);
        }
        return byDepartment;
      });
      for (const d of missing) lists.set(d, this.remember(this.samples, keyOf(d), now, read.then((all) => all.get(d) ?? [])));
    }
    return Promise.all(departments.map((d) => lists.get(d)!));
  }

  private tailsOf(itemCode: string, elementId: string, now: Date): Promise<Tail[]> {
    const key = `${itemCode} ${elementId}`;
    if (this.fresh(this.tails, key, now)) return this.tails.get(key)!.value;
    const since = new Date(now.getTime() - HISTORY_MS);
    return this.remember(this.tails, key, now, this.pool.query(TAILS_SQL, [itemCode, since, now, [elementId], this.limit]).then(async ({ rows }) => {
      const stops = await this.stopsOf(rows.map((r) => r.case_id as string), now);
      return rows.map((r) => {
        const tail = { elementId: r.element_id, completedAt: r.completed_at, endedAt: r.ended_at, regionCode: r.region_code, stops: stops.get(r.case_id) ?? [] };
        return { caseId: r.case_id, ...tail, workingDays: tailWorkingDays(this.calendar, tail) };
      });
    }));
  }

  /** Clock stops (补正, pauses) of sampled cases, the missing ones in one statement (remembered: a case is sampled for several departments). */
  private async stopsOf(sampled: string[], now: Date): Promise<Map<string, ClockStop[]>> {
    const ids = [...new Set(sampled)];
    const lists = new Map(ids.map((id) => [id, this.fresh(this.stops, id, now) ? this.stops.get(id)!.value : undefined]));
    const missing = ids.filter((id) => !lists.get(id));
    if (missing.length > 0) {
      const read = this.pool.query(STOPS_SQL, [missing]).then(({ rows }) => {
        const events = new Map<string, Array<{ type: string; at: Date }>>();
        for (const r of rows) {
          const list = events.get(r.case_id);
          if (list) list.push({ type: r.type, at: r.at });
          else events.set(r.case_id, [{ type: r.type, at: r.at }]);
        }
        return events;
      });
      for (const id of missing) lists.set(id, this.remember(this.stops, id, now, read.then((events) => clockStops(events.get(id) ?? []))));
    }
    const resolved = await Promise.all(ids.map((id) => lists.get(id)!));
    return new Map(ids.map((id, i) => [id, resolved[i]!]));
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string, now: Date): boolean {
    const entry = map.get(key);
    const age = entry ? now.getTime() - entry.at : Number.NaN;
    return age >= 0 && age <= this.maxAgeMs;
  }

  /** Keep `value` under `key` for maxAgeMs; answers it (a full map may forget other keys meanwhile). */
  private remember<T>(map: Map<string, Entry<T>>, key: string, now: Date, value: Promise<T>): Promise<T> {
    // A failed read is not remembered.
    value.catch(() => { if (map.get(key)?.value === value) map.delete(key); });
    if (map.size >= MAX_ENTRIES) {
      for (const [k, e] of map) if (!(now.getTime() - e.at <= this.maxAgeMs)) map.delete(k);
      if (map.size >= MAX_ENTRIES) map.clear();
    }
    map.set(key, { at: now.getTime(), value });
    return value;
  }
}

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
const remembering = new WeakMap<WorkingDayCalendar, WorkingDayCalendar>();

/**
 * The calendar, remembering its working-day counts: a prediction counts the working days of
 * every sample (a day-by-day walk each), and the samples share their few start and end days.
 * workingDaysBetween depends only on the two Shanghai dates and the region (its contract).
 */
export function rememberingCalendar(calendar: WorkingDayCalendar): WorkingDayCalendar {
  let wrapped = remembering.get(calendar);
  if (!wrapped) {
    const counts = new Map<string, number>();
    const between = (from: Date, to: Date, regionCode?: string): number => {
      const key = `${regionCode ?? ''} ${Math.floor((from.getTime() + SHANGHAI_MS) / DAY_MS)} ${Math.floor((to.getTime() + SHANGHAI_MS) / DAY_MS)}`;
      let days = counts.get(key);
      if (days === undefined) {
        if (counts.size >= MAX_ENTRIES) counts.clear();
        counts.set(key, (days = calendar.workingDaysBetween(from, to, regionCode)));
      }
      return days;
    };
    wrapped = new Proxy(calendar, {
      get: (target, property) => {
        if (property === 'workingDaysBetween') return between;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    remembering.set(calendar, wrapped);
  }
  return wrapped;
}
