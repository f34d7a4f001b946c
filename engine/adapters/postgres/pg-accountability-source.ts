/** AccountabilitySource on PostgreSQL, filtered by department or region and a period. */
import type { AccountabilityEntry, AccountabilityFilter, AccountabilitySource } from '../../queries/accountability.ts';
import type { Pool } from './pool.ts';

export class PgAccountabilitySource implements AccountabilitySource {
  constructor(private readonly pool: Pool) {}

  async records(filter: AccountabilityFilter): Promise<AccountabilityEntry[]> {
    const { rows } = await this.pool.query(
      `SELECT a.department_id, d.name AS department_name, a.level, a.case_id, c.case_number, c.item_code, a.task_id, t.element_id,
              a.basis, a.limit_at, a.recorded_at
         FROM accountability_records a
         JOIN cases c ON c.id = a.case_id
         JOIN tasks t ON t.id = a.task_id
         LEFT JOIN departments d ON d.id = a.department_id
        WHERE a.recorded_at >= $1 AND a.recorded_at < $2
          AND ($3::text IS NULL OR a.department_id = $3)
          AND ($4::text IS NULL OR d.region_code = $4)
        ORDER BY a.recorded_at, a.id`,
      [filter.from, filter.to, filter.departmentId ?? null, filter.regionCode ?? null]);
    return rows.map((r) => ({
      departmentId: r.department_id, departmentName: r.department_name, level: r.level, caseId: r.case_id, caseNumber: r.case_number,
      itemCode: r.item_code, taskId: r.task_id, elementId: r.element_id, basis: r.basis, limitAt: r.limit_at, recordedAt: r.recorded_at,
    }));
  }
}
