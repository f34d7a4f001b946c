/** The shape of an upload and of a case's files in HTTP answers. */
import type { CaseFile, UploadRecord } from './upload-store.ts';

export function presentUpload(u: UploadRecord) {
  return {
    id: u.id, fileName: u.fileName, mediaType: u.mediaType, sizeBytes: u.sizeBytes, sha256: u.sha256,
    createdAt: u.createdAt.toISOString(), contentUrl: `/api/uploads/${u.id}/content`,
  };
}

export function presentCaseFile(f: CaseFile) {
  return { material: f.material, purpose: f.purpose, attachedAt: f.attachedAt.toISOString(), upload: presentUpload(f.upload) };
}
