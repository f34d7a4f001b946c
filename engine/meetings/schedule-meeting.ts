/** The lead department schedules (or reschedules) the joint review meeting and invites departments. */
import { randomUUID } from 'node:crypto';
import type { CaseSession } from '../cases/case-session.ts';
import { InvalidStateError, ValidationError } from '../errors/domain-error.ts';
import { allParticipantsOf } from '../joint-review/participants.ts';
import type { MeetingRecord } from './meeting-types.ts';

export interface ScheduleMeetingInput {
  taskId: string;
  at: Date;
  place: string;
  /** Department ids to invite; by default every participant the item names for the meeting. */
  invitees?: string[];
  actor: string;
}

// A time entered to the minute while that minute runs is still "now", not the past.
const ENTRY_GRACE_MS = 60_000;

/** Schedule the meeting of an open meeting task; rescheduling keeps recorded attendance. */
export async function scheduleMeeting(s: CaseSession, input: ScheduleMeetingInput): Promise<MeetingRecord> {
  const task = s.openTask(input.taskId);
  if (task.kind !== 'meeting' || !task.departmentId) throw new InvalidStateError('only a meeting task schedules a meeting', { taskId: task.id });
  if (!input.place.trim()) throw new ValidationError('a meeting needs a place', [{ path: 'place', reason: 'required' }]);
  // 缺席默认 holds an absentee to a meeting it was invited to ahead: a meeting entered after the
  // fact would let its absentees be defaulted for a meeting they never heard of.
  if (input.at.getTime() < s.now.getTime() - ENTRY_GRACE_MS) {
    throw new ValidationError('a meeting is scheduled ahead: this time has passed', [{ path: 'at', reason: `must not be before ${s.now.toISOString()}` }]);
  }
  const invitees = input.invitees ? checkedInvitees(s, input.invitees) : defaultInvitees(s, task.elementId);
  if (!invitees.includes(task.departmentId)) invitees.unshift(task.departmentId);
  const existing = await s.tx.meetingOf(task.id);
  if (existing?.status === 'closed') throw new InvalidStateError('the meeting is closed', { taskId: task.id });
  const meeting: MeetingRecord = {
    id: existing?.id ?? randomUUID(), caseId: s.row.id, taskId: task.id, leadId: task.departmentId, scheduledAt: input.at,
    place: input.place, status: 'scheduled', decision: null, minutes: null, closedAt: null, createdAt: existing?.createdAt ?? s.now,
    attendance: Object.fromEntries(invitees.map((d) => [d, existing?.attendance[d] ?? null])),
  };
  s.changes.meetings.push(meeting);
  s.event(existing ? 'meeting-rescheduled' : 'meeting-scheduled', { at: input.at.toISOString(), place: input.place, invitees, by: input.actor }, task.id);
  return meeting;
}

function defaultInvitees(s: CaseSession, elementId: string): string[] {
  return (allParticipantsOf(s)[elementId] ?? []).map((p) => p.departmentId);
}

// An absent invitee is charged with 缺席默认 and an accountability record: only a department
// taking part in this case (one the item resolved for any of its steps) may be invited.
function checkedInvitees(s: CaseSession, invitees: string[]): string[] {
  const taking = new Set(Object.values(allParticipantsOf(s)).flat().map((p) => p.departmentId));
  const problems = invitees.flatMap((d, i) => (taking.has(d) ? [] : [{ path: `invitees.${i}`, reason: `"${d}" takes no part in this case` }]));
  if (problems.length) throw new ValidationError('only departments taking part in the case may be invited', problems);
  return [...new Set(invitees)];
}
