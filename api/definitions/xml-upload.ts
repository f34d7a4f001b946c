/**
 * How a BPMN file reaches the server: the raw bytes as `application/xml` or `text/xml`, at most
 * 2 MiB (the same limit the XML guard applies). Raw rather than JSON because the app's global
 * JSON parser (256 kB, mounted before every router) would refuse a JSON-wrapped file, and
 * because mounting this parser after `authorize()` means nobody unauthenticated can make the
 * server buffer 2 MiB.
 */
import express, { type RequestHandler } from 'express';
import { DEFAULT_XML_LIMITS } from '../../engine/definitions/xml-guard.ts';
import { HttpError } from '../http/problem.ts';

export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'] as const;
export const XML_UPLOAD_LIMIT_BYTES = DEFAULT_XML_LIMITS.maxBytes;

// Bytes, not text: the XML guard decodes UTF-8 strictly, so a GBK or UTF-16 file is refused
// by name instead of being silently "repaired" by a lenient decoder. Over the limit → 413.
const rawXml = express.raw({ type: [...XML_MEDIA_TYPES], limit: XML_UPLOAD_LIMIT_BYTES });

/** Read the body as XML bytes into `req.body` (a Buffer); any other media type is a 415. */
export const xmlUpload: RequestHandler[] = [
  (req, _res, next) => {
    // The header itself, not req.is(): that answers null for an empty body, which should reach
    // the XML guard ("the file is empty") rather than be called the wrong media type.
    const mediaType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(XML_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
      return next(new HttpError(415, 'unsupported_media_type', `send the BPMN file as ${XML_MEDIA_TYPES.join(' or ')}`));
    }
    next();
  },
  rawXml,
];

/** The uploaded bytes (empty when the request had no body, which the XML guard then names). */
export function uploadedXml(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
