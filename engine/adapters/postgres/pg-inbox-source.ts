/**
 * InboxSource on PostgreSQL: a department's open tasks in 待办 order, read off the index
 * tasks_inbox_order (migration 060) from a keyset, a page at a time.
 */
import type { InboxKey, InboxPageRequest, InboxRow, InboxRowsPage, InboxSource } from '../../queries/department-inbox.ts';
import type { Pool } from './pool.ts';

// The index's expressions, written exactly as the index declares them so the planner matches them.
const ORDER_KEY = `(NOT t.green), coalesce(t.due_at, 'infinity'::timestamptz), t.created_at, t.id`;
const ISO_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const SELECT = `SELECT t.id, t.case_id, c.case_number, c.item_code, c.region_code, t.element_id, t.kind, t.status, t.green,
              c.paused_at IS NOT NULL AS paused, t.created_at, t.sign_due_at, t.due_at, y.due_at AS yellow_at,
              to_char(t.due_at AT TIME ZONE 'UTC', ${ISO_MICROS}) AS due_key, to_char(t.created_at AT TIME ZONE 'UTC', ${ISO_MICROS}) AS created_key
         FROM tasks t
         JOIN cases c ON c.id = t.case_id
         LEFT JOIN case_timers y ON y.case_id = t.case_id AND y.key = 'task:' || t.id || ':task-yellow'
        WHERE t.department_id = $1 AND t.status IN ('open', 'signed')`;

/** The first page (or, without a LIMIT value, the whole inbox): $1 department, $2 limit. */
export const INBOX_FIRST_PAGE_SQL = `${SELECT}
        ORDER BY ${ORDER_KEY}
        LIMIT $2`;

/** The page after a key: $1 department, $2 limit, $3–$6 the key as the index orders it. */
export const INBOX_NEXT_PAGE_SQL = `${SELECT}
          AND (${ORDER_KEY}) > ($3::boolean, $4::timestamptz, $5::timestamptz, $6::uuid)
        ORDER BY ${ORDER_KEY}
        LIMIT $2`;

/** Open tasks of department $1 (the badge): an index-only count. */
export const INBOX_COUNT_SQL = `SELECT count(*)::int AS n FROM tasks WHERE department_id = $1 AND status IN ('open', 'signed')`;

export class PgInboxSource implements InboxSource {
  constructor(private readonly pool: Pool) {}

  async openTasksOf(departmentId: string, page?: InboxPageRequest): Promise<InboxRowsPage> {
    // One row more than asked tells whether another page follows.
    const limit = page ? page.limit + 1 : null;
    const after = page?.after;
    const { rows } = after
      ? await this.pool.query(INBOX_NEXT_PAGE_SQL, [departmentId, limit, !after.green, after.dueAt ?? 'infinity', after.createdAt, after.taskId])
      : await this.pool.query(INBOX_FIRST_PAGE_SQL, [departmentId, limit]);
    const more = page !== undefined && rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    const last = shown.at(-1);
    const next: InboxKey | null = more && last ? { green: last.green, dueAt: last.due_key, createdAt: last.created_key, taskId: last.id } : null;
    return {
      next,
      rows: shown.map((r) => ({
        taskId: r.id, caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code,
        elementId: r.element_id, kind: r.kind, status: r.status, green: r.green, paused: r.paused, createdAt: r.created_at,
        signDueAt: r.sign_due_at, dueAt: r.due_at, yellowAt: r.yellow_at,
      })),
    };
  }

  async openTaskCount(departmentId: string): Promise<number> {
    const { rows } = await this.pool.query(INBOX_COUNT_SQL, [departmentId]);
    return rows[0].n as number;
  }
}
