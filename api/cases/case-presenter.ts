/** The shape of a case in HTTP responses and realtime events (one presenter for both). */
import type { CaseEvent, CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentTask(t: TaskRecord) {
  return {
    id: t.id, caseId: t.caseId, elementId: t.elementId, kind: t.kind, round: t.round, departmentId: t.departmentId, level: t.level,
    assignee: t.assignee, lead: t.lead, status: t.status, green: t.green, createdAt: iso(t.createdAt), signDueAt: iso(t.signDueAt),
    dueAt: iso(t.dueAt), signedAt: iso(t.signedAt), completedAt: iso(t.completedAt), outcome: t.outcome,
  };
}

export function presentEvent(e: CaseEvent) {
  return { seq: e.seq, type: e.type, taskId: e.taskId, at: e.at.toISOString(), payload: e.payload };
}

/** A case as a list row. */
export function presentCaseSummary(c: CaseRecord) {
  return {
    id: c.id, caseNumber: c.caseNumber, itemCode: c.itemCode, regionCode: c.regionCode, applicantId: c.applicantId,
    projectId: c.projectId, green: c.green, form: c.form, status: c.status, acceptedAt: iso(c.acceptedAt), dueAt: iso(c.dueAt),
    pausedAt: iso(c.pausedAt), createdAt: iso(c.createdAt), endedAt: iso(c.endedAt),
  };
}

/** A case with its tasks and timeline, for the people entitled to it. */
export function presentCase(c: CaseRecord, tasks: TaskRecord[], events: CaseEvent[]) {
  return {
    ...presentCaseSummary(c), helperId: c.helperId, queryCode: c.queryCode, dueProvisional: c.dueProvisional, pauseReason: c.pauseReason,
    tasks: tasks.map(presentTask), timeline: events.map(presentEvent),
  };
}
