/**
 * The one place where errors become HTTP answers: `application/problem+json` with a stable
 * `code`, and for validation the failing field paths.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { DomainError, type Problem } from '../../engine/errors/domain-error.ts';

/** Errors of the HTTP layer itself (authentication, permissions, limits). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: Problem[] = []) {
    super(message);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 400,
  definition_rejected: 422,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  idempotency_mismatch: 422,
};

/** Write a problem document. */
export function sendProblem(res: Response, status: number, code: string, title: string, problems: Problem[] = []): void {
  res.status(status).type('application/problem+json').json({
    type: `https://lianshen.gov.cn/problems/${code}`, title, status, code, ...(problems.length ? { problems } : {}),
    ...(res.req.requestId ? { requestId: res.req.requestId } : {}),
  });
}

/** Express error handler: domain and HTTP errors get their status; anything else is a 500 that says nothing internal. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof HttpError) return sendProblem(res, error.status, error.code, error.message, error.problems);
  if (error instanceof DomainError) {
    const problems = (error.details.problems as Problem[] | undefined) ?? [];
    return sendProblem(res, STATUS_BY_CODE[error.code] ?? 400, error.code, error.message, problems);
  }
  const bodyError = bodyParserProblem(error);
  if (bodyError) return sendProblem(res, bodyError.status, bodyError.code, bodyError.title);
  req.log?.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'internal_error', 'internal error');
};

// express.json() reports malformed JSON and oversize bodies with a `type`.
function bodyParserProblem(error: { type?: string; status?: number }): { status: number; code: string; title: string } | undefined {
  if (error?.type === 'entity.parse.failed') return { status: 400, code: 'malformed_json', title: 'the request body is not valid JSON' };
  if (error?.type === 'entity.too.large') return { status: 413, code: 'payload_too_large', title: 'the request body is too large' };
  if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') return { status: 415, code: 'unsupported_encoding', title: 'unsupported body encoding' };
  return undefined;
}
