/** Closing the joint review meeting: attendance of every invitee, the decision, and 缺席默认. */
import type { CaseSession } from '../cases/case-session.ts';
import { finishTask } from '../cases/finish-task.ts';
import { InvalidStateError, ValidationError } from '../errors/domain-error.ts';
import { allParticipantsOf, type ResolvedParticipant } from '../joint-review/participants.ts';
import { recordAbsenceDefault } from './absence-default.ts';
import { meetingHeld } from './meeting-held.ts';

export interface CloseMeetingInput {
  taskId: string;
  decision: 'approved' | 'rejected';
  /** 会议考勤: department id → present; every invitee must be accounted for. */
  attendance: Record<string, boolean>;
  minutes?: string;
  actor: string;
}

/** Close the meeting: record attendance and the decision, default the absent, move the case on. */
export async function closeMeeting(s: CaseSession, input: CloseMeetingInput): Promise<void> {
  const task = s.openTask(input.taskId);
  const meeting = await s.tx.meetingOf(task.id);
  if (!meeting || meeting.status !== 'scheduled') throw new InvalidStateError('schedule the meeting before closing it', { taskId: task.id });
  // Attendance (and with it 缺席默认) can only be recorded for a meeting that has taken place.
  if (!meetingHeld(meeting, s.now)) {
    throw new InvalidStateError('the meeting has not been held yet: close it once it has taken place, or reschedule it', { taskId: task.id, scheduledAt: meeting.scheduledAt.toISOString() });
  }
  requireAttendance(Object.keys(meeting.attendance), input.attendance);
  meeting.attendance = { ...meeting.attendance, ...input.attendance };
  Object.assign(meeting, { status: 'closed', decision: input.decision, minutes: input.minutes ?? null, closedAt: s.now });
  s.changes.meetings.push(meeting);
  const absent = Object.entries(meeting.attendance).filter(([, present]) => present === false).map(([id]) => id);
  s.event('meeting-closed', { decision: input.decision, present: Object.keys(meeting.attendance).filter((d) => !absent.includes(d)), absent, by: input.actor }, task.id);
  if (s.specOf(task).onAbsence === 'approve') {
    for (const departmentId of absent) recordAbsenceDefault(s, task, meeting, departmentId, levelOf(s, task.elementId, departmentId));
  }
  await finishTask(s, task, { approved: input.decision === 'approved', rejected: input.decision === 'rejected' }, { decision: input.decision });
}

function requireAttendance(invitees: string[], attendance: Record<string, boolean>): void {
  const problems = invitees.filter((d) => typeof attendance[d] !== 'boolean').map((d) => ({ path: `attendance.${d}`, reason: 'record whether this invitee attended' }));
  for (const d of Object.keys(attendance)) if (!invitees.includes(d)) problems.push({ path: `attendance.${d}`, reason: 'not invited to this meeting' });
  if (problems.length) throw new ValidationError('attendance must cover exactly the invitees (会议考勤)', problems);
}

// The meeting's own participant list first; an invitee added from another step of the case
// (scheduleMeeting allows any department taking part) has its level there.
function levelOf(s: CaseSession, elementId: string, departmentId: string) {
  const all = allParticipantsOf(s);
  const of = (list: ResolvedParticipant[] | undefined) => list?.find((p) => p.departmentId === departmentId)?.level;
  return of(all[elementId]) ?? Object.values(all).map(of).find((level) => level !== undefined) ?? null;
}
