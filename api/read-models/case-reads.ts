/** What the API reads about cases and tasks (the write side goes through the Runtime). */
import { readTogether, type Pool } from '../../engine/adapters/postgres/pool.ts';
import { toCase, toTask } from '../../engine/adapters/postgres/row-mappers.ts';
import type { CaseEvent, CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import { regionAtLevel, type OrgDirectory } from '../../engine/org/region.ts';
import { isUuid } from '../../engine/store/uuid.ts';

const CASE_SQL = 'SELECT * FROM cases WHERE id = $1';
const TASKS_SQL = 'SELECT * FROM tasks WHERE case_id = $1 ORDER BY created_at, execution_id';
const TIMELINE_SQL = 'SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq';

export class CaseReads {
  constructor(private readonly pool: Pool, readonly org: OrgDirectory) {}

  async caseById(id: string): Promise<CaseRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query(CASE_SQL, [id]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  /** A case with its tasks (and, asked for, its timeline), read in one round trip. */
  async caseWithTasks(id: string): Promise<{ c: CaseRecord; tasks: TaskRecord[] } | undefined>;
  async caseWithTasks(id: string, timeline: true): Promise<{ c: CaseRecord; tasks: TaskRecord[]; events: CaseEvent[] } | undefined>;
  async caseWithTasks(id: string, timeline = false): Promise<{ c: CaseRecord; tasks: TaskRecord[]; events?: CaseEvent[] } | undefined> {
    if (!isUuid(id)) return undefined;
    const [c, tasks, events] = await readTogether(this.pool, [CASE_SQL, TASKS_SQL, ...(timeline ? [TIMELINE_SQL] : [])].map((text) => ({ text, values: [id] })));
    if (!c!.rows[0]) return undefined;
    return { c: toCase(c!.rows[0]), tasks: tasks!.rows.map(toTask), ...(events && { events: events.rows.map(toEvent) }) };
  }

  /** Cases visible in a scope, newest first (keyset pagination on created_at, id). */
  async list(scope: CaseListScope, page: { limit: number; before?: Date }): Promise<CaseRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT c.* FROM cases c
        WHERE ($1::text IS NULL OR c.applicant_id = $1)
          AND ($2::text IS NULL OR c.region_code = $2)
          AND ($3::text IS NULL OR c.region_code IN (WITH RECURSIVE sub AS (
                SELECT code FROM regions WHERE code = $3 UNION ALL SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code)
              SELECT code FROM sub))
          AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department_id = $4))
          AND ($5::text IS NULL OR c.status = $5)
          AND ($6::timestamptz IS NULL OR c.created_at < $6)
        ORDER BY c.created_at DESC, c.id DESC LIMIT $7`,
      [scope.applicantId ?? null, scope.regionCode ?? null, scope.withinRegion ?? null, scope.departmentId ?? null, scope.status ?? null, page.before ?? null, page.limit]);
    return rows.map(toCase);
  }

  /** 容缺 materials promised at acceptance (and whether they came). */
  async materialsOf(caseId: string): Promise<{ code: string; name: string; status: string; promisedBy: Date | null; suppliedAt: Date | null }[]> {
    const { rows } = await this.pool.query('SELECT code, name, status, promised_by, supplied_at FROM case_materials WHERE case_id = $1 ORDER BY code', [caseId]);
    return rows.map((r) => ({ code: r.code, name: r.name, status: r.status, promisedBy: r.promised_by, suppliedAt: r.supplied_at }));
  }

  async caseByNumber(caseNumber: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM cases WHERE case_number = $1', [caseNumber]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async timeline(caseId: string): Promise<CaseEvent[]> {
    const { rows } = await this.pool.query(TIMELINE_SQL, [caseId]);
    return rows.map(toEvent);
  }

  async tasksOf(caseId: string): Promise<TaskRecord[]> {
    const { rows } = await this.pool.query(TASKS_SQL, [caseId]);
    return rows.map(toTask);
  }

  async taskById(taskId: string): Promise<TaskRecord | undefined> {
    if (!isUuid(taskId)) return undefined;
    const { rows } = await this.pool.query('SELECT * FROM tasks WHERE id = $1', [taskId]);
    return rows[0] ? toTask(rows[0]) : undefined;
  }

  /** The department ids that ever held a task of the case (they may read it). */
  async departmentsOf(caseId: string): Promise<Set<string>> {
    const { rows } = await this.pool.query('SELECT DISTINCT department_id FROM tasks WHERE case_id = $1 AND department_id IS NOT NULL', [caseId]);
    return new Set(rows.map((r) => r.department_id as string));
  }

  /** True when `regionCode` is `scopeCode` or lies below it. */
  async isWithin(regionCode: string, scopeCode: string): Promise<boolean> {
    const [region, scope] = await Promise.all([this.org.region(regionCode), this.org.region(scopeCode)]);
    if (!region || !scope) return false;
    return (await regionAtLevel(this.org, region, scope.level))?.code === scope.code;
  }
}

export interface CaseListScope {
  applicantId?: string;
  /** Exactly this region (a window's own). */
  regionCode?: string;
  /** This region and every region below it (a supervisor's). */
  withinRegion?: string;
  /** Cases a department has (had) a task in. */
  departmentId?: string;
  status?: string;
}

function toEvent(r: Record<string, any>): CaseEvent {
  return { caseId: r.case_id, seq: r.seq, type: r.type, taskId: r.task_id, payload: r.payload, at: r.at };
}
