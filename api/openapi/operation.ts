/**
 * One documented endpoint, written next to the others in operations.ts, and how it becomes an
 * OpenAPI operation: who may call it, its request schemas (the same zod schemas the routers
 * validate with), its success answer, and the problem+json answers it can give.
 */
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import type { Role } from '../auth/auth-user.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiOperation {
  method: Method;
  /** The express path, `:param` style — exactly as the router declares it. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** 'public': no session needed; 'signed-in': any role; else the roles admitted. */
  access: 'public' | 'signed-in' | readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodType;
  /** JSON body schema, or full content map for other media types. */
  body?: z.ZodType | { content: Record<string, z.ZodType>; description?: string };
  /** The command honours an `Idempotency-Key` header (a retry returns the first result). */
  idempotent?: boolean;
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Problem statuses beyond the ones implied (400 with a schema, 401/403 when signed in). */
  errors?: number[];
}

/** `application/problem+json`: every error of the API. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().meta({ description: 'stable machine-readable code: validation_failed, definition_rejected, not_found, forbidden …' }),
  problems: z.array(z.object({
    path: z.string().meta({ description: 'the field (`regionCode`, `query.level`) or BPMN element id (`jointReview`, `file`)' }),
    reason: z.string(),
  })).optional(),
  requestId: z.string().optional(),
}).meta({ id: 'Problem' });

/** Responses described generically (the presenters are not zod schemas yet). */
export const ResourceSchema = z.object({}).loose().meta({ id: 'Resource', description: 'A JSON resource; see the endpoint description.' });

const ERROR_TEXT: Record<number, string> = {
  400: 'invalid request: every failing field is named in `problems`',
  401: 'not signed in',
  403: 'the role may not do this (or a cookie session without its CSRF token)',
  404: 'not found, or not visible to the caller',
  409: 'the resource is not in a state that allows this',
  413: 'the body is larger than the stated limit',
  415: 'unsupported media type',
  422: 'refused by the domain rules: `problems` names each element or field and why',
  429: 'too many requests; wait a minute',
};

const SECURED: Record<string, string[]>[] = [{ bearer: [] }, { session: [], csrf: [] }];

export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'Machine clients: `POST /api/auth/login` with `client: "bearer"`.' },
  session: { type: 'apiKey', in: 'cookie', name: 'ls_session', description: 'Browsers: the session cookie set by `POST /api/auth/login`.' },
  csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required with the session cookie on every state-changing request.' },
} as const;

/** `/api/cases/:caseId` → `/api/cases/{caseId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

export function toPaths(operations: readonly ApiOperation[]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    const item = (paths[path] ??= {});
    if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is documented twice`);
    item[op.method] = toOperation(op);
  }
  return paths;
}

function toOperation(op: ApiOperation): ZodOpenApiOperationObject {
  const isPublic = op.access === 'public';
  const who = typeof op.access !== 'string' ? `Roles: ${op.access.join(', ')}.` : isPublic ? 'Public: no sign-in.' : 'Any signed-in user.';
  const header = op.idempotent ? z.object({ 'idempotency-key': z.string().max(200).optional().meta({ description: 'A retried command with the same key returns its first result.' }) }) : undefined;
  return {
    tags: [op.tag],
    summary: op.summary,
    description: [who, op.description].filter(Boolean).join('\n\n'),
    'x-roles': Array.isArray(op.access) ? [...op.access] : op.access,
    security: isPublic ? [] : SECURED,
    ...(op.params || op.query || header ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query as z.ZodObject } : {}), ...(header ? { header } : {}) } } : {}),
    ...(op.body ? { requestBody: requestBody(op.body) } : {}),
    responses: responses(op),
  };
}

function requestBody(body: NonNullable<ApiOperation['body']>) {
  if (body instanceof z.ZodType) return { required: true, content: { 'application/json': { schema: body } } };
  return {
    required: true, ...(body.description ? { description: body.description } : {}),
    content: Object.fromEntries(Object.entries(body.content).map(([type, schema]) => [type, { schema }])),
  };
}

function responses(op: ApiOperation): ZodOpenApiResponsesObject {
  const statuses = new Set(op.errors ?? []);
  if (op.params || op.query || op.body) statuses.add(400);
  if (op.access !== 'public') statuses.add(401);
  if (Array.isArray(op.access)) statuses.add(403);
  const result: Record<string, ZodOpenApiResponseObject> = {
    [String(op.ok.status)]: {
      description: op.ok.description,
      ...(op.ok.status === 204 ? {} : { content: { [op.ok.contentType ?? 'application/json']: { schema: op.ok.schema ?? ResourceSchema } } }),
    },
  };
  for (const status of [...statuses].sort()) {
    result[String(status)] = { description: ERROR_TEXT[status] ?? 'error', content: { 'application/problem+json': { schema: ProblemSchema } } };
  }
  return result;
}
