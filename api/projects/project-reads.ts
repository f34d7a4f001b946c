/** What the API reads about projects: lists, a project's cases and their merged timeline. */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { toCase, toTask } from '../../engine/adapters/postgres/row-mappers.ts';
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import type { ProjectRecord } from '../../engine/store/project-store.ts';

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
}
