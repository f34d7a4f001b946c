/** The API's answers the enterprise portal reads (see /api/openapi.json). */
import type { MeetingProgress } from '../../../api/read-models/meeting-progress.ts';

// 联审会 rows: the server's own types (api/read-models/meeting-progress.ts).
export type { MeetingAttendance, MeetingProgress } from '../../../api/read-models/meeting-progress.ts';
export type Light = 'red' | 'yellow' | 'none';

export interface CatalogueMaterial { code: string; name: string; essential: boolean }

export interface CatalogueEntry {
  itemCode: string;
  name: string;
  version: number;
  category: string | null;
  handlingForm: 'instant' | 'promised' | 'joint';
  /** Who starts a case: only `applicant` items are applied for; 12345 orders come through the hotline. */
  startedBy: 'applicant' | 'hotline' | 'system';
  levels: string[];
  implementingDepartment: string | null;
  departments: { code: string; name: string }[];
  legalBasis: { title: string; articles: string | null }[];
  conditions: string[];
  materials: CatalogueMaterial[];
  procedure: string[];
  promisedDays: number;
  statutoryDays: number;
  greenPromisedDays: number | null;
  fees: { name: string; amount: string; basis: string | null }[];
  consultation: string | null;
  notes: string | null;
}

export type DepartmentState = 'awaiting-sign' | 'reviewing' | 'signed' | 'approved' | 'default-approved' | 'supplement' | 'rejected' | 'cancelled';

export interface DepartmentProgress {
  taskId: string;
  elementId: string;
  round: number;
  departmentId: string;
  departmentName: string;
  state: DepartmentState;
  /** given, timeout, inaction, unsigned, absence */
  basis: string | null;
  signedAt: string | null;
  completedAt: string | null;
  signDueAt: string | null;
  dueAt: string | null;
  light: Light;
  remainingWorkingDays: number | null;
  late: boolean;
  overdueWorkingDays: number;
  reasons: string[];
  conditions: string[];
  materials: string[];
}

export interface Prediction {
  state: 'predicted' | 'ended' | 'not-accepted' | 'clock-stopped';
  basis?: 'history' | 'promised-limit';
  promisedDate?: string | null;
  p50?: { date: string; remainingWorkingDays: number };
  p90?: { date: string; remainingWorkingDays: number };
  p90BeyondPromised?: boolean;
}

export interface CaseProgress {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  status: 'running' | 'completed' | 'returned' | 'cancelled';
  form: string;
  green: boolean;
  acceptedAt: string | null;
  dueAt: string | null;
  pausedAt: string | null;
  pauseReason: string | null;
  endedAt: string | null;
  light: Light;
  remainingWorkingDays: number | null;
  late: boolean;
  overdueWorkingDays: number;
  holders: { taskId: string; kind: string; departmentId: string | null; departmentName: string | null }[];
  departments: DepartmentProgress[];
  supplementRequest: { taskId: string; dueAt: string | null; materials: string[]; reasons: string[]; askedBy: string[] } | null;
  /** 联审会 of the case, oldest first. */
  meetings: MeetingProgress[];
  prediction: Prediction | null;
}

export interface TimelineEvent {
  seq: number;
  type: string;
  taskId: string | null;
  at: string;
  payload: Record<string, unknown>;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  itemCode: string;
  regionCode: string;
  projectId: string | null;
  green: boolean;
  form: string;
  status: CaseProgress['status'];
  acceptedAt: string | null;
  dueAt: string | null;
  createdAt: string;
  endedAt: string | null;
}

export interface CaseDetail extends CaseSummary {
  queryCode: string | null;
  timeline: TimelineEvent[];
}

export interface Project {
  id: string;
  name: string;
  regionCode: string;
  keyProject: boolean;
  helperId: string | null;
  createdAt: string;
}

export interface ProjectDetail extends Project {
  cases: (CaseSummary & { progress: CaseProgress })[];
  timeline: (TimelineEvent & { caseId: string; caseNumber: string; itemCode: string })[];
}

export interface Upload { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; createdAt: string; contentUrl: string }

export interface CaseFile { material: string; purpose: 'application' | 'supplement'; attachedAt: string; upload: Upload }

export interface RatingAnswer {
  state: 'not-ended' | 'awaiting' | 'rated' | 'closed-unrated' | 'not-ratable';
  window: { closesAt: string } | null;
  rating: { level: string; comment: string | null; ratedAt: string } | null;
  scale: { id: string; levels: string[]; aspects: string[] };
}

export interface PublicProgress {
  caseNumber: string;
  itemCode: string;
  status: string;
  form: string;
  acceptedAt: string | null;
  dueAt: string | null;
  endedAt: string | null;
  pending: { step: string; departmentId: string | null; departmentName: string | null; dueAt: string | null }[];
  /** Each department's state and countdown — the public part of {@link DepartmentProgress} (no reasons, no people). */
  departments: PublicDepartmentProgress[];
  /** Milestones; a department's step names the department, an opinion its decision. */
  steps: { type: string; at: string; departmentId?: string; departmentName?: string; decision?: 'approve' | 'reject' | 'supplement' }[];
}

export type PublicDepartmentProgress = Pick<DepartmentProgress,
  'departmentId' | 'departmentName' | 'round' | 'state' | 'light' | 'dueAt' | 'completedAt' | 'remainingWorkingDays' | 'late' | 'overdueWorkingDays'>
  & { basis?: string | null };
