/**
 * Uploaded files: the bytes on disk under `<DATA_DIR>/uploads/`, named by the upload id (never by
 * the name the file arrived with), and their record in PostgreSQL; and which file stands for
 * which material of a case.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { isUuid } from '../../engine/store/uuid.ts';
import type { AcceptedType } from './file-types.ts';

export interface UploadRecord {
  id: string;
  ownerId: string;
  fileName: string;
  mediaType: AcceptedType;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface CaseFile {
  material: string;
  purpose: 'application' | 'supplement';
  attachedAt: Date;
  upload: UploadRecord;
}

/** One file named for one material (by code at application, by the requested item at 补正). */
export interface MaterialFile {
  material: string;
  uploadId: string;
}

type Row = Record<string, any>;
const toUpload = (r: Row): UploadRecord => ({
  id: r.id, ownerId: r.owner_id, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, createdAt: r.created_at,
});

export class UploadStore {
  constructor(private readonly pool: Pool, private readonly dataDir: string) {}

  /** Store the bytes, then the record; a failed insert leaves no file behind. */
  async save(input: { ownerId: string; fileName: string; mediaType: AcceptedType; bytes: Buffer; at: Date }): Promise<UploadRecord> {
    const record: UploadRecord = {
      id: randomUUID(), ownerId: input.ownerId, fileName: input.fileName, mediaType: input.mediaType,
      sizeBytes: input.bytes.length, sha256: createHash('sha256').update(input.bytes).digest('hex'), createdAt: input.at,
    };
    const file = this.pathOf(record.id);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write beside, then rename: a crash never leaves a half file under the final name.
    await writeFile(`${file}.part`, input.bytes, { mode: 0o600, flag: 'wx' });
    await rename(`${file}.part`, file);
    try {
      await this.pool.query(
        'INSERT INTO uploads (id, owner_id, file_name, media_type, size_bytes, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [record.id, record.ownerId, record.fileName, record.mediaType, record.sizeBytes, record.sha256, record.createdAt]);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return record;
  }

  /** What an owner uploaded since `since`: files and bytes (for the daily quota). */
  async usage(ownerId: string, since: Date): Promise<{ files: number; bytes: number }> {
    const { rows } = await this.pool.query(
      'SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM uploads WHERE owner_id = $1 AND created_at > $2', [ownerId, since]);
    return { files: rows[0].files, bytes: Number(rows[0].bytes) };
  }

  async byId(id: string): Promise<UploadRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM uploads WHERE id = $1', [id]);
    return rows[0] ? toUpload(rows[0]) : undefined;
  }

  /** The ids among `ids` that exist and belong to `ownerId`. */
  async ownedBy(ownerId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.pool.query('SELECT id FROM uploads WHERE owner_id = $1 AND id = ANY($2::uuid[])', [ownerId, ids]);
    return new Set(rows.map((r) => r.id as string));
  }

  /** Record the files of a case; attaching the same file for the same material again changes nothing (retries). */
  async attach(caseId: string, files: MaterialFile[], purpose: CaseFile['purpose'], by: string, at: Date): Promise<void> {
    if (files.length === 0) return;
    await this.pool.query(
      `INSERT INTO case_files (case_id, upload_id, material, purpose, attached_by, attached_at)
       SELECT $1, f.upload_id, f.material, $3, $4, $5 FROM unnest($2::uuid[], $6::text[]) AS f (upload_id, material)
       ON CONFLICT DO NOTHING`,
      [caseId, files.map((f) => f.uploadId), purpose, by, at, files.map((f) => f.material)]);
  }

  /** Every file handed in for a case, in the order they were attached. */
  async filesOf(caseId: string): Promise<CaseFile[]> {
    const { rows } = await this.pool.query(
      `SELECT f.material, f.purpose, f.attached_at, u.* FROM case_files f JOIN uploads u ON u.id = f.upload_id
        WHERE f.case_id = $1 ORDER BY f.attached_at, f.material, u.created_at`, [caseId]);
    return rows.map((r) => ({ material: r.material, purpose: r.purpose, attachedAt: r.attached_at, upload: toUpload(r) }));
  }

  /** The cases a file was handed in for. */
  async casesOf(uploadId: string): Promise<string[]> {
    const { rows } = await this.pool.query('SELECT DISTINCT case_id FROM case_files WHERE upload_id = $1', [uploadId]);
    return rows.map((r) => r.case_id as string);
  }

  /**
   * Remove up to `limit` uploads never handed in for a case and created before `createdBefore`:
   * their records, then their bytes. Several nodes may run this at once: each deleted row comes
   * back to one of them. Returns the ids removed.
   */
  async removeUnattached(createdBefore: Date, limit = 500): Promise<string[]> {
    const { rows } = await this.pool.query(
      `DELETE FROM uploads WHERE id IN (
         SELECT u.id FROM uploads u
          WHERE u.created_at < $1 AND NOT EXISTS (SELECT 1 FROM case_files f WHERE f.upload_id = u.id)
          ORDER BY u.created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`, [createdBefore, limit]);
    const ids = rows.map((r) => r.id as string);
    for (const id of ids) await rm(this.pathOf(id), { force: true });
    return ids;
  }

  /**
   * Remove bytes under `uploads/` that no record names (a crash between writing a file and
   * recording it, or during the write: `<id>.part`), last modified before `modifiedBefore` — an
   * upload in progress is younger than that. Returns how many files were removed.
   */
  async removeStrayFiles(modifiedBefore: Date): Promise<number> {
    const root = path.join(this.dataDir, 'uploads');
    const shards = await readdir(root).catch(() => [] as string[]);
    let removed = 0;
    for (const shard of shards) {
      const dir = path.join(root, shard);
      const names = await readdir(dir).catch(() => [] as string[]);
      const old: string[] = [];
      for (const name of names) {
        // Only names this store writes (`<uuid>`, `<uuid>.part`): anything else is not ours to remove.
        if (!isUuid(name.replace(/\.part$/, ''))) continue;
        const info = await stat(path.join(dir, name)).catch(() => undefined);
        if (info?.isFile() && info.mtime < modifiedBefore) old.push(name);
      }
      if (!old.length) continue;
      const ids = old.map((name) => name.replace(/\.part$/, ''));
      const { rows } = await this.pool.query('SELECT id FROM uploads WHERE id = ANY($1::uuid[])', [ids]);
      const recorded = new Set(rows.map((r) => r.id as string));
      for (const name of old) {
        if (!name.endsWith('.part') && recorded.has(name)) continue;
        await rm(path.join(dir, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  open(id: string): ReadStream {
    return createReadStream(this.pathOf(id));
  }

  private pathOf(id: string): string {
    return path.join(this.dataDir, 'uploads', id.slice(0, 2), id);
  }
}
