/**
 * 联审会 in a case's progress answer, as the applicant and the browser app read it. Types only:
 * the web app imports them as they are (case-meetings.ts reads them).
 */

export interface MeetingAttendance {
  departmentId: string;
  departmentName: string;
  /** null until the meeting is closed and its attendance recorded. */
  present: boolean | null;
  /** 缺席默认 was recorded: the item defaults absentees to agreeing with the meeting's decision. */
  absenceDefault: boolean;
}

export interface MeetingProgress {
  taskId: string;
  leadId: string;
  leadName: string;
  scheduledAt: string;
  place: string;
  status: 'scheduled' | 'closed';
  decision: 'approved' | 'rejected' | null;
  closedAt: string | null;
  attendance: MeetingAttendance[];
}
