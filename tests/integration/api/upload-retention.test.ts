/**
 * 材料清理: an upload nobody handed in for a case is removed — record and bytes — once it is older
 * than the retention; one handed in stays however old; so does a recent one. Bytes on disk that
 * no record names (a crash between writing and recording, an interrupted write) go once they are
 * an hour old, and not before: an upload may be in the middle of being recorded.
 */
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAbandonedUploads } from '../../../api/uploads/upload-retention.ts';
import { UploadStore } from '../../../api/uploads/upload-store.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const EAST = '990121';
const FOOD = '010070001000';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DAY_MS = 86_400_000;

function form(name: string): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(PDF)]), name);
  return body;
}

describe('removing uploads nobody handed in', () => {
  let h: ApiHarness;
  let ent: ApiClient;
  let store: UploadStore;
  const fileOf = (id: string) => path.join(h.dataDir, 'uploads', id.slice(0, 2), id);
  const recorded = async (id: string) => (await h.db.pool.query('SELECT 1 FROM uploads WHERE id = $1', [id])).rowCount === 1;
  const upload = async (name: string) => {
    const res = await ent.post('/api/uploads', form(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  // Uploads are stamped with the harness's manual clock; the clean-up runs on the system clock (as
  // the platform's does), so each test dates its uploads against that.
  const age = (id: string, days: number) => h.db.pool.query(`UPDATE uploads SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
  /** A file under uploads/ with no record, last modified `hoursAgo`. */
  const stray = async (name: string, hoursAgo: number) => {
    const file = path.join(h.dataDir, 'uploads', name.slice(0, 2), name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, PDF);
    const then = new Date(Date.now() - hoursAgo * 3_600_000);
    await utimes(file, then, then);
    return file;
  };

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    ent = await h.as('ent-east');
    store = new UploadStore(h.db.pool, h.dataDir);
  });
  afterAll(async () => { await h.close(); });

  it('removes the record and the bytes of an upload never handed in once it is older than the retention, and keeps those handed in or recent', async () => {
    const handedIn = await upload('食品经营许可申请书.pdf');
    const abandoned = await upload('草稿.pdf');
    const recent = await upload('昨天的.pdf');
    const applied = await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, files: [{ material: 'FB01', uploadId: handedIn }] });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await age(handedIn, 400);
    await age(abandoned, 31);
    await age(recent, 29);

    const result = await removeAbandonedUploads(store, new Date(), 30);

    expect(result.abandoned).toBe(1);
    expect(await recorded(abandoned)).toBe(false);
    expect(existsSync(fileOf(abandoned))).toBe(false);
    for (const kept of [handedIn, recent]) {
      expect(await recorded(kept)).toBe(true);
      expect(existsSync(fileOf(kept))).toBe(true);
    }
    // the file handed in is still served with its case
    const files = await ent.get(`/api/cases/${applied.body.id}/files`);
    expect(files.body.files.map((f: { upload: { id: string } }) => f.upload.id)).toEqual([handedIn]);
    // and a second pass finds nothing more
    expect(await removeAbandonedUploads(store, new Date(), 30)).toEqual({ abandoned: 0, stray: 0 });
  });

  it('removes bytes no record names once they are an hour old, interrupted writes too, and leaves younger ones and recorded files alone', async () => {
    const recordedFile = await upload('在案的.pdf');
    await age(recordedFile, 1);
    await utimes(fileOf(recordedFile), new Date(Date.now() - 50 * DAY_MS), new Date(Date.now() - 50 * DAY_MS));
    const crashed = await stray(randomUUID(), 2);
    const interrupted = await stray(`${randomUUID()}.part`, 2);
    const inFlight = await stray(randomUUID(), 0.1);
    const notOurs = await stray('ab-notes.txt', 2);

    const result = await removeAbandonedUploads(store, new Date(), 30);

    expect(result.stray).toBe(2);
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(interrupted)).toBe(false);
    expect(existsSync(inFlight)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
    expect(existsSync(fileOf(recordedFile))).toBe(true);
  });
});
