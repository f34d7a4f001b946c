/**
 * StatisticsSource on PostgreSQL: gathers rows for engine/statistics in a few set-based
 * queries (the cohort, then its tasks, default consents and clock stops together), never one
 * query per case. No figure is computed here.
 */
import type { AccountabilityBasis } from '../../scoring/scoring-rules.ts';
import type { MonthRows, UnitDirectory } from '../../statistics/monthly-score-data.ts';
import { INTERNAL_ITEM_CODES, type StatisticsFilter, type StatisticsRows, type StatisticsSource, type PredictionSubject } from '../../statistics/statistics-types.ts';
import { clockStops, type ClockStop } from '../../statistics/working-days.ts';
import type { Pool } from './pool.ts';

/** Events whose `by` names the staff member who acted. */
const STAFF_EVENTS = ['accepted', 'signed', 'task-completed', 'meeting-scheduled', 'meeting-rescheduled', 'meeting-closed'];

export class PgStatisticsSource implements StatisticsSource {
  constructor(private readonly pool: Pool) {}

  async cohort(filter: StatisticsFilter, asOf: Date): Promise<StatisticsRows> {
    const until = new Date(Math.min(filter.to.getTime(), asOf.getTime()));
    // In scope: accepted by a window in scope (at the level asked), or a department in scope held a task of it.
    const { rows } = await this.pool.query(
      `SELECT c.id, c.case_number, c.item_code, d.item->>'name' AS item_name, (d.item->>'statutoryDays')::int AS statutory_days,
              (d.item->>'promisedDays')::int AS promised_days, c.region_code, r.name AS region_name, r.level AS region_level,
              c.green, c.status, c.accepted_at, c.ended_at, c.due_at, rt.level AS rating_level, rt.dissatisfied, rt.rated_at
         FROM cases c
         JOIN definitions d ON d.id = c.definition_id
         JOIN regions r ON r.code = c.region_code
         LEFT JOIN ratings rt ON rt.case_id = c.id
        WHERE c.accepted_at >= $1 AND c.accepted_at < $2
          AND ($3::text IS NULL OR c.item_code = $3) AND c.item_code <> ALL($7::text[])
          AND ((($4::text[] IS NULL OR c.region_code = ANY($4)) AND $5::text IS NULL AND ($6::text IS NULL OR r.level = $6))
               OR EXISTS (SELECT 1 FROM tasks t JOIN departments dep ON dep.id = t.department_id
                           WHERE t.case_id = c.id AND ($4::text[] IS NULL OR dep.region_code = ANY($4))
                             AND ($5::text IS NULL OR t.department_id = $5) AND ($6::text IS NULL OR t.level = $6)))
        ORDER BY c.accepted_at, c.id`,
      [filter.from, until, filter.itemCode, filter.regionCodes, filter.departmentId, filter.level, INTERNAL_ITEM_CODES]);
    const ids = rows.map((r) => r.id as string);
    if (ids.length === 0) return { cases: [], tasks: [], defaults: [] };
    const [tasks, defaults, stops] = await Promise.all([
      this.pool.query(
        `SELECT t.id, t.case_id, t.element_id, t.kind, t.department_id, dep.name AS department_name, dep.region_code AS department_region,
                coalesce(t.level, dr.level) AS level, t.status, t.created_at, t.completed_at, t.due_at
           FROM tasks t
           JOIN departments dep ON dep.id = t.department_id
           JOIN regions dr ON dr.code = dep.region_code
          WHERE t.case_id = ANY($1::uuid[])
          ORDER BY t.created_at, t.id`, [ids]),
      this.pool.query(
        `SELECT o.case_id, o.task_id, o.department_id, dep.name AS department_name, dep.region_code AS department_region, dr.level, o.basis, o.given_at
           FROM opinions o
           JOIN departments dep ON dep.id = o.department_id
           JOIN regions dr ON dr.code = dep.region_code
          WHERE o.case_id = ANY($1::uuid[]) AND o.basis <> 'given'
          ORDER BY o.given_at, o.id`, [ids]),
      this.stopsOf(ids),
    ]);
    return {
      cases: rows.map((r) => ({
        caseId: r.id, caseNumber: r.case_number, itemCode: r.item_code, itemName: r.item_name ?? r.item_code,
        regionCode: r.region_code, regionName: r.region_name, level: r.region_level, green: r.green, status: r.status,
        acceptedAt: r.accepted_at, endedAt: r.ended_at, dueAt: r.due_at, statutoryDays: r.statutory_days ?? 0, promisedDays: r.promised_days ?? 0,
        stops: stops.get(r.id) ?? [],
        rating: r.rating_level ? { level: r.rating_level, dissatisfied: r.dissatisfied, ratedAt: r.rated_at } : null,
      })),
      tasks: tasks.rows.map((t) => ({
        taskId: t.id, caseId: t.case_id, elementId: t.element_id, kind: t.kind, departmentId: t.department_id, departmentName: t.department_name,
        departmentRegionCode: t.department_region, level: t.level, status: t.status, createdAt: t.created_at, completedAt: t.completed_at, dueAt: t.due_at,
      })),
      defaults: defaults.rows.map((d) => ({
        caseId: d.case_id, taskId: d.task_id, departmentId: d.department_id, departmentName: d.department_name,
        departmentRegionCode: d.department_region, level: d.level, basis: d.basis as AccountabilityBasis, recordedAt: d.given_at,
      })),
    };
  }

  async month(period: string, from: Date, to: Date): Promise<MonthRows> {
    const [settled, accountability] = await Promise.all([
      this.pool.query(
        `SELECT c.id, c.case_number, c.region_code, c.applicant_id, rt.level AS rating_level, rt.dissatisfied
           FROM case_archive a
           JOIN cases c ON c.id = a.case_id
           LEFT JOIN ratings rt ON rt.case_id = c.id
          WHERE a.archived_at >= $1 AND a.archived_at < $2 AND c.item_code <> ALL($3::text[])
          ORDER BY a.archived_at, c.id`, [from, to, INTERNAL_ITEM_CODES]),
      this.pool.query(
        `SELECT a.case_id, c.case_number, a.department_id, a.basis,
                (SELECT e.payload->>'by' FROM case_events e
                  WHERE e.case_id = a.case_id AND e.task_id = a.task_id AND e.type = 'signed' ORDER BY e.seq LIMIT 1) AS signed_by
           FROM accountability_records a
           JOIN cases c ON c.id = a.case_id
          WHERE a.recorded_at >= $1 AND a.recorded_at < $2 AND c.item_code <> ALL($3::text[])
          ORDER BY a.recorded_at, a.id`, [from, to, INTERNAL_ITEM_CODES]),
    ]);
    const ids = settled.rows.map((r) => r.id as string);
    const [departments, actors] = ids.length === 0 ? [[], []] : await Promise.all([
      this.pool.query(`SELECT DISTINCT case_id, department_id FROM tasks WHERE case_id = ANY($1::uuid[]) AND department_id IS NOT NULL`, [ids]).then((r) => r.rows),
      this.pool.query(
        `SELECT case_id, payload->>'by' AS actor FROM case_events
          WHERE case_id = ANY($1::uuid[]) AND type = ANY($2::text[]) AND payload->>'by' IS NOT NULL
         UNION
         SELECT case_id, given_by FROM opinions WHERE case_id = ANY($1::uuid[]) AND basis = 'given' AND given_by IS NOT NULL`,
        [ids, STAFF_EVENTS]).then((r) => r.rows),
    ]);
    const departmentsOf = groupValues(departments, (r) => r.case_id, (r) => r.department_id as string);
    const actorsOf = groupValues(actors, (r) => r.case_id, (r) => r.actor as string);
    const userIds = new Set([...actors.map((r) => r.actor as string), ...accountability.rows.flatMap((r) => (r.signed_by ? [r.signed_by as string] : []))]);
    return {
      period,
      cases: settled.rows.map((r) => ({
        caseId: r.id, caseNumber: r.case_number, regionCode: r.region_code, applicantId: r.applicant_id,
        rating: r.rating_level ? { level: r.rating_level, dissatisfied: r.dissatisfied } : null,
        departmentIds: departmentsOf.get(r.id) ?? [], actorIds: actorsOf.get(r.id) ?? [],
      })),
      accountability: accountability.rows.map((r) => ({
        caseId: r.case_id, caseNumber: r.case_number, departmentId: r.department_id, basis: r.basis as AccountabilityBasis, signedBy: r.signed_by,
      })),
      directory: await this.directory([...userIds]),
    };
  }

  async predictionSubject(caseId: string): Promise<PredictionSubject | undefined> {
    const [{ rows: [c] }, { rows: pending }] = await Promise.all([
      this.pool.query(
        `SELECT id, case_number, item_code, region_code, status, accepted_at, due_at, paused_at, ended_at FROM cases WHERE id = $1`, [caseId]),
      this.pool.query(
        `SELECT t.id, t.element_id, t.department_id, dep.name AS department_name, t.level, t.created_at, t.due_at
           FROM tasks t JOIN departments dep ON dep.id = t.department_id
          WHERE t.case_id = $1 AND t.status <> ALL ('{done,cancelled}') -- a case's open tasks (see OPEN_TASKS_SQL in pg-case-store.ts)
          ORDER BY t.created_at, t.id`, [caseId]),
    ]);
    if (!c) return undefined;
    return {
      case: {
        caseId: c.id, caseNumber: c.case_number, itemCode: c.item_code, regionCode: c.region_code, status: c.status, acceptedAt: c.accepted_at,
        dueAt: c.due_at, pausedAt: c.paused_at, endedAt: c.ended_at,
      },
      pending: pending.map((t) => ({
        taskId: t.id, elementId: t.element_id, departmentId: t.department_id, departmentName: t.department_name, level: t.level, createdAt: t.created_at, dueAt: t.due_at,
      })),
    };
  }

  /** Clock stops (补正, pauses) of the cases, from their paused/resumed events. */
  private async stopsOf(caseIds: string[]): Promise<Map<string, ClockStop[]>> {
    if (caseIds.length === 0) return new Map();
    const { rows } = await this.pool.query(
      `SELECT case_id, type, at FROM case_events WHERE case_id = ANY($1::uuid[]) AND type IN ('paused', 'resumed') ORDER BY case_id, seq`, [caseIds]);
    const events = groupValues(rows, (r) => r.case_id, (r) => ({ type: r.type as string, at: r.at as Date }));
    return new Map([...events].map(([id, list]) => [id, clockStops(list)]));
  }

  /** Names and places of every region and department, and of the users named. */
  private async directory(userIds: string[]): Promise<UnitDirectory> {
    const [regions, departments, users] = await Promise.all([
      this.pool.query('SELECT code, name, level FROM regions'),
      this.pool.query('SELECT d.id, d.name, d.region_code, r.level FROM departments d JOIN regions r ON r.code = d.region_code'),
      this.pool.query(
        `SELECT u.id, u.display_name, u.region_code, u.department_id, r.level FROM users u JOIN regions r ON r.code = u.region_code WHERE u.id = ANY($1::text[])`,
        [userIds]),
    ]);
    return {
      regions: new Map(regions.rows.map((r) => [r.code, { name: r.name, level: r.level }])),
      departments: new Map(departments.rows.map((d) => [d.id, { name: d.name, regionCode: d.region_code, level: d.level }])),
      users: new Map(users.rows.map((u) => [u.id, { name: u.display_name, regionCode: u.region_code, departmentId: u.department_id, level: u.level }])),
    };
  }
}

function groupValues<R, V>(rows: R[], key: (row: R) => string, value: (row: R) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(value(row));
    else map.set(k, [value(row)]);
  }
  return map;
}
