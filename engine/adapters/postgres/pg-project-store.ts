/** ProjectStore on PostgreSQL. */
import type { ProjectRecord, ProjectStore } from '../../store/project-store.ts';
import type { Pool } from './pool.ts';

export class PgProjectStore implements ProjectStore {
  constructor(private readonly pool: Pool) {}

  async create(p: ProjectRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO projects (id, name, applicant_id, region_code, key_project, helper_id, marked_by, marked_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.id, p.name, p.applicantId, p.regionCode, p.keyProject, p.helperId, p.markedBy, p.markedAt, p.createdAt]);
  }

  async get(id: string): Promise<ProjectRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM projects WHERE id = $1', [id]);
    const r = rows[0];
    return r && {
      id: r.id, name: r.name, applicantId: r.applicant_id, regionCode: r.region_code, keyProject: r.key_project,
      helperId: r.helper_id, markedBy: r.marked_by, markedAt: r.marked_at, createdAt: r.created_at,
    };
  }

  async markKey(id: string, by: string, helperId: string | null, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE projects SET key_project = true, helper_id = coalesce($3, helper_id), marked_by = $2, marked_at = $4 WHERE id = $1 AND NOT key_project',
      [id, by, helperId, at]);
    return rowCount === 1;
  }

  async casesToMarkGreen(id: string): Promise<string[]> {
    const { rows } = await this.pool.query(`SELECT id FROM cases WHERE project_id = $1 AND status = 'running' AND NOT green ORDER BY created_at`, [id]);
    return rows.map((r) => r.id as string);
  }
}
