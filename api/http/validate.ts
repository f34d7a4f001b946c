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
      const unstorable = unstorableText(req[part]);
      if (unstorable.length) {
        problems.push(...unstorable.map((path) => ({ path: [...(part === 'body' ? [] : [part]), ...path].join('.') || part, reason: UNSTORABLE_REASON })));
        continue;
      }
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

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_REASON = 'contains a NUL character or an unpaired surrogate (not storable text)';

/**
 * Paths of the strings (values or keys) that PostgreSQL cannot store: it refuses U+0000 in text
 * and jsonb (the command would fail as a server error), and an unpaired surrogate is not Unicode
 * (it would be stored silently as U+FFFD). Iterative: a body nested 100,000 deep must not
 * overflow the stack.
 */
function unstorableText(value: unknown): (string | number)[][] {
  interface Node { value: unknown; key?: string | number; parent?: Node }
  const pathOf = (node: Node): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let n: Node | undefined = node; n?.parent; n = n.parent) path.push(n.key!);
    return path.reverse();
  };
  const found: (string | number)[][] = [];
  const stack: Node[] = [{ value }];
  while (stack.length && found.length < 20) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (UNSTORABLE.test(node.value)) found.push(pathOf(node));
    } else if (node.value && typeof node.value === 'object') {
      const isArray = Array.isArray(node.value);
      for (const [key, inner] of Object.entries(node.value)) {
        const child: Node = { value: inner, key: isArray ? Number(key) : key, parent: node };
        if (UNSTORABLE.test(key)) found.push(pathOf(child));
        else stack.push(child);
      }
    }
  }
  return found;
}
