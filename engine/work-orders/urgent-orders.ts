/**
 * 12345: an urgent order that arrives outside office hours cannot wait for the morning; the
 * duty officer (值班人员) of the region is alerted at once.
 */
import type { CaseSession } from '../cases/case-session.ts';
import { localDate, localTimeMinutes } from '../calendar/index.ts';

const OPENS_AT = 8 * 60 + 30;
const CLOSES_AT = 17 * 60 + 30;

/** True outside 08:30–17:30 on working days (and all day on days off), Asia/Shanghai. */
export function outsideOfficeHours(s: CaseSession, at: Date): boolean {
  if (!s.env.calendar.isWorkingDay(localDate(at), s.row.regionCode)) return true;
  const minutes = localTimeMinutes(at);
  return minutes < OPENS_AT || minutes >= CLOSES_AT;
}

/** Alert the region's duty officer when an urgent order arrives out of hours. */
export function alertDutyOfficerIfNeeded(s: CaseSession, urgent: boolean): void {
  if (!urgent || !outsideOfficeHours(s, s.now)) return;
  const dutyOfficer = `duty-officer:${s.row.regionCode}`;
  s.event('duty-officer-alerted', { dutyOfficer, reason: 'urgent order outside office hours' });
  s.notify(dutyOfficer, 'urgent-order', { caseNumber: s.row.caseNumber });
}
