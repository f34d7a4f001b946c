/**
 * A department's inbox (待办): open tasks, green-channel cases first, then by deadline, each
 * with its light (yellow before the limit, red after) and the working days left.
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

/** Reads open tasks of a department, already ordered green first, then by deadline. */
export interface InboxSource {
  openTasksOf(departmentId: string): Promise<InboxRow[]>;
}

/** The inbox of one department at `now`. */
export async function departmentInbox(source: InboxSource, calendar: WorkingDayCalendar, now: Date, departmentId: string): Promise<InboxEntry[]> {
  const rows = await source.openTasksOf(departmentId);
  return rows.map((row) => ({
    ...row,
    light: lightOf(row, now),
    remainingWorkingDays: row.dueAt ? calendar.remainingWorkingDays(now, row.dueAt, row.regionCode) : null,
  }));
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
