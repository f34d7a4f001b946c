/**
 * How a BPMN file (and what travels with it) reaches the server: the raw bytes as
 * `application/xml` / `text/xml` as before, or `multipart/form-data` with a `bpmn` part and
 * the other fields beside it (the catalogue text, a draft's revision). Multipart rather than a
 * JSON envelope because the app's global JSON parser stops at 256 kB, and `application/json`
 * keeps meaning "not a BPMN upload" (415). Parsers run after `authorize()`.
 */
import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { HttpError } from '../http/problem.ts';
import { XML_MEDIA_TYPES, XML_UPLOAD_LIMIT_BYTES } from './xml-upload.ts';

export const MULTIPART = 'multipart/form-data';
/** A catalogue (七公开 text) is small; a larger one is refused as too large. */
export const CATALOGUE_LIMIT_BYTES = 256 * 1024;

export interface DefinitionUpload {
  /** The BPMN bytes (empty when none were sent: the XML guard then says so). */
  xml: Buffer;
  /** Other multipart fields by name (text). */
  fields: Record<string, string>;
}

function mediaTypeOf(req: express.Request): string {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The media types of validate and deploy. */
export const BPMN_UPLOAD_TYPES: readonly string[] = [...XML_MEDIA_TYPES, MULTIPART];

/**
 * Parse raw XML or multipart (`bpmn` plus `fields`); a media type not in `accepted` is a 415.
 * Types other than XML and multipart (JSON) are left to the app's parsers.
 */
export function definitionUpload(fields: readonly string[], accepted: readonly string[] = BPMN_UPLOAD_TYPES): RequestHandler[] {
  const form = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: XML_UPLOAD_LIMIT_BYTES, fieldSize: XML_UPLOAD_LIMIT_BYTES, files: 1, fields: fields.length + 1, parts: fields.length + 1 },
    defParamCharset: 'utf8',
  }).any();
  return [
    (req, _res, next) => {
      // The header itself, not req.is(): that answers null for an empty body, which should reach
      // the XML guard ("the file is empty") rather than be called the wrong media type.
      if (accepted.includes(mediaTypeOf(req))) return next();
      next(new HttpError(415, 'unsupported_media_type', `send ${accepted.join(', ')}${accepted.includes(MULTIPART) ? ' (with the BPMN in the part "bpmn")' : ''}`));
    },
    // Bytes, not text: the XML guard decodes UTF-8 strictly. Over the limit → 413.
    express.raw({ type: [...XML_MEDIA_TYPES], limit: XML_UPLOAD_LIMIT_BYTES }),
    (req, res, next) => {
      if (mediaTypeOf(req) !== MULTIPART) return next();
      form(req, res, (error: unknown) => next(error ? multipartProblem(error) : undefined));
    },
  ];
}

/** The upload of a request that went through `definitionUpload`; unknown multipart fields are named. */
export function readDefinitionUpload(req: express.Request, fields: readonly string[]): DefinitionUpload {
  if (Buffer.isBuffer(req.body)) return { xml: req.body, fields: {} };
  if (mediaTypeOf(req) !== MULTIPART) return { xml: Buffer.alloc(0), fields: {} };
  const files = (req.files as Express.Multer.File[] | undefined) ?? [];
  const body = (req.body ?? {}) as Record<string, unknown>;
  const problems = [
    ...files.filter((file) => file.fieldname !== 'bpmn').map((file) => ({ path: file.fieldname, reason: 'unexpected file: send the BPMN in the part "bpmn"' })),
    ...Object.keys(body).filter((name) => name !== 'bpmn' && !fields.includes(name)).map((name) => ({ path: name, reason: `unexpected field: the form has ${['bpmn', ...fields].join(', ')}` })),
    ...Object.entries(body).filter(([, value]) => typeof value !== 'string').map(([name]) => ({ path: name, reason: 'send this field once, as text' })),
  ];
  const file = files.find((f) => f.fieldname === 'bpmn');
  if (file && typeof body.bpmn === 'string') problems.push({ path: 'bpmn', reason: 'send the BPMN once, as a file or as a text field' });
  if (problems.length) throw new ValidationError('the form is invalid', problems);
  const xml = file ? file.buffer : typeof body.bpmn === 'string' ? Buffer.from(body.bpmn, 'utf8') : Buffer.alloc(0);
  const own = Object.fromEntries(fields.filter((name) => typeof body[name] === 'string').map((name) => [name, body[name] as string]));
  return { xml, fields: own };
}

function multipartProblem(error: unknown): Error {
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE') {
      return new HttpError(413, 'payload_too_large', 'the request body is too large', [
        { path: error.field ?? 'bpmn', reason: `larger than the limit of ${XML_UPLOAD_LIMIT_BYTES} bytes` },
      ]);
    }
    return new ValidationError('the form is invalid', [{ path: error.field ?? 'form', reason: `${error.message} (one "bpmn" part and the documented fields)` }]);
  }
  return new ValidationError('the form is invalid', [{ path: 'form', reason: 'not a readable multipart/form-data body' }]);
}
