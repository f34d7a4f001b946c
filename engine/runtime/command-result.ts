/** What every case command returns (and what an idempotent replay returns again). */
import type { CaseSession } from '../cases/case-session.ts';

export interface TaskSummary {
  id: string;
  elementId: string;
  kind: string;
  round: number;
  departmentId: string | null;
  assignee: string | null;
  status: string;
  dueAt: string | null;
  signDueAt: string | null;
}

export interface CommandResult {
  caseId: string;
  caseNumber: string;
  status: string;
  form: string;
  version: number;
  dueAt: string | null;
  /** 查询码 for the public lookup, once the case is accepted. */
  queryCode: string | null;
  openTasks: TaskSummary[];
}

/** Shape the result of a command from its session. */
export function commandResult(s: CaseSession): CommandResult {
  return {
    caseId: s.row.id,
    caseNumber: s.row.caseNumber,
    status: s.row.status,
    form: s.row.form,
    version: s.row.version,
    dueAt: s.row.dueAt?.toISOString() ?? null,
    queryCode: s.row.queryCode,
    openTasks: s.openTasks.map((t) => ({
      id: t.id, elementId: t.elementId, kind: t.kind, round: t.round, departmentId: t.departmentId, assignee: t.assignee,
      status: t.status, dueAt: t.dueAt?.toISOString() ?? null, signDueAt: t.signDueAt?.toISOString() ?? null,
    })),
  };
}
