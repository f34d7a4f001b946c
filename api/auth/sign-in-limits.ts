/**
 * How many sign-in attempts are allowed, counted in PostgreSQL (attempt-windows.ts) so the
 * limits hold across every worker and node and across restarts.
 */
import type { Request } from 'express';
import { addressOf, attemptLimits, type AttemptLimit, type AttemptLimits } from '../http/attempt-limits.ts';
import type { AttemptWindows } from '../http/attempt-windows.ts';

export function signInLimits(attempts: AttemptWindows, perMinute = 10): AttemptLimits {
  const address = addressOf;
  // Runs after validation: the username is the validated one.
  const username = (req: Request) => String((req.valid?.body as { username?: string } | undefined)?.username ?? '');
  const limits: AttemptLimit[] = [
    // Ten tries a minute per address and username: enough for typos, too few for guessing.
    { name: 'address+username', windowMs: 60_000, limit: perMinute, key: (req) => `${address(req)}\n${username(req)}`, failuresOnly: false, wait: 'a minute' },
    // Guesses spread over many addresses still lock the username (failures only, so its owner
    // signing in often is never locked; a lock-out lasts 15 minutes at most) …
    { name: 'username', windowMs: 15 * 60_000, limit: perMinute * 3, key: username, failuresOnly: true, wait: '15 minutes' },
    // … and guesses spread over many usernames still lock the address.
    { name: 'address', windowMs: 15 * 60_000, limit: perMinute * 6, key: address, failuresOnly: true, wait: '15 minutes' },
  ];
  return attemptLimits(attempts, 'sign-in attempts', limits);
}
