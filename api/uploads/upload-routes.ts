/**
 * Uploads over HTTP: an applicant sends one file (multipart field `file`), checked for size, for
 * an accepted type by its first bytes, and stored with its sha256; only its owner — and, once it
 * is handed in for a case, whoever may read that case — may download it.
 */
import { stat } from 'node:fs/promises';
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { Clock } from '../../engine/clock/clock.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { canReadCase } from '../cases/case-policy.ts';
import { CaseIdParams } from '../cases/case-schemas.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { classify, DEFAULT_UPLOAD_QUOTA, MAX_UPLOAD_BYTES, type UploadQuota } from './file-types.ts';
import { presentCaseFile, presentUpload } from './upload-presenter.ts';
import { UploadIdParams } from './upload-schemas.ts';
import type { UploadRecord, UploadStore } from './upload-store.ts';

export const CASE_READERS = ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;

export function uploadRoutes(store: UploadStore | undefined, reads: CaseReads, clock: Clock, quota: UploadQuota = DEFAULT_UPLOAD_QUOTA): Router {
  const router = Router();

  router.post('/api/uploads', authorize('applicant'), receiveFile(), async (req, res) => {
    if (!store) throw new HttpError(503, 'storage_unavailable', 'file storage is not configured on this node');
    const file = req.file;
    if (!file) throw new ValidationError('no file', [{ path: 'file', reason: 'send one file in the multipart field "file"' }]);
    const fileName = cleanName(file.originalname);
    if (file.size === 0) throw new ValidationError('empty file', [{ path: 'file', reason: 'the file is empty' }]);
    if (!fileName || fileName.length > 255) throw new ValidationError('bad file name', [{ path: 'file', reason: 'the file needs a name of 1–255 characters' }]);
    const kind = classify(fileName, file.buffer);
    if ('refused' in kind) throw new HttpError(415, 'unsupported_file_type', 'this kind of file is not accepted', [{ path: 'file', reason: kind.refused }]);
    const ownerId = currentUser(req).id;
    const now = clock.now();
    const used = await store.usage(ownerId, new Date(now.getTime() - 24 * 3_600_000));
    if (used.files + 1 > quota.filesPerDay || used.bytes + file.size > quota.bytesPerDay) {
      throw new HttpError(429, 'upload_quota', 'too much uploaded in the last 24 hours', [{ path: 'file', reason: `at most ${quota.filesPerDay} files and ${Math.round(quota.bytesPerDay / 1024 / 1024)} MiB in 24 hours` }]);
    }
    const upload = await store.save({ ownerId, fileName, mediaType: kind.type, bytes: file.buffer, at: now });
    res.status(201).location(`/api/uploads/${upload.id}`).json(presentUpload(upload));
  });

  /** The upload of the route, if the caller may have it (else 404, revealing nothing). */
  const reachable = async (req: Request): Promise<UploadRecord> => {
    const upload = store ? await store.byId(req.valid.params.uploadId) : undefined;
    requireScope(!!upload && (await mayRead(currentUser(req), upload, store!, reads)), 'upload');
    return upload!;
  };

  router.get('/api/uploads/:uploadId', authorize(...CASE_READERS), validate({ params: UploadIdParams }), async (req, res) => {
    res.json(presentUpload(await reachable(req)));
  });

  router.get('/api/uploads/:uploadId/content', authorize(...CASE_READERS), validate({ params: UploadIdParams }), async (req, res) => {
    const upload = await reachable(req);
    const stream = store!.open(upload.id);
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    res.set({ 'content-type': upload.mediaType, 'content-length': String(upload.sizeBytes), 'cache-control': 'private, no-store', 'x-content-sha256': upload.sha256 });
    res.attachment(upload.fileName);
    stream.pipe(res);
  });

  router.get('/api/cases/:caseId/files', authorize(...CASE_READERS), validate({ params: CaseIdParams }), async (req, res) => {
    const c = await reads.caseById(req.valid.params.caseId);
    requireScope(!!c && (await canReadCase(currentUser(req), c, reads)), 'case');
    res.json({ caseId: c!.id, files: store ? (await store.filesOf(c!.id)).map(presentCaseFile) : [] });
  });
  return router;
}

/** Its owner; or anyone who may read a case it was handed in for. */
async function mayRead(user: AuthUser, upload: UploadRecord, store: UploadStore, reads: CaseReads): Promise<boolean> {
  if (upload.ownerId === user.id) return true;
  for (const caseId of await store.casesOf(upload.id)) {
    const c = await reads.caseById(caseId);
    if (c && (await canReadCase(user, c, reads))) return true;
  }
  return false;
}

// Multer's refusals become problems naming the field; nothing is stored on any of them.
function receiveFile(): RequestHandler {
  const single = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11 },
    defParamCharset: 'utf8',
  }).single('file');
  return (req, res, next) => single(req, res, (error: unknown) => {
    if (!error) return next();
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') {
        return next(new HttpError(413, 'file_too_large', 'the file is too large', [{ path: 'file', reason: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB` }]));
      }
      const field = error.code === 'LIMIT_UNEXPECTED_FILE' ? error.field ?? 'file' : 'file';
      return next(new ValidationError('the upload is invalid', [{ path: field, reason: uploadReason(error.code) }]));
    }
    next(new ValidationError('the upload is invalid', [{ path: 'file', reason: 'not a readable multipart/form-data body' }]));
  });
}

function uploadReason(code: string): string {
  if (code === 'LIMIT_UNEXPECTED_FILE') return 'send the file in the field "file"';
  if (code === 'LIMIT_FILE_COUNT') return 'one file per upload';
  return 'too many parts in the form';
}

// Keep the last path segment only, without control characters (a name is shown and sent back in headers).
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}
