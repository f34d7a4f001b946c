/** Who is calling: the roles of the platform and the scope (region, department) of each user. */

export const ROLES = ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'designer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentId: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
      requestId: string;
      /** Values parsed by `validate()`. */
      valid: { body?: any; query?: any; params?: any };
    }
  }
}
