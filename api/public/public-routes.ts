/** 公开查询: progress by case number and query code, without signing in and with nothing personal. */
import { Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import rateLimit from 'express-rate-limit';
import { PublicLookupQuery } from '../cases/case-schemas.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseProgressReads } from '../read-models/case-progress.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { presentPublicProgress } from './public-progress.ts';

export function publicRoutes(reads: CaseReads, progress: CaseProgressReads): Router {
  const router = Router();
  // A 6-digit code must not be guessable by brute force.
  const limiter = rateLimit({
    windowMs: 60_000, limit: 30, standardHeaders: 'draft-8', legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', 'too many lookups; wait a minute')),
  });
  router.get('/api/public/progress', limiter, validate({ query: PublicLookupQuery }), async (req, res) => {
    const { caseNumber, queryCode } = req.valid.query as { caseNumber: string; queryCode: string };
    const c = await reads.caseByNumber(caseNumber);
    if (!c?.queryCode || !sameCode(c.queryCode, queryCode)) throw new HttpError(404, 'not_found', 'no case with this number and query code');
    const tasks = await reads.tasksOf(c.id);
    const [events, detail, names] = await Promise.all([reads.timeline(c.id), progress.of(c, tasks), progress.departmentNames(tasks)]);
    res.json(presentPublicProgress(c, tasks, events, detail, names));
  });
  return router;
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
