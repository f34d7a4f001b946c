/**
 * 公开查询's answer: what an anonymous visitor holding the case number and query code may read.
 * Built field by field (never by spreading a richer object) so that nothing personal slips in
 * when the enterprise progress grows: department names are public, the people (signer, giver
 * of an opinion, applicant) and an opinion's reasons, conditions and materials are not.
 */
import type { CaseEvent, CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import type { CaseProgressReads } from '../read-models/case-progress.ts';
import type { PublicProgress } from './public-schemas.ts';

type Progress = Awaited<ReturnType<CaseProgressReads['of']>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

// Milestones only (no reminders, warnings, ratings or bookkeeping).
const PUBLIC_EVENTS = new Set(['applied', 'accepted', 'signed', 'opinion', 'default-consent', 'review-concluded', 'paused', 'resumed',
  'meeting-scheduled', 'meeting-closed', 'linkage-hop', 'completed', 'returned', 'cancelled', 'form-changed']);
// A department's own act: the step names it (the payload also names the person, which stays out).
const DEPARTMENT_EVENTS = new Set(['signed', 'opinion', 'default-consent']);
const DECISIONS = new Set(['approve', 'reject', 'supplement']);

export function presentPublicProgress(c: CaseRecord, tasks: TaskRecord[], events: CaseEvent[], progress: Progress, names: Map<string, string>): PublicProgress {
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    caseNumber: c.caseNumber, itemCode: c.itemCode, status: c.status, form: c.form,
    acceptedAt: iso(c.acceptedAt), dueAt: iso(c.dueAt), endedAt: iso(c.endedAt),
    pending: tasks.filter((t) => t.status === 'open' || t.status === 'signed').map((t) => ({
      step: t.elementId, departmentId: t.departmentId, departmentName: t.departmentId ? nameOf(t.departmentId) : null, dueAt: iso(t.dueAt),
    })),
    departments: progress.departments.map((d) => ({
      departmentId: d.departmentId!, departmentName: d.departmentName!, round: d.round, state: d.state, light: d.light,
      dueAt: d.dueAt, completedAt: d.completedAt, remainingWorkingDays: d.remainingWorkingDays, late: d.late, overdueWorkingDays: d.overdueWorkingDays,
    })),
    steps: events.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => {
      const departmentId = DEPARTMENT_EVENTS.has(e.type) && typeof e.payload.departmentId === 'string' ? e.payload.departmentId : undefined;
      const decision = e.type === 'opinion' && typeof e.payload.decision === 'string' && DECISIONS.has(e.payload.decision)
        ? e.payload.decision as 'approve' | 'reject' | 'supplement' : undefined;
      return {
        type: e.type, at: e.at.toISOString(),
        ...(departmentId ? { departmentId, departmentName: nameOf(departmentId) } : {}),
        ...(decision ? { decision } : {}),
      };
    }),
  };
}
