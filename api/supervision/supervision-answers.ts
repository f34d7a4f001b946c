/**
 * The rows supervision (电子监察) answers with: lights on open tasks and running cases, the
 * opinions recorded by default (supervision-reads.ts) and the 差评核查 a supervisor works down
 * (verification-list.ts). Types only, so that the browser app reads the server's own rows (as
 * `Json<…>`, api/http/json-answer.ts) instead of a copy.
 */
import type { AccountabilityBasis } from '../../engine/scoring/scoring-rules.ts';
import type { VerificationState } from '../ratings/verification-state.ts';

/** A light worth a warning (department-inbox.ts `Light` other than none). */
export type WarningLight = 'red' | 'yellow';

/** Why an opinion was recorded by default: 超时默认, 不作为默认, 未签收, 缺席默认. */
export type Basis = AccountabilityBasis;

export interface TaskWarning {
  taskId: string;
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  green: boolean;
  elementId: string;
  kind: string;
  status: string;
  departmentId: string | null;
  departmentName: string | null;
  level: string | null;
  assignee: string | null;
  signDueAt: Date | null;
  dueAt: Date;
  yellowAt: Date | null;
  light: WarningLight;
  /** Yellow: working days still available (today not counted). */
  remainingWorkingDays: number;
  /** Red: working days since the limit passed. */
  overdueWorkingDays: number;
}

export interface CaseWarning {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  level: string;
  green: boolean;
  form: string;
  acceptedAt: Date | null;
  dueAt: Date;
  yellowAt: Date | null;
  light: WarningLight;
  remainingWorkingDays: number;
  overdueWorkingDays: number;
}

export interface DefaultConsent {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  taskId: string;
  elementId: string;
  round: number;
  departmentId: string | null;
  departmentName: string | null;
  level: string | null;
  decision: string;
  basis: Basis;
  recordedAt: Date;
}

/** A dissatisfied rating and where its verification stands (verification-list.ts). */
export interface VerificationRow {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  ratingLevel: string;
  comment: string | null;
  ratedAt: Date;
  state: VerificationState;
  verificationCaseNumber: string | null;
  /** The department asked to rectify, once known. */
  departmentId: string | null;
  outcome: string | null;
  finding: string | null;
  rectified: boolean | null;
  openSteps: number;
  redWarnings: number;
}
