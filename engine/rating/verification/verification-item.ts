/**
 * 差评核查 (verification of a 不满意-or-worse rating): the item `processes/rating-verification.bpmn`
 * and the durable keys that tie a rated case (R) to its one verification case (V).
 *
 * - `verification:start` — a timer on R, armed in the rating's own transaction, due at once.
 *   Pending = a verification is owed and not yet linked to R. Agenda, the sweep and the call
 *   right after the rating all fire it; whoever fires it starts V with the request id
 *   `verification:<R>` (command_log's primary key: one V per rated case, ever) and then links V
 *   to R (request id `verification-started:<R>`), which marks the timer fired.
 * - `verification:report:<R>` — a timer on V, armed in the transaction that ends V, due at once.
 *   Pending = V's conclusion is not yet recorded with R's rating; firing it writes
 *   `verification-concluded` on R (request id `verification-concluded:<V>`, once) and marks it fired.
 *
 * Both are of the rating-window kind: the one kind of timer the store keeps pending on an
 * ended case (R is always ended, V is ending).
 */
import type { CaseSession } from '../../cases/case-session.ts';

/** `TT DDD MMMM SSS`: 20 公共服务, 014 jc 电子监察室, item 0001, no sub-item. */
export const VERIFICATION_ITEM_CODE = '200140001000';

/** The task ids of the item the runtime relies on (the BPMN's gateways branch on their flags). */
export const VERIFICATION_TASKS = {
  investigate: 'investigate',
  rectify: 'rectify',
  reply: 'reply',
  superviseReply: 'superviseReply',
  superviseRectification: 'superviseRectification',
} as const;

/** The findings of the investigation: the complaint is upheld, partly upheld, or not. */
export const FINDINGS = ['属实', '部分属实', '不属实'] as const;
export type Finding = (typeof FINDINGS)[number];

/** How a verification ends, recorded with the rating. */
export type VerificationOutcome = '属实已整改' | '部分属实已整改' | '属实未整改' | '部分属实未整改' | '不属实' | '未作结论' | '核查撤销';

/** Materials a verification starts with (RV03, the applicant's statement, comes later if asked). */
export const VERIFICATION_MATERIALS = ['RV01', 'RV02'];

export const VERIFICATION_START_KEY = 'verification:start';
const REPORT_PREFIX = 'verification:report:';

/** The report timer of a verification, naming the rated case it reports to. */
export const reportKey = (ratedCaseId: string): string => `${REPORT_PREFIX}${ratedCaseId}`;

/** The rated case a report timer key names, if it is one. */
export function ratedCaseOfReportKey(key: string): string | undefined {
  return key.startsWith(REPORT_PREFIX) ? key.slice(REPORT_PREFIX.length) || undefined : undefined;
}

/** True for the timers the verification coordinator fires (not `fireTimer`). */
export const isVerificationTimerKey = (key: string): boolean => key === VERIFICATION_START_KEY || key.startsWith(REPORT_PREFIX);

/** Idempotency keys: each step happens once per rated case / verification, whoever runs it. */
export const startRequestId = (ratedCaseId: string): string => `verification:${ratedCaseId}`;
export const linkRequestId = (ratedCaseId: string): string => `verification-started:${ratedCaseId}`;
export const concludeRequestId = (verificationCaseId: string): string => `verification-concluded:${verificationCaseId}`;

/** What a verification case carries from its rated case (the engine variable `verification`). */
export interface VerificationLink {
  ratedCaseId: string;
  ratedCaseNumber: string;
  ratedItemCode: string;
  /** The department that rectifies (see department-concerned.ts). */
  departmentId: string;
}

export function isVerificationCase(s: CaseSession): boolean {
  return s.row.itemCode === VERIFICATION_ITEM_CODE;
}

/** The link of a running verification case (engine variables are readable while it runs). */
export function verificationLinkOf(s: CaseSession): VerificationLink | undefined {
  if (!isVerificationCase(s) || s.row.status !== 'running') return undefined;
  const link = s.engine.variable('verification') as VerificationLink | undefined;
  return link?.ratedCaseId ? link : undefined;
}
