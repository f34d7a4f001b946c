/**
 * The rows statistics are computed from, as a source gathers them (few queries, no figures),
 * and the filter that limits them. The computations live beside this file and are pure.
 */
import type { CaseStatus } from '../cases/case-types.ts';
import type { Level } from '../org/levels.ts';
import { VERIFICATION_ITEM_CODE } from '../rating/verification/verification-item.ts';
import type { AccountabilityBasis } from '../scoring/scoring-rules.ts';
import type { MonthRows } from './monthly-score-data.ts';
import type { PendingTask, PredictionCase } from './predict-completion.ts';
import type { ClockStop } from './working-days.ts';

export const DEFAULT_BASES: readonly AccountabilityBasis[] = ['timeout', 'inaction', 'unsigned', 'absence'];

/**
 * Items the centre runs on itself rather than for an applicant, left out of service statistics
 * and monthly scores: 差评核查 (processes/rating-verification.bpmn), which a 不满意 rating
 * starts — counting it would charge the centre's own supervision as 办件 and rate it again.
 */
export const INTERNAL_ITEM_CODES: readonly string[] = [VERIFICATION_ITEM_CODE];

/** An accepted case with what the figures need from it. */
export interface StatCase {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  /** The accepting window's region (its calendar counts the case's working days). */
  regionCode: string;
  regionName: string;
  /** Level of the accepting window's region. */
  level: Level;
  green: boolean;
  status: CaseStatus;
  acceptedAt: Date;
  endedAt: Date | null;
  /** The promised limit (承诺时限) as it finally stood (moved by clock stops). */
  dueAt: Date | null;
  statutoryDays: number;
  promisedDays: number;
  stops: ClockStop[];
  rating: { level: string; dissatisfied: boolean; ratedAt: Date } | null;
}

/** A department's task on a case (review, decision, meeting, 12345 handling). */
export interface StatTask {
  taskId: string;
  caseId: string;
  elementId: string;
  kind: string;
  departmentId: string;
  departmentName: string;
  departmentRegionCode: string;
  /** The department's level (county, city …). */
  level: Level;
  status: 'open' | 'signed' | 'done' | 'cancelled';
  createdAt: Date;
  completedAt: Date | null;
  dueAt: Date | null;
}

/** An opinion recorded by a default rule (basis ≠ given), charged to its department. */
export interface StatDefaultConsent {
  caseId: string;
  taskId: string;
  departmentId: string;
  departmentName: string;
  departmentRegionCode: string;
  level: Level;
  basis: AccountabilityBasis;
  recordedAt: Date;
}

/** Everything gathered for one period. */
export interface StatisticsRows {
  cases: StatCase[];
  tasks: StatTask[];
  defaults: StatDefaultConsent[];
}

/** What a caller may see, and the filters asked for. */
export interface StatisticsFilter {
  /** Cases accepted in [from, to). */
  from: Date;
  to: Date;
  /** Regions (each with everything below it already expanded); null = everywhere. */
  regionCodes: string[] | null;
  /** Only this department (cases it held a task of; its own tasks and defaults). */
  departmentId: string | null;
  /** Cases accepted at this level; department figures of departments at this level. */
  level: Level | null;
  itemCode: string | null;
}

/** Where the rows come from (PostgreSQL in production). */
/** What a prediction is about: the case (its clock stops come with the history) and what it waits for. */
export interface PredictionSubject {
  case: Omit<PredictionCase, 'stops'>;
  pending: PendingTask[];
}

export interface StatisticsSource {
  /** Cases accepted in the period and in scope, with their department tasks, default consents and clock stops. */
  cohort(filter: StatisticsFilter, asOf: Date): Promise<StatisticsRows>;
  /** The month [from, to) of 月度百分考评: cases whose rating was settled in it, its 问责记录, the units' names. */
  month(period: string, from: Date, to: Date): Promise<MonthRows>;
  /** A case and its pending department tasks, to predict (undefined: no such case); the history is sampled elsewhere. */
  predictionSubject(caseId: string): Promise<PredictionSubject | undefined>;
}
