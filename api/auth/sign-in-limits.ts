/**
 * How many sign-in attempts are allowed, counted in PostgreSQL (sign-in-attempts.ts) so the
 * limits hold across every worker and node and across restarts.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { HttpError } from '../http/problem.ts';
import type { SignInAttempts } from './sign-in-attempts.ts';

interface Limit {
  name: string;
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  /** Only failed attempts count: a success takes its attempt back. */
  failuresOnly: boolean;
  wait: string;
}

export interface SignInLimits {
  /** Counts the attempt before the password is checked; refuses it (429) once a limit is reached. */
  check: RequestHandler;
  /** The password was right: take the attempt back from the failures-only counters. */
  succeeded(req: Request): Promise<void>;
}

export function signInLimits(attempts: SignInAttempts, perMinute = 10): SignInLimits {
  // The /56 of an IPv6 address, not the address itself: one machine usually holds a whole block.
  const address = (req: Request) => ipKeyGenerator(req.ip ?? '');
  // Runs after validation: the username is the validated one.
  const username = (req: Request) => String((req.valid?.body as { username?: string } | undefined)?.username ?? '');
  const limits: Limit[] = [
    // Ten tries a minute per address and username: enough for typos, too few for guessing.
    { name: 'address+username', windowMs: 60_000, limit: perMinute, key: (req) => `${address(req)}\n${username(req)}`, failuresOnly: false, wait: 'a minute' },
    // Guesses spread over many addresses still lock the username (failures only, so its owner
    // signing in often is never locked; a lock-out lasts 15 minutes at most) …
    { name: 'username', windowMs: 15 * 60_000, limit: perMinute * 3, key: username, failuresOnly: true, wait: '15 minutes' },
    // … and guesses spread over many usernames still lock the address.
    { name: 'address', windowMs: 15 * 60_000, limit: perMinute * 6, key: address, failuresOnly: true, wait: '15 minutes' },
  ];
  const keyOf = (limit: Limit, req: Request) => `${limit.name}:${limit.key(req)}`;

  return {
    // In order, stopping at the first limit reached: an attempt refused by one limit is not
    // counted by the next (as express-rate-limit's chained limiters did before).
    check: async (req, res, next) => {
      for (const limit of limits) {
        const count = await attempts.hit(keyOf(limit, req), limit.windowMs);
        if (count.hits > limit.limit) {
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(count.msLeft / 1000))));
          throw new HttpError(429, 'rate_limited', `too many sign-in attempts; wait ${limit.wait}`);
        }
      }
      next();
    },
    succeeded: (req) => attempts.forgive(limits.filter((l) => l.failuresOnly).map((l) => keyOf(l, req))),
  };
}
