/**
 * 待办 order, as every department sees it: green-channel cases first (绿色通道 has priority in
 * every inbox), then the nearest deadline, tasks without a deadline last; equal deadlines keep
 * the oldest task first, then the task id, so the order never jumps between refreshes. The
 * server pages the inbox in exactly this order (engine/adapters/postgres/pg-inbox-source.ts), so
 * pages loaded one after another stay in order.
 */

export interface InboxTask {
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
  createdAt: string;
  signDueAt: string | null;
  dueAt: string | null;
  light: 'red' | 'yellow' | 'none' | string;
  remainingWorkingDays: number | null;
  /** A handling task (12345, 整改) still within its limit to be returned (by the server's clock). */
  returnable: boolean;
}

const time = (iso: string | null): number => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/** Compare two inbox tasks in 待办 order. */
export function compareInbox(a: InboxTask, b: InboxTask): number {
  if (a.green !== b.green) return a.green ? -1 : 1;
  const due = time(a.dueAt) - time(b.dueAt);
  if (due !== 0 && !Number.isNaN(due)) return due;
  const created = time(a.createdAt) - time(b.createdAt);
  if (created !== 0) return created;
  // Code-unit order, as PostgreSQL orders lowercase uuids (localeCompare would not always agree).
  return a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0;
}

/** A new array in 待办 order (the input is left as it was). */
export function orderInbox<T extends InboxTask>(tasks: readonly T[]): T[] {
  return [...tasks].sort(compareInbox);
}

/** Tasks that still need 签收 before anything else can be done with them. */
export function needsSigning(task: Pick<InboxTask, 'status' | 'kind'>): boolean {
  return task.status === 'open' && (task.kind === 'review' || task.kind === 'handle');
}
