/**
 * 材料清理: a file an applicant uploaded but never handed in for a case is removed once it is older
 * than the retention period (LIANSHEN_UPLOAD_RETENTION_DAYS), record and bytes; so are bytes left
 * on disk without a record (a crash between writing a file and recording it, an interrupted write)
 * once they are an hour old. Without this, abandoned uploads would fill DATA_DIR — the disk the
 * embedded PostgreSQL lives on — a daily quota at a time. Files handed in for a case stay.
 */
import type { UploadStore } from './upload-store.ts';

const DAY_MS = 86_400_000;
/** An upload still being written or recorded is younger than this. */
export const STRAY_GRACE_MS = 3_600_000;
/** How often a node looks (every node may: each deleted record comes back to one of them). */
export const UPLOAD_CLEANUP_INTERVAL_MS = 3_600_000;

export interface UploadCleanup {
  /** Uploads removed because nobody handed them in within the retention period. */
  abandoned: number;
  /** Files removed that no record named. */
  stray: number;
}

/** Remove abandoned uploads and stray files as of `now`. */
export async function removeAbandonedUploads(store: UploadStore, now: Date, retentionDays: number): Promise<UploadCleanup> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let abandoned = 0;
  for (let batch = await store.removeUnattached(before); batch.length; batch = await store.removeUnattached(before)) abandoned += batch.length;
  const stray = await store.removeStrayFiles(new Date(now.getTime() - STRAY_GRACE_MS));
  return { abandoned, stray };
}
