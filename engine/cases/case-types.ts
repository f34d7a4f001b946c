/** The records a case is made of, as the runtime reads and writes them. */
import type { HandlingForm, TaskKind } from '../definitions/item-model.ts';
import type { Level } from '../org/levels.ts';

/** 五种办理形式: the form a case is in right now. */
export type CaseForm = 'instant' | 'promised' | 'joint' | 'supplement' | 'returned';
export type CaseStatus = 'running' | 'completed' | 'returned' | 'cancelled';

export interface CaseRecord {
  id: string;
  caseNumber: string;
  definitionId: number;
  itemCode: string;
  regionCode: string;
  applicantId: string;
  green: boolean;
  /** 帮办: the staff member who follows a green-channel case and is told of every step. */
  helperId: string | null;
  projectId: string | null;
  /** 查询码 issued at acceptance for the public progress lookup. */
  queryCode: string | null;
  /** Where the project is sited when below the window's region (tasks delegated down land there). */
  siteRegionCode: string | null;
  form: CaseForm;
  status: CaseStatus;
  acceptedAt: Date | null;
  dueAt: Date | null;
  dueProvisional: boolean;
  pausedAt: Date | null;
  pauseReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export type TaskStatus = 'open' | 'signed' | 'done' | 'cancelled';

export interface TaskRecord {
  id: string;
  caseId: string;
  elementId: string;
  executionId: string;
  kind: TaskKind;
  round: number;
  departmentId: string | null;
  level: Level | null;
  assignee: string | null;
  lead: boolean;
  status: TaskStatus;
  green: boolean;
  createdAt: Date;
  signDueAt: Date | null;
  dueAt: Date | null;
  signedAt: Date | null;
  completedAt: Date | null;
  outcome: Record<string, unknown> | null;
}

export type Decision = 'approve' | 'reject' | 'supplement';
/** Why an opinion exists: given by the department, or recorded by one of the default rules. */
export type OpinionBasis = 'given' | 'timeout' | 'inaction' | 'unsigned' | 'absence';

export interface OpinionRecord {
  caseId: string;
  taskId: string;
  elementId: string;
  round: number;
  departmentId: string | null;
  decision: Decision;
  basis: OpinionBasis;
  reasons: string[];
  conditions: string[];
  materials: string[];
  givenBy: string | null;
  givenAt: Date;
}

export interface AccountabilityRecord {
  caseId: string;
  taskId: string;
  departmentId: string | null;
  level: Level | null;
  basis: Exclude<OpinionBasis, 'given'>;
  limitAt: Date;
  recordedAt: Date;
}

export interface CaseEvent {
  caseId: string;
  seq: number;
  type: string;
  taskId: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export type TimerKind = 'sign-due' | 'review-due' | 'task-yellow' | 'case-due' | 'case-yellow' | 'remind' | 'urge' | 'escalate' | 'material-due' | 'rating-window';

/** 容缺受理: a non-essential material accepted as missing, promised for a date. */
export interface CaseMaterial {
  caseId: string;
  code: string;
  name: string;
  status: 'promised' | 'supplied';
  promisedBy: Date | null;
  suppliedAt: Date | null;
}

export interface Notification {
  recipient: string;
  caseId: string;
  eventSeq: number;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface TimerRecord {
  caseId: string;
  key: string;
  kind: TimerKind;
  taskId: string | null;
  dueAt: Date;
  provisional: boolean;
  /** Working days left when the case clock stopped; null while the clock runs. */
  remainingDays: number | null;
  firedAt: Date | null;
  cancelledAt: Date | null;
}

/** The form a new case starts in, from the item's handling form. */
export function initialForm(form: HandlingForm): CaseForm {
  return form;
}
