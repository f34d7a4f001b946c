/** InboxSource on PostgreSQL: one indexed read of a department's open tasks. */
import type { InboxRow, InboxSource } from '../../queries/department-inbox.ts';
import type { Pool } from './pool.ts';

export class PgInboxSource implements InboxSource {
  constructor(private readonly pool: Pool) {}

  async openTasksOf(departmentId: string): Promise<InboxRow[]> {
    const { rows } = await this.pool.query(
      `SELECT t.id, t.case_id, c.case_number, c.item_code, c.region_code, t.element_id, t.kind, t.status, c.green,
              c.paused_at IS NOT NULL AS paused, t.created_at, t.sign_due_at, t.due_at, y.due_at AS yellow_at
         FROM tasks t
         JOIN cases c ON c.id = t.case_id
         LEFT JOIN case_timers y ON y.case_id = t.case_id AND y.key = 'task:' || t.id || ':task-yellow'
        WHERE t.department_id = $1 AND t.status IN ('open', 'signed')
        ORDER BY c.green DESC, t.due_at ASC NULLS LAST, t.created_at`,
      [departmentId]);
    return rows.map((r) => ({
      taskId: r.id, caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code,
      elementId: r.element_id, kind: r.kind, status: r.status, green: r.green, paused: r.paused, createdAt: r.created_at,
      signDueAt: r.sign_due_at, dueAt: r.due_at, yellowAt: r.yellow_at,
    }));
  }
}
