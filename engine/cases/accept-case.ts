/**
 * 总台受理: accepting a case starts its promised limit and issues the 查询码 that, with the case
 * number, opens the public progress lookup.
 */
import { randomInt } from 'node:crypto';
import { planCaseDeadline } from '../deadlines/plan-deadlines.ts';
import type { CaseSession } from './case-session.ts';

/**
 * Accept the case now (by a window clerk, or at application for items without acceptance);
 * `notReceived`: optional materials the window did not receive (see acceptance-materials.ts).
 */
export function acceptCase(s: CaseSession, by: string, notReceived: readonly string[] = []): void {
  s.row.queryCode ??= String(randomInt(0, 1_000_000)).padStart(6, '0');
  s.event('accepted', { by, caseNumber: s.row.caseNumber, ...(notReceived.length ? { notReceived: [...notReceived] } : {}) });
  planCaseDeadline(s, s.now);
}
