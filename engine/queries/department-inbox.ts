/**
 * A department's inbox (待办): open tasks, green-channel cases first, then by deadline, each
 * with its light (yellow before the limit, red after) and the working days left. Read a page at
 * a time (keyset): a busy department has thousands of open tasks, and a screen shows a hundred.
 */
import type { WorkingDayCalendar } from '../calendar/index.ts';
import { mayReturnAt } from '../work-orders/handling-rules.ts';

export interface InboxRow {
  taskId: string;
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  elementId: string;
  kind: string;
  status: string;
  green: boolean;
  paused: boolean;
  // Instants as the answer shows them (ISO-8601 UTC, milliseconds, as Date#toJSON writes them):
  // a page holds four hundred, and Date objects cost more to read and to write out than the
  // rest of the page together.
  createdAt: string;
  signDueAt: string | null;
  dueAt: string | null;
  yellowAt: string | null;
}

export type Light = 'red' | 'yellow' | 'none';

export interface InboxEntry extends InboxRow {
  light: Light;
  /** Working days still available (the current day not counted); null without a limit. */
  remainingWorkingDays: number | null;
  /** A handling task (12345, 整改) that may still be returned instead of signed for; false for every other kind. */
  returnable: boolean;
}

/**
 * A task's place in 待办 order: green first, then the nearest deadline (none last), the oldest
 * task, the task id (so no two tasks tie). Instants are ISO-8601 UTC with microseconds, the
 * database's precision: a key rounded to milliseconds could skip or repeat a task.
 */
export interface InboxKey {
  green: boolean;
  dueAt: string | null;
  createdAt: string;
  taskId: string;
}

export interface InboxPageRequest {
  limit: number;
  /** The key of the last task already shown; absent for the first page. */
  after?: InboxKey;
}

export interface InboxRowsPage {
  rows: InboxRow[];
  /** The key of the last row when more tasks follow, else null. */
  next: InboxKey | null;
  /** Open tasks of the department in all (the badge), counted with the page. */
  total: number;
}

/** Reads open tasks of a department in 待办 order (see InboxKey). */
export interface InboxSource {
  /** Without a page request: every open task. */
  openTasksOf(departmentId: string, page?: InboxPageRequest): Promise<InboxRowsPage>;
}

export interface InboxPage {
  tasks: InboxEntry[];
  next: InboxKey | null;
  total: number;
}

/** The whole inbox of one department at `now`. */
export async function departmentInbox(source: InboxSource, calendar: WorkingDayCalendar, now: Date, departmentId: string): Promise<InboxEntry[]> {
  return (await departmentInboxPage(source, calendar, now, departmentId)).tasks;
}

/** One page of a department's inbox at `now`. */
export async function departmentInboxPage(source: InboxSource, calendar: WorkingDayCalendar, now: Date, departmentId: string, page?: InboxPageRequest): Promise<InboxPage> {
  const { rows, next, total } = await source.openTasksOf(departmentId, page);
  const nowMs = now.getTime();
  // The tasks of a page share a few deadlines (each the end of a working day): each instant is
  // read, and each deadline's working days counted, once per page — walking the calendar for
  // every row was a quarter of the inbox's CPU time.
  const instants = new Map<string, number>();
  const msOf = (iso: string | null) => {
    if (iso === null) return null;
    let ms = instants.get(iso);
    if (ms === undefined) instants.set(iso, (ms = Date.parse(iso)));
    return ms;
  };
  const daysLeft = new Map<string, Map<string, number>>();
  const remainingWorkingDays = (dueAt: string, regionCode: string) => {
    let region = daysLeft.get(regionCode);
    if (!region) daysLeft.set(regionCode, (region = new Map()));
    let days = region.get(dueAt);
    if (days === undefined) region.set(dueAt, (days = calendar.remainingWorkingDays(now, new Date(msOf(dueAt)!), regionCode)));
    return days;
  };
  // Written out rather than spread: one object shape for every entry.
  const tasks = rows.map((r): InboxEntry => ({
    taskId: r.taskId, caseId: r.caseId, caseNumber: r.caseNumber, itemCode: r.itemCode, regionCode: r.regionCode, elementId: r.elementId,
    kind: r.kind, status: r.status, green: r.green, paused: r.paused, createdAt: r.createdAt, signDueAt: r.signDueAt, dueAt: r.dueAt, yellowAt: r.yellowAt,
    light: lightAt(nowMs, { paused: r.paused, status: r.status, signDueAt: msOf(r.signDueAt), dueAt: msOf(r.dueAt), yellowAt: msOf(r.yellowAt) }),
    remainingWorkingDays: r.dueAt === null ? null : remainingWorkingDays(r.dueAt, r.regionCode),
    returnable: r.kind === 'handle' && mayReturnAt(r.status, msOf(r.signDueAt), nowMs),
  }));
  return { tasks, next, total };
}

interface LightLimits {
  dueAt: Date | null;
  yellowAt: Date | null;
  paused: boolean;
  status?: string;
  signDueAt?: Date | null;
}

/** 预警: red once a limit (sign-for or review) has passed, yellow from the warning instant; nothing while paused. */
export function lightOf(row: LightLimits, now: Date): Light {
  return lightAt(now.getTime(), {
    paused: row.paused, status: row.status, signDueAt: row.signDueAt?.getTime() ?? null, dueAt: row.dueAt?.getTime() ?? null, yellowAt: row.yellowAt?.getTime() ?? null,
  });
}

/** lightOf on epoch milliseconds. */
function lightAt(now: number, row: { paused: boolean; status?: string | undefined; signDueAt: number | null; dueAt: number | null; yellowAt: number | null }): Light {
  if (row.paused) return 'none';
  // 签收制: an unsigned task past its sign-for limit is already late, whatever its review limit.
  if (row.status === 'open' && row.signDueAt !== null && now > row.signDueAt) return 'red';
  if (row.dueAt === null) return 'none';
  if (now > row.dueAt) return 'red';
  if (row.yellowAt !== null && now >= row.yellowAt) return 'yellow';
  return 'none';
}
