/** One validation middleware: zod schemas for body, query and params; failures name every field. */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../../engine/errors/domain-error.ts';

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/** Parse the request parts with their schemas; the parsed values replace the raw ones. */
export function validate(schemas: Schemas): RequestHandler {
  return (req, _res, next) => {
    const problems: { path: string; reason: string }[] = [];
    const parsed: Record<string, unknown> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(req[part] ?? {});
      if (result.success) parsed[part] = result.data;
      // Body fields are named plainly (as the domain names them); path and query parts get a prefix.
      else problems.push(...result.error.issues.map((issue) => ({ path: [...(part === 'body' ? [] : [part]), ...issue.path].join('.') || part, reason: issue.message })));
    }
    if (problems.length) return next(new ValidationError('the request is invalid', problems));
    req.valid = parsed as Request['valid'];
    next();
  };
}

type Request = import('express').Request;
