/**
 * The JSON body parser of every endpoint: size-limited, and strictly UTF-8. The parser
 * alone decodes leniently, so invalid bytes would arrive as U+FFFD and be stored as if the
 * client had sent them; instead such a body is refused like any other malformed JSON (400).
 */
import express from 'express';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** express.json() with `limit` that refuses bytes that are not UTF-8. */
export function jsonBody(limit: string) {
  return express.json({
    limit,
    verify: (_req, _res, bytes, encoding) => {
      if (encoding !== 'utf-8' && encoding !== 'utf8') return;
      try {
        strictUtf8.decode(bytes);
      } catch {
        // body-parser keeps this status and type: problem.ts answers 400 malformed_json
        throw Object.assign(new Error('the request body is not valid UTF-8'), { status: 400, type: 'entity.parse.failed' });
      }
    },
  });
}
