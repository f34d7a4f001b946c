/** Who may see a case: its applicant, the windows and supervisors of its region, its departments. */
import type { CaseRecord } from '../../engine/cases/case-types.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import type { CaseReads } from '../read-models/case-reads.ts';

/** True when `user` may read case `c`. */
export async function canReadCase(user: AuthUser, c: CaseRecord, reads: CaseReads): Promise<boolean> {
  switch (user.role) {
    case 'applicant': return c.applicantId === user.id;
    case 'window': return c.regionCode === user.regionCode;
    case 'supervisor': return reads.isWithin(c.regionCode, user.regionCode);
    case 'reviewer':
    case 'lead': return !!user.departmentId && (await reads.departmentsOf(c.id)).has(user.departmentId);
    case 'admin': return true;
    default: return false;
  }
}
