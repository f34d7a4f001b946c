/**
 * Who is calling: a session cookie (browsers) or a bearer token (machine clients). Cookie
 * sessions must echo their CSRF token in `X-CSRF-Token` on every state-changing request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Clock } from '../../engine/clock/clock.ts';
import { HttpError } from '../http/problem.ts';
import { sha256, type UserStore } from './user-store.ts';

export const SESSION_COOKIE = 'ls_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SIGN_IN_PATH = '/api/auth/login';

/** Attach `req.user` when the request carries a valid session; refuse a cookie write without CSRF. */
export function authenticate(users: UserStore, clock: Clock): RequestHandler {
  return async (req, _res, next) => {
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = req.cookies?.[SESSION_COOKIE] as string | undefined;
    const raw = bearer ?? cookie;
    if (!raw) return next();
    const session = await users.session(raw, clock.now());
    if (!session) return next();
    if (!bearer && session.kind !== 'cookie') return next();
    if (!bearer && !SAFE.has(req.method) && !csrfMatches(req.get('x-csrf-token'), session.csrfHash)) {
      // Signing in proves itself with the password: a leftover cookie session (another user on
      // this browser, a tab that lost its token) must not block it; the request runs as nobody.
      if (req.path === SIGN_IN_PATH) return next();
      return next(new HttpError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token for a cookie session'));
    }
    req.user = session.user;
    next();
  };
}

function csrfMatches(sent: string | undefined, storedHash: string | null): boolean {
  if (!sent || !storedHash) return false;
  const a = Buffer.from(sha256(sent));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
