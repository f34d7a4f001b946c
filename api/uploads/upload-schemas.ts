/** Request schemas of the upload resource, and how a case names its files (shared with the case schemas). */
import { z } from 'zod';
import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES } from './file-types.ts';

export const UploadIdParams = z.object({ uploadId: z.uuid() });

const kinds = Object.values(ACCEPTED_TYPES).map((t) => t.extensions.map((e) => `.${e}`).join('/')).join(', ');

/** The multipart body of an upload (documentation only: multer parses it, the route checks it). */
export const UploadBody = z.object({
  file: z.string().meta({ format: 'binary', description: `one file, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB: ${kinds}; the content must be what the name says` }),
});

/** Files handed in for materials: `material` is a material code of the item (application) or the requested item (补正). */
export const MaterialFilesSchema = z.array(z.object({
  material: z.string().trim().min(1).max(200),
  uploadId: z.uuid(),
})).max(200);
