/** What the API reads about projects: lists, a project's cases and their merged timeline. */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { toCase, toTask } from '../../engine/adapters/postgres/row-mappers.ts';
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import type { ProjectRecord } from '../../engine/store/project-store.ts';
import { subtreeCodesSql } from '../org/region-scope.ts';

/** One answer lists at most this many 帮办 candidates: narrow with `q`. */
export const MAX_HELPERS = 200;

/** A staff member who may follow a key project's cases (帮办). */
export interface Helper {
  id: string;
  displayName: string;
  role: 'window' | 'reviewer' | 'lead';
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
}

type Row = Record<string, any>;
const toProject = (r: Row): ProjectRecord => ({
  id: r.id, name: r.name, applicantId: r.applicant_id, regionCode: r.region_code, keyProject: r.key_project,
  helperId: r.helper_id, markedBy: r.marked_by, markedAt: r.marked_at, createdAt: r.created_at,
});

const TIMELINE = {
  name: 'lianshen_project_timeline',
  text: `SELECT e.case_id, c.case_number, c.item_code, e.seq, e.type, e.task_id, e.at, e.payload
           FROM case_events e JOIN cases c ON c.id = e.case_id
          WHERE c.project_id = $1
          ORDER BY e.at, c.created_at, c.case_number, e.seq`,
};

export interface ProjectEvent {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  seq: number;
  type: string;
  taskId: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

export class ProjectReads {
  constructor(private readonly pool: Pool) {}

  async byId(id: string): Promise<ProjectRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM projects WHERE id = $1', [id]);
    return rows[0] ? toProject(rows[0]) : undefined;
  }

  /** Projects of an applicant, or (applicantId null) sited in one of `regionCodes` (null: all). */
  async list(filter: { applicantId: string | null; regionCodes: string[] | null }): Promise<ProjectRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM projects
        WHERE ($1::text IS NULL OR applicant_id = $1) AND ($2::text[] IS NULL OR region_code = ANY($2))
        ORDER BY created_at DESC, id LIMIT 1000`,
      [filter.applicantId, filter.regionCodes]);
    return rows.map(toProject);
  }

  /** The cases of a project, oldest first, with their tasks. */
  async casesOf(projectId: string): Promise<Array<{ c: CaseRecord; tasks: TaskRecord[] }>> {
    // Both at once: one round trip, not two.
    const [caseRows, taskRows] = await Promise.all([
      this.pool.query('SELECT * FROM cases WHERE project_id = $1 ORDER BY created_at, case_number', [projectId]),
      this.pool.query('SELECT t.* FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.project_id = $1 ORDER BY t.created_at, t.execution_id', [projectId]),
    ]);
    const tasks = new Map<string, TaskRecord[]>();
    for (const t of taskRows.rows.map(toTask)) {
      const list = tasks.get(t.caseId);
      if (list) list.push(t);
      else tasks.set(t.caseId, [t]);
    }
    return caseRows.rows.map(toCase).map((c) => ({ c, tasks: tasks.get(c.id) ?? [] }));
  }

  /** One timeline across every case of the project: all their events, by time. */
  async timeline(projectId: string): Promise<ProjectEvent[]> {
    const { rows } = await this.pool.query({ ...TIMELINE, values: [projectId] });
    return rows.map((r) => ({
      caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, seq: r.seq, type: r.type, taskId: r.task_id, at: r.at, payload: r.payload,
    }));
  }

  /**
   * 帮办 candidates for a project of `regionCode`: window and department staff (not disabled) of
   * the region and of every region below it, nearest first; `userId` narrows to one user, `q`
   * searches names.
   */
  async helpers(regionCode: string, filter: { userId?: string; q?: string } = {}): Promise<{ helpers: Helper[]; truncated: boolean }> {
    const { rows } = await this.pool.query(
      `SELECT u.id, u.display_name, u.role, u.region_code, r.name AS region_name, u.department_id, dep.name AS department_name
         FROM users u JOIN regions r ON r.code = u.region_code
         LEFT JOIN departments dep ON dep.id = u.department_id
        WHERE u.region_code IN ${subtreeCodesSql('$1')} AND u.role IN ('window', 'reviewer', 'lead') AND NOT u.disabled
          AND ($2::text IS NULL OR u.id = $2)
          AND ($3::text IS NULL OR strpos(u.display_name, $3) > 0 OR strpos(u.username, $3) > 0 OR strpos(coalesce(dep.name, ''), $3) > 0)
        ORDER BY array_position(ARRAY['province', 'city', 'county', 'township'], r.level), u.region_code, u.role = 'window' DESC,
                 u.department_id NULLS FIRST, u.display_name
        LIMIT $4`,
      [regionCode, filter.userId ?? null, filter.q ?? null, MAX_HELPERS + 1]);
    return {
      helpers: rows.slice(0, MAX_HELPERS).map((r) => ({
        id: r.id, displayName: r.display_name, role: r.role, regionCode: r.region_code, regionName: r.region_name,
        departmentId: r.department_id, departmentName: r.department_name,
      })),
      truncated: rows.length > MAX_HELPERS,
    };
  }
}
