/**
 * Many in-flight construction-permit cases with their real pending deadlines, made fast: a few
 * template cases per cohort go through the real Runtime (apply, accept), then each is copied
 * in SQL (case row with its engine state, tasks, timers, events; new ids, task ids rewritten
 * in the timer keys), and every pending timer of the copies gets its agenda job, written as
 * AgendaTimerScheduler.schedule() writes it. Firing a copied timer is the real path: the
 * runtime loads the copy, rebuilds its engine from the stored state and applies the timer.
 *
 * Cohorts: cases accepted on successive working days, so their deadlines (end of a working
 * day, 23:59:59.999) cluster per day as they do in a service centre. The cohort accepted first
 * is the burst: its eight 签收 deadlines per case are the earliest pending timers, all at one
 * instant. Cases still waiting for acceptance make up the rest of the open cases.
 */
import { AgendaTimerScheduler } from '../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { ManualClock, type Clock } from '../engine/clock/clock.ts';
import { MATERIALS } from './journeys.ts';
import { COUNTY, ITEM, type BenchApp } from './world.ts';

/** Working days after BENCH_MORNING's Monday on which cohorts are accepted (Mon … Fri). */
const COHORT_DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** Counties the cases are spread over (each with its own eight departments). */
const COUNTIES = [COUNTY, '990122'];

export interface InFlightOptions {
  /** Open cases in all. */
  cases: number;
  /** Of which accepted (in joint review, ~26 pending timers each); the rest wait for acceptance. */
  accepted: number;
  /** Accepted cases of the first cohort, whose 签收 deadlines fall due at one instant. */
  burstCases: number;
}

export interface InFlightWorld {
  caseIds: { burst: string[]; accepted: string[]; applied: string[] };
  /** The instant the burst falls due (case time). */
  burstAt: Date;
  /** Pending timers of the in-flight cases, and how many fall due at `burstAt`. */
  pendingTimers: number;
  burstTimers: number;
  agendaJobs: number;
  buildSeconds: number;
}

/**
 * A clock that runs at the wall clock's speed from a chosen instant: the bench moves the
 * domain's "now" just before a deadline and lets real time make it fall due.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Make `now()` read `instant` at this moment. */
  setNow(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
  /** Case time → wall-clock time. */
  toWall(instant: Date): Date {
    return new Date(instant.getTime() - this.offsetMs);
  }
}

interface Template {
  caseId: string;
  copies: number;
  kind: 'burst' | 'accepted' | 'applied';
}

export async function buildInFlightWorld(app: BenchApp, options: InFlightOptions): Promise<InFlightWorld> {
  const started = performance.now();
  const clock = new ManualClock(`${COHORT_DAYS[0]}T09:00:00+08:00`);
  const runtime = app.newRuntime({ clock });
  const templates: Template[] = [];
  const split = (total: number, parts: number) => Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

  const apply = async (county: string) => (await runtime.startCase({ itemCode: ITEM, regionCode: county, applicantId: 'u-bench-applicant', materials: MATERIALS }));
  const applyAndAccept = async (county: string) => {
    const started = await apply(county);
    const accept = started.openTasks.find((t) => t.elementId === 'accept')!;
    await runtime.completeTask({ caseId: started.caseId, taskId: accept.id, outcome: 'accepted', actor: 'u-window' });
    return started.caseId;
  };

  // Cohort 0 (the burst), accepted on Monday at 09:00 in both counties.
  const burstSplit = split(options.burstCases, COUNTIES.length);
  for (const [i, county] of COUNTIES.entries()) {
    if (burstSplit[i]! > 0) templates.push({ caseId: await applyAndAccept(county), copies: burstSplit[i]!, kind: 'burst' });
  }
  // Later cohorts, one per working day, and the cases still waiting for acceptance (applied on Wednesday).
  const later = split(Math.max(0, options.accepted - options.burstCases), (COHORT_DAYS.length - 1) * COUNTIES.length);
  for (let day = 1; day < COHORT_DAYS.length; day += 1) {
    clock.set(`${COHORT_DAYS[day]}T09:00:00+08:00`);
    for (const [i, county] of COUNTIES.entries()) {
      const copies = later[(day - 1) * COUNTIES.length + i]!;
      if (copies > 0) templates.push({ caseId: await applyAndAccept(county), copies, kind: 'accepted' });
    }
    if (day === 2) {
      const applied = split(Math.max(0, options.cases - options.accepted), COUNTIES.length);
      for (const [i, county] of COUNTIES.entries()) {
        if (applied[i]! > 0) templates.push({ caseId: (await apply(county)).caseId, copies: applied[i]!, kind: 'applied' });
      }
    }
  }

  const caseIds: InFlightWorld['caseIds'] = { burst: [], accepted: [], applied: [] };
  const client = await app.pool.connect();
  try {
    await client.query('BEGIN');
    for (const t of templates) {
      // The template is one of the cases; its copies are the others.
      const { rows } = await client.query<{ id: string }>(CLONE_SQL, [t.caseId, t.copies - 1]);
      caseIds[t.kind].push(t.caseId, ...rows.map((r) => r.id));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }

  // agenda creates its table on connect; then one job per pending timer, as schedule() saves it.
  // They are written far in the future (wall clock) and moved when the burst is due.
  const agenda = await AgendaTimerScheduler.start({ connectionString: app.url, wake: async () => {}, processEvery: 3_600_000 });
  await agenda.stop();
  const all = [...caseIds.burst, ...caseIds.accepted, ...caseIds.applied];
  const { rowCount: agendaJobs } = await app.pool.query(
    `INSERT INTO agenda_jobs (name, priority, next_run_at, type, data, disabled)
     SELECT 'case-timer', 0, t.due_at + interval '10 years', 'normal', jsonb_build_object('caseId', t.case_id, 'key', t.key), false
       FROM case_timers t
      WHERE t.case_id = ANY($1::uuid[]) AND t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.remaining_days IS NULL`, [all]);
  const counts = await app.pool.query<{ pending: number; first: Date; at_first: number }>(
    `WITH p AS (SELECT due_at FROM case_timers WHERE case_id = ANY($1::uuid[]) AND fired_at IS NULL AND cancelled_at IS NULL AND remaining_days IS NULL)
     SELECT (SELECT count(*)::int FROM p) AS pending, (SELECT min(due_at) FROM p) AS first,
            (SELECT count(*)::int FROM p WHERE due_at = (SELECT min(due_at) FROM p)) AS at_first`, [all]);
  await app.pool.query('ANALYZE cases; ANALYZE tasks; ANALYZE case_timers; ANALYZE case_events; ANALYZE agenda_jobs');
  const c = counts.rows[0]!;
  return {
    caseIds, burstAt: c.first, pendingTimers: c.pending, burstTimers: c.at_first, agendaJobs: agendaJobs ?? 0,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** Agenda jobs were written 10 years late: move them so that case time `caseNow` is wall time now. */
export async function alignAgendaJobs(app: BenchApp, clock: ShiftedClock, caseIds: string[]): Promise<void> {
  const tenYears = `interval '10 years'`;
  await app.pool.query(
    `UPDATE agenda_jobs j SET next_run_at = t.due_at - $2::bigint * interval '1 millisecond'
       FROM case_timers t
      WHERE j.name = 'case-timer' AND j.data->>'caseId' = t.case_id::text AND j.data->>'key' = t.key
        AND t.case_id = ANY($1::uuid[]) AND j.next_run_at = t.due_at + ${tenYears}`,
    [caseIds, clock.now().getTime() - Date.now()]);
}

/**
 * Copy one case $2 times: the case row (engine state included), its tasks, timers and events,
 * with ids derived from (old id, copy number). Returns the new case ids.
 */
/** A version-4-shaped uuid derived from a text (the API validates ids as RFC 4122 uuids). */
const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

const CLONE_SQL = `
WITH src AS (SELECT * FROM cases WHERE id = $1),
copies AS (SELECT g, ${uuidOf(`src.id::text || ':' || g`)} AS id FROM src, generate_series(1, $2::int) g),
new_cases AS (
  INSERT INTO cases
  SELECT (jsonb_populate_record(null::cases, to_jsonb(src) || jsonb_build_object(
            'id', copies.id, 'case_number', src.case_number || '-' || copies.g,
            'query_code', lpad((floor(random() * 1000000))::int::text, 6, '0')))).*
    FROM src, copies
  RETURNING id
),
new_tasks AS (
  INSERT INTO tasks
  SELECT (jsonb_populate_record(null::tasks, to_jsonb(t) || jsonb_build_object(
            'id', ${uuidOf(`t.id::text || ':' || copies.g`)}, 'case_id', copies.id))).*
    FROM tasks t, copies WHERE t.case_id = $1
  RETURNING 1
),
new_timers AS (
  INSERT INTO case_timers
  SELECT (jsonb_populate_record(null::case_timers, to_jsonb(k) || jsonb_build_object(
            'case_id', copies.id,
            'task_id', CASE WHEN k.task_id IS NULL THEN NULL ELSE ${uuidOf(`k.task_id::text || ':' || copies.g`)} END,
            'key', CASE WHEN k.task_id IS NULL THEN k.key ELSE replace(k.key, k.task_id::text, ${uuidOf(`k.task_id::text || ':' || copies.g`)}::text) END))).*
    FROM case_timers k, copies WHERE k.case_id = $1
  RETURNING 1
),
new_events AS (
  INSERT INTO case_events (case_id, seq, type, task_id, payload, at)
  SELECT copies.id, e.seq, e.type, CASE WHEN e.task_id IS NULL THEN NULL ELSE ${uuidOf(`e.task_id::text || ':' || copies.g`)} END, e.payload, e.at
    FROM case_events e, copies WHERE e.case_id = $1 ORDER BY copies.g, e.seq
  RETURNING 1
)
SELECT id FROM new_cases WHERE (SELECT count(*) FROM new_tasks) >= 0 AND (SELECT count(*) FROM new_timers) >= 0 AND (SELECT count(*) FROM new_events) >= 0`;
