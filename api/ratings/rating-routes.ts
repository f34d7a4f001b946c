/**
 * 一事一评价 over HTTP: the applicant rates their own ended case (staff never can: 403 by role,
 * and the command itself refuses anyone but the case's applicant); whoever may read the case
 * may read its rating; supervisors and admins verify the ledger.
 */
import { Router, type Request } from 'express';
import type { CaseRecord } from '../../engine/cases/case-types.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { canReadCase } from '../cases/case-policy.ts';
import { requestIdOf } from '../cases/case-routes.ts';
import { CaseIdParams } from '../cases/case-schemas.ts';
import { validate } from '../http/validate.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { presentRating } from './rating-presenter.ts';
import { RatingReads } from './rating-reads.ts';
import { ratingCreateSchema, type RatingCreate } from './rating-schemas.ts';

const CASE_READERS = ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;

export function ratingRoutes(runtime: Runtime, reads: CaseReads, pool: Pool): Router {
  const router = Router();
  const ratings = new RatingReads(pool);
  const policy = runtime.env.settings.rating;
  const present = async (c: CaseRecord) => presentRating(c, await ratings.ofCase(c.id), policy, runtime.env.clock.now());

  router.post('/api/cases/:caseId/rating', authorize('applicant'), validate({ params: CaseIdParams, body: ratingCreateSchema(policy) }), async (req, res) => {
    const c = await readable(req, reads);
    const body = req.valid.body as RatingCreate;
    await runtime.rateCase({ caseId: c.id, applicantId: currentUser(req).id, ...body, requestId: requestIdOf(req) });
    res.status(201).json(await present(c));
  });

  router.get('/api/cases/:caseId/rating', authorize(...CASE_READERS), validate({ params: CaseIdParams }), async (req, res) => {
    res.json(await present(await readable(req, reads)));
  });

  router.get('/api/ledger/verify', authorize('supervisor', 'admin'), async (_req, res) => {
    res.json(await runtime.verifyLedger());
  });
  return router;
}

/** The case of the route, if the caller may see it (else 404, revealing nothing). */
async function readable(req: Request, reads: CaseReads): Promise<CaseRecord> {
  const c = await reads.caseById(req.valid.params.caseId);
  requireScope(!!c && (await canReadCase(currentUser(req), c, reads)), 'case');
  return c!;
}
