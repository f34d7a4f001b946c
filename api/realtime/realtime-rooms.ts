/**
 * Room names, and which rooms a user joins on connecting. A room mirrors a reading right of
 * `canReadCase`: the applicant, the windows of the case's region, supervisors of that region or
 * any region above it, the departments that hold or held a task of the case.
 */
import type { AuthUser } from '../auth/auth-user.ts';

export const room = {
  case: (caseId: string) => `case:${caseId}`,
  applicant: (userId: string) => `applicant:${userId}`,
  department: (departmentId: string) => `dept:${departmentId}`,
  window: (regionCode: string) => `window:${regionCode}`,
  region: (regionCode: string) => `region:${regionCode}`,
};

/** The rooms a signed-in user is put in automatically (designers and admins: none). */
export function roomsOfUser(user: AuthUser): string[] {
  switch (user.role) {
    case 'applicant': return [room.applicant(user.id)];
    case 'window': return [room.window(user.regionCode)];
    case 'supervisor': return [room.region(user.regionCode)];
    case 'reviewer':
    case 'lead': return user.departmentId ? [room.department(user.departmentId)] : [];
    default: return [];
  }
}
