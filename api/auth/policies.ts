/**
 * Permissions declared as policies and checked with one `authorize()` call: every endpoint
 * names the roles it admits; resource handlers then check the scope (region, department,
 * ownership) with the helpers below.
 */
import type { RequestHandler } from 'express';
import type { AuthUser, Role } from './auth-user.ts';
import { HttpError } from '../http/problem.ts';

/** Admit only signed-in users with one of `roles`. */
export function authorize(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new HttpError(401, 'unauthenticated', 'sign in first'));
    if (!roles.includes(req.user.role)) return next(new HttpError(403, 'forbidden', `not allowed for role ${req.user.role}`));
    next();
  };
}

/** The signed-in user (after `authorize`). */
export function currentUser(req: { user?: AuthUser }): AuthUser {
  if (!req.user) throw new HttpError(401, 'unauthenticated', 'sign in first');
  return req.user;
}

/** Refuse as 404 what the caller may not see, so existence is not revealed across regions. */
export function requireScope(allowed: boolean, what: string): void {
  if (!allowed) throw new HttpError(404, 'not_found', `${what} not found`);
}
