/** The rating endpoints for the OpenAPI document (spread into API_OPERATIONS). */
import { CaseIdParams } from '../cases/case-schemas.ts';
import type { ApiOperation } from '../openapi/operation.ts';
import { RatingCreateSchema } from './rating-schemas.ts';

const ratingAnswer = {
  status: 200,
  description: 'the rating state of the case: awaiting, rated, closed-unrated …, its window and the rating, and its verification (差评核查): state not-required / pending / in-progress / concluded, the verification case, the steps waiting, red lights, and the outcome (属实已整改 / 部分属实已整改 / 不属实 …)',
};

export const RATING_OPERATIONS: ApiOperation[] = [
  {
    method: 'post', path: '/api/cases/:caseId/rating', tag: 'ratings', access: ['applicant'], summary: '一事一评价: rate your own ended case, once',
    description: 'Only the applicant of the case, after it is finished or returned, before its rating window (working days) closes. A 不满意-or-worse rating starts a verification (核查, item 200140001000) exactly once.',
    params: CaseIdParams, body: RatingCreateSchema, idempotent: true, ok: { ...ratingAnswer, status: 201 }, errors: [404, 409],
  },
  {
    method: 'get', path: '/api/cases/:caseId/rating', tag: 'ratings', access: ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'],
    summary: 'The rating of a case', params: CaseIdParams, ok: ratingAnswer, errors: [404],
  },
  {
    method: 'get', path: '/api/ledger/verify', tag: 'ratings', access: ['supervisor', 'admin'], summary: 'Recompute the ledger of opinions and ratings',
    description: 'Walks the hash chain; `ok: false` with `firstBroken` (seq, source, reason, changed fields) when an entry or its opinion/rating was altered.',
    ok: { status: 200, description: 'the verification result' },
  },
];
