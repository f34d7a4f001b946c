/**
 * A department's inbox (待办): open tasks, green-channel cases first, then by deadline, each
 * with its light (yellow before the limit, red after) and the working days left. Read a page at
 * a time (keyset): a busy department has thousands of open tasks, and a screen shows a hundred.
 */
import type { WorkingDayCalendar } from '../calendar/index.ts';

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
  createdAt: Date;
  signDueAt: Date | null;
  dueAt: Date | null;
  yellowAt: Date | null;
}

export type Light = 'red' | 'yellow' | 'none';

export interface InboxEntry extends InboxRow {
  light: Light;
  /** Working days still available (the current day not counted); null without a limit. */
  remainingWorkingDays: number | null;
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
}

/** Reads open tasks of a department in 待办 order (see InboxKey). */
export interface InboxSource {
  /** Without a page request: every open task. */
  openTasksOf(departmentId: string, page?: InboxPageRequest): Promise<InboxRowsPage>;
  openTaskCount(departmentId: string): Promise<number>;
}

export interface InboxPage {
  tasks: InboxEntry[];
  next: InboxKey | null;
}

/** The whole inbox of one department at `now`. */
export async function departmentInbox(source: InboxSource, calendar: WorkingDayCalendar, now: Date, departmentId: string): Promise<InboxEntry[]> {
  return (await departmentInboxPage(source, calendar, now, departmentId)).tasks;
}

/** One page of a department's inbox at `now`. */
export async function departmentInboxPage(source: InboxSource, calendar: WorkingDayCalendar, now: Date, departmentId: string, page?: InboxPageRequest): Promise<InboxPage> {
  const { rows, next } = await source.openTasksOf(departmentId, page);
  const tasks = rows.map((row) => ({
    ...row,
    light: lightOf(row, now),
    remainingWorkingDays: row.dueAt ? calendar.remainingWorkingDays(now, row.dueAt, row.regionCode) : null,
  }));
  return { tasks, next };
}

/** 预警: red once a limit (sign-for or review) has passed, yellow from the warning instant; nothing while paused. */
export function lightOf(row: Pick<InboxRow, 'dueAt' | 'yellowAt' | 'paused'> & Partial<Pick<InboxRow, 'status' | 'signDueAt'>>, now: Date): Light {
  if (row.paused) return 'none';
  // 签收制: an unsigned task past its sign-for limit is already late, whatever its review limit.
  if (row.status === 'open' && row.signDueAt && now.getTime() > row.signDueAt.getTime()) return 'red';
  if (!row.dueAt) return 'none';
  if (now.getTime() > row.dueAt.getTime()) return 'red';
  if (row.yellowAt && now.getTime() >= row.yellowAt.getTime()) return 'yellow';
  return 'none';
}
