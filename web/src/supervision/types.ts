/** The JSON the supervision and statistics endpoints answer with (dates arrive as ISO strings). */
import type { Json } from '../../../api/http/json-answer.ts';
import type {
  Basis, CaseWarning as CaseWarningRow, DefaultConsent as DefaultConsentRow, TaskWarning as TaskWarningRow, VerificationRow,
} from '../../../api/supervision/supervision-answers.ts';
import type { AccountabilityEntry } from '../../../engine/queries/accountability.ts';

export type { Basis };
export const BASES: Basis[] = ['timeout', 'inaction', 'unsigned', 'absence'];

// The server's rows as they arrive (api/supervision/supervision-answers.ts, engine/queries/accountability.ts).
export type TaskWarning = Json<TaskWarningRow>;
export type CaseWarning = Json<CaseWarningRow>;
export type DefaultConsent = Json<DefaultConsentRow>;

export interface Warnings {
  at: string;
  counts: { tasks: { red: number; yellow: number }; cases: { red: number; yellow: number } };
  tasks: TaskWarning[];
  cases: CaseWarning[];
}

export interface ByDepartment {
  departmentId: string | null;
  departmentName: string | null;
  total: number;
  byBasis: Record<string, number>;
}

export interface DefaultConsents {
  total: number;
  byBasis: Record<string, number>;
  byDepartment: ByDepartment[];
  opinions: DefaultConsent[];
}

export type AccountabilityRecord = Json<AccountabilityEntry>;

export interface Accountability {
  total: number;
  byBasis: Record<string, number>;
  byDepartment: ByDepartment[];
  records: AccountabilityRecord[];
}

export interface Figures {
  accepted: number;
  finished: number;
  open: number;
  finishRate: number | null;
  instantRate: number | null;
  onTimeRate: number | null;
  speedUpRate: number | null;
  ratingRate: number | null;
  satisfactionRate: number | null;
  defaultConsents: Record<Basis, number> & { total: number };
  caseWorkingDays: { average: number | null; p90: number | null };
}

export interface StatisticsRow extends Figures {
  key: string;
  name: string;
}

export interface Statistics {
  groupBy: 'department' | 'region' | 'level' | 'item';
  rows: StatisticsRow[];
  total: Figures;
}

export interface Bottleneck {
  departmentId: string;
  departmentName: string;
  itemCode: string;
  itemName: string;
  level: string;
  completed: number;
  averageWorkingDays: number | null;
  p90WorkingDays: number | null;
  maxWorkingDays: number | null;
  late: number;
  lateRate: number | null;
  pending: number;
  pendingOverdue: number;
  defaultConsents: Record<Basis, number> & { total: number };
}

export interface Deduction {
  rule: 'dissatisfied' | 'rating-rate' | 'accountability';
  points: number;
  cases: { caseId: string; caseNumber: string }[];
  detail: string;
}

export interface UnitScore {
  unitId: string;
  ref: string;
  name: string;
  score: number;
  rank: number;
  star: boolean;
  last: boolean;
  cases: number;
  rated: number;
  ratingRate: number | null;
  deductions: Deduction[];
}

export interface MonthlyScore {
  period: string;
  unit: 'window' | 'department' | 'staff';
  ranked: number;
  scores: UnitScore[];
}

export type Verification = Json<VerificationRow>;

export interface SupervisedOrg {
  /** The server's now: limits, lights and the current month follow its clock, not the browser's. */
  at: string;
  rootCode: string | null;
  regions: { code: string; name: string; level: string; parentCode: string | null }[];
  departments: { id: string; name: string; kind: string; regionCode: string }[];
}
