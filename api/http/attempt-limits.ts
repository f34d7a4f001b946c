/**
 * Limits on attempts (sign-in, public lookup) counted in PostgreSQL (attempt-windows.ts), so they
 * hold across every worker and node and across restarts.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { AttemptWindows } from './attempt-windows.ts';
import { HttpError } from './problem.ts';

export interface AttemptLimit {
  name: string;
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  /** Only failed attempts count: a success takes its attempt back. */
  failuresOnly: boolean;
  /** How long to wait, for the refusal's message ('a minute'). */
  wait: string;
}

export interface AttemptLimits {
  /** Counts the attempt before it is judged; refuses it (429, Retry-After) once a limit is reached. */
  check: RequestHandler;
  /** The attempt succeeded: take it back from the failures-only counters. */
  succeeded(req: Request): Promise<void>;
}

/** The caller's address as limits key it: the /56 of an IPv6 address (one machine usually holds a whole block). */
export const addressOf = (req: Request): string => ipKeyGenerator(req.ip ?? '');

/** `what` names the attempts in the refusal ('sign-in attempts'). */
export function attemptLimits(windows: AttemptWindows, what: string, limits: AttemptLimit[]): AttemptLimits {
  const keyOf = (limit: AttemptLimit, req: Request) => `${limit.name}:${limit.key(req)}`;
  return {
    // In order, stopping at the first limit reached: an attempt refused by one limit is not
    // counted by the next.
    check: async (req, res, next) => {
      for (const limit of limits) {
        const count = await windows.hit(keyOf(limit, req), limit.windowMs);
        if (count.hits > limit.limit) {
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(count.msLeft / 1000))));
          throw new HttpError(429, 'rate_limited', `too many ${what}; wait ${limit.wait}`);
        }
      }
      next();
    },
    succeeded: (req) => windows.forgive(limits.filter((l) => l.failuresOnly).map((l) => keyOf(l, req))),
  };
}
