/**
 * InboxSource on PostgreSQL: a department's open tasks in 待办 order, read off the index
 * tasks_inbox_order (migration 060) from a keyset, a page at a time, with the department's
 * open-task count in the same statement.
 */
import pg from 'pg';
import type { InboxKey, InboxPageRequest, InboxRowsPage, InboxSource } from '../../queries/department-inbox.ts';
import type { Pool } from './pool.ts';

// The index's expressions, written exactly as the index declares them so the planner matches them.
const ORDER_KEY = `(NOT t.green), coalesce(t.due_at, 'infinity'::timestamptz), t.created_at, t.id`;
const OPEN_OF_DEPARTMENT = `department_id = $1 AND status IN ('open', 'signed')`;

// Instants leave PostgreSQL as UTC `timestamp` text ('2026-03-04 01:59:59.999', microseconds when
// there are any) and are only reshaped into ISO strings here: no to_char, no Date objects.
// The page and the badge's total in one statement: the count is an InitPlan, run once, off the
// index-only tasks_inbox; one round trip and one parse instead of two.
const SELECT = `SELECT (SELECT count(*)::int FROM tasks WHERE ${OPEN_OF_DEPARTMENT}) AS total,
              t.id, t.case_id, c.case_number, c.item_code, c.region_code, t.element_id, t.kind, t.status, t.green,
              c.paused_at IS NOT NULL AS paused, t.created_at AT TIME ZONE 'UTC' AS created_at, t.sign_due_at AT TIME ZONE 'UTC' AS sign_due_at,
              t.due_at AT TIME ZONE 'UTC' AS due_at, y.due_at AT TIME ZONE 'UTC' AS yellow_at
         FROM tasks t
         JOIN cases c ON c.id = t.case_id
         LEFT JOIN case_timers y ON y.case_id = t.case_id AND y.key = 'task:' || t.id || ':task-yellow'
        WHERE t.department_id = $1 AND t.status IN ('open', 'signed')`;

/** The first page (or, without a LIMIT value, the whole inbox), each row with the total: $1 department, $2 limit. */
export const INBOX_FIRST_PAGE_SQL = `${SELECT}
        ORDER BY ${ORDER_KEY}
        LIMIT $2`;

/** The page after a key, each row with the total: $1 department, $2 limit, $3–$6 the key as the index orders it. */
export const INBOX_NEXT_PAGE_SQL = `${SELECT}
          AND (${ORDER_KEY}) > ($3::boolean, $4::timestamptz, $5::timestamptz, $6::uuid)
        ORDER BY ${ORDER_KEY}
        LIMIT $2`;

/** Open tasks of department $1 (the badge), for a page past the end: an index-only count. */
export const INBOX_COUNT_SQL = `SELECT count(*)::int AS n FROM tasks WHERE ${OPEN_OF_DEPARTMENT}`;

const TIMESTAMP_OID = 1114;
const asText = (value: string) => value;
// This statement's `timestamp` columns stay text (the pool's parser would read them as local time).
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMP_OID ? asText : pg.types.getTypeParser(oid, format)) };

// Named: PostgreSQL parses and plans each once per connection; the generic plan is the same
// index scan whatever the department or limit (tests/integration/api/inbox-statement.test.ts).
const FIRST_PAGE = { name: 'lianshen_inbox_first_page', text: INBOX_FIRST_PAGE_SQL, types };
const NEXT_PAGE = { name: 'lianshen_inbox_next_page', text: INBOX_NEXT_PAGE_SQL, types };
const COUNT = { name: 'lianshen_inbox_count', text: INBOX_COUNT_SQL };

const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?$/;

/** A UTC `timestamp` as text → ISO-8601 with `digits` fractional digits (3: as Date#toJSON, truncated; 6: the key). */
export function isoFromUtcTimestamp(text: string, digits: 3 | 6): string {
  const m = UTC_TIMESTAMP.exec(text);
  // infinity, BC or five-digit years: never written by this platform.
  if (!m) throw new RangeError(`inbox: unexpected instant "${text}"`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0').slice(0, digits)}Z`;
}

const iso = (text: string | null) => (text === null ? null : isoFromUtcTimestamp(text, 3));

export class PgInboxSource implements InboxSource {
  constructor(private readonly pool: Pool) {}

  async openTasksOf(departmentId: string, page?: InboxPageRequest): Promise<InboxRowsPage> {
    // One row more than asked tells whether another page follows.
    const limit = page ? page.limit + 1 : null;
    const after = page?.after;
    const { rows } = after
      ? await this.pool.query({ ...NEXT_PAGE, values: [departmentId, limit, !after.green, after.dueAt ?? 'infinity', after.createdAt, after.taskId] })
      : await this.pool.query({ ...FIRST_PAGE, values: [departmentId, limit] });
    const more = page !== undefined && rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    const last = shown.at(-1);
    const next: InboxKey | null = more && last
      ? { green: last.green, dueAt: last.due_at === null ? null : isoFromUtcTimestamp(last.due_at, 6), createdAt: isoFromUtcTimestamp(last.created_at, 6), taskId: last.id }
      : null;
    // No row, no total on it: none open at all, or a key past the end (count them).
    const total = rows.length > 0 ? (rows[0].total as number) : after ? await this.openTaskCount(departmentId) : 0;
    return {
      next,
      total,
      rows: shown.map((r) => ({
        taskId: r.id, caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code,
        elementId: r.element_id, kind: r.kind, status: r.status, green: r.green, paused: r.paused, createdAt: iso(r.created_at)!,
        signDueAt: iso(r.sign_due_at), dueAt: iso(r.due_at), yellowAt: iso(r.yellow_at),
      })),
    };
  }

  private async openTaskCount(departmentId: string): Promise<number> {
    const { rows } = await this.pool.query({ ...COUNT, values: [departmentId] });
    return rows[0].n as number;
  }
}
