/** 公开查询: progress by case number and query code, without signing in and with nothing personal. */
import { Router, type Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { PublicLookupQuery } from '../cases/case-schemas.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Clock } from '../../engine/clock/clock.ts';
import { addressOf, attemptLimits } from '../http/attempt-limits.ts';
import { AttemptWindows } from '../http/attempt-windows.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseProgressReads } from '../read-models/case-progress.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { presentPublicProgress } from './public-progress.ts';

export function publicRoutes(reads: CaseReads, progress: CaseProgressReads, pool: Pool, clock: Clock): Router {
  const router = Router();
  // A 6-digit query code must not be guessable by trying: counted in PostgreSQL, so N worker
  // processes don't allow N times the limit and a restart forgives nothing.
  const caseNumber = (req: Request) => String((req.valid?.query as { caseNumber?: string } | undefined)?.caseNumber ?? '');
  const limits = attemptLimits(new AttemptWindows(pool, clock), 'lookups', [
    // Enough for anyone watching their own cases, too few for trying codes …
    { name: 'lookup-address', windowMs: 60_000, limit: 30, key: addressOf, failuresOnly: false, wait: 'a minute' },
    // … and tries spread over many addresses still lock that case number's lookup for an hour
    // (the applicant still sees everything signed in).
    { name: 'lookup-case', windowMs: 60 * 60_000, limit: 20, key: caseNumber, failuresOnly: true, wait: 'an hour' },
  ]);
  // Validated first: a malformed lookup is no guess, and bad input changes nothing (the counters included).
  router.get('/api/public/progress', validate({ query: PublicLookupQuery }), limits.check, async (req, res) => {
    const { caseNumber, queryCode } = req.valid.query as { caseNumber: string; queryCode: string };
    const c = await reads.caseByNumber(caseNumber);
    if (!c?.queryCode || !sameCode(c.queryCode, queryCode)) throw new HttpError(404, 'not_found', 'no case with this number and query code');
    await limits.succeeded(req);
    const tasks = await reads.tasksOf(c.id);
    const [events, detail, names] = await Promise.all([reads.timeline(c.id), progress.of(c, tasks), progress.departmentNames(tasks)]);
    res.json(presentPublicProgress(c, tasks, events, detail, names));
  });
  return router;
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
