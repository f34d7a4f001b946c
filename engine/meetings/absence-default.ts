/**
 * 缺席默认: an invited department that does not attend the joint review meeting is recorded as
 * approving what the meeting decided, with an accountability record naming it.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { TaskRecord } from '../cases/case-types.ts';
import type { MeetingRecord } from './meeting-types.ts';

/** Record the absence default of `departmentId` at `meeting` (held for `task`). */
export function recordAbsenceDefault(s: CaseSession, task: TaskRecord, meeting: MeetingRecord, departmentId: string, level: TaskRecord['level']): void {
  const decision = meeting.decision === 'rejected' ? 'reject' : 'approve';
  s.changes.opinions.push({
    caseId: s.row.id, taskId: task.id, elementId: task.elementId, round: task.round, departmentId, decision, basis: 'absence',
    reasons: ['缺席默认：未出席联审会，视为同意会议决定'], conditions: [], materials: [], givenBy: null, givenAt: s.now,
  });
  s.changes.accountability.push({
    caseId: s.row.id, taskId: task.id, departmentId, level, basis: 'absence', limitAt: meeting.scheduledAt, recordedAt: s.now,
  });
  s.event('default-consent', { elementId: task.elementId, departmentId, decision, basis: 'absence', meetingDecision: meeting.decision }, task.id);
}
