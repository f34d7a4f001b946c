/** When a 联审会 counts as held: its attendance and decision may be recorded from then on. */
import type { MeetingRecord } from './meeting-types.ts';

/** True once the scheduled meeting's time has come (by the server's clock). */
export function meetingHeld(meeting: Pick<MeetingRecord, 'scheduledAt'>, now: Date): boolean {
  return now.getTime() >= meeting.scheduledAt.getTime();
}
