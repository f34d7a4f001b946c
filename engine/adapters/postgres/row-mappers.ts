/** Column ⇄ record mapping for the case tables (snake_case rows, camelCase records). */
import type { CaseRecord, OpinionRecord, TaskRecord, TimerRecord } from '../../cases/case-types.ts';
import type { MeetingRecord } from '../../meetings/meeting-types.ts';

type Row = Record<string, any>;

export function toCase(r: Row): CaseRecord {
  return {
    id: r.id, caseNumber: r.case_number, definitionId: Number(r.definition_id), itemCode: r.item_code, regionCode: r.region_code,
    applicantId: r.applicant_id, green: r.green, helperId: r.helper_id, projectId: r.project_id, queryCode: r.query_code, siteRegionCode: r.site_region_code, form: r.form, status: r.status, acceptedAt: r.accepted_at, dueAt: r.due_at,
    dueProvisional: r.due_provisional, pausedAt: r.paused_at, pauseReason: r.pause_reason, version: r.version,
    createdAt: r.created_at, updatedAt: r.updated_at, endedAt: r.ended_at,
  };
}

export function toTask(r: Row): TaskRecord {
  return {
    id: r.id, caseId: r.case_id, elementId: r.element_id, executionId: r.execution_id, kind: r.kind, round: r.round,
    departmentId: r.department_id, level: r.level, assignee: r.assignee, lead: r.lead, status: r.status, green: r.green,
    createdAt: r.created_at, signDueAt: r.sign_due_at, dueAt: r.due_at, signedAt: r.signed_at, completedAt: r.completed_at,
    outcome: r.outcome,
  };
}

export function toOpinion(r: Row): OpinionRecord {
  return {
    caseId: r.case_id, taskId: r.task_id, elementId: r.element_id, round: r.round, departmentId: r.department_id,
    decision: r.decision, basis: r.basis, reasons: r.reasons, conditions: r.conditions, materials: r.materials,
    givenBy: r.given_by, givenAt: r.given_at,
  };
}

export function toTimer(r: Row): TimerRecord {
  return {
    caseId: r.case_id, key: r.key, kind: r.kind, taskId: r.task_id, dueAt: r.due_at, provisional: r.provisional,
    remainingDays: r.remaining_days, firedAt: r.fired_at, cancelledAt: r.cancelled_at,
  };
}

export function toMeeting(r: Row): MeetingRecord {
  return {
    id: r.id, caseId: r.case_id, taskId: r.task_id, leadId: r.lead_id, scheduledAt: r.scheduled_at, place: r.place, status: r.status,
    decision: r.decision, minutes: r.minutes, closedAt: r.closed_at, createdAt: r.created_at, attendance: r.attendance ?? {},
  };
}

/** Task record as the JSON object `jsonb_populate_recordset(null::tasks, …)` expects. */
export function taskColumns(t: TaskRecord): Row {
  return {
    id: t.id, case_id: t.caseId, element_id: t.elementId, execution_id: t.executionId, kind: t.kind, round: t.round,
    department_id: t.departmentId, level: t.level, assignee: t.assignee, lead: t.lead, status: t.status, green: t.green,
    created_at: t.createdAt, sign_due_at: t.signDueAt, due_at: t.dueAt, signed_at: t.signedAt, completed_at: t.completedAt,
    outcome: t.outcome,
  };
}
