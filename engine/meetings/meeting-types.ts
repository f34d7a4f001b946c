/** 联审会: a joint review meeting held by the lead department for one meeting task. */

export interface MeetingRecord {
  id: string;
  caseId: string;
  taskId: string;
  leadId: string;
  scheduledAt: Date;
  place: string;
  status: 'scheduled' | 'closed';
  decision: 'approved' | 'rejected' | null;
  minutes: string | null;
  closedAt: Date | null;
  createdAt: Date;
  /** 会议考勤: invited department → present (null until recorded). */
  attendance: Record<string, boolean | null>;
}
