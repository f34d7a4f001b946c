/** 问责记录 as supervisors and departments read them: who let which limit pass, when, on what basis. */
import type { OpinionBasis } from '../cases/case-types.ts';

export interface AccountabilityFilter {
  departmentId?: string;
  /** Records of departments in this region (city, county or township code). */
  regionCode?: string;
  from: Date;
  /** Exclusive end of the period. */
  to: Date;
}

export interface AccountabilityEntry {
  departmentId: string | null;
  departmentName: string | null;
  level: string | null;
  caseId: string;
  caseNumber: string;
  itemCode: string;
  taskId: string;
  elementId: string;
  basis: Exclude<OpinionBasis, 'given'>;
  limitAt: Date;
  recordedAt: Date;
}

export interface AccountabilitySource {
  records(filter: AccountabilityFilter): Promise<AccountabilityEntry[]>;
}
