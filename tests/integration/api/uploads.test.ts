/**
 * Uploads (申请材料) over HTTP: an applicant uploads PDF, JPEG, PNG or OFD files, told by their
 * first bytes; a file too large, of another kind, or whose name lies about its content is
 * refused naming the field, and nothing is stored; so is more than an applicant's daily quota. Files named in an application or a 补正 are
 * attached to the case; only their owner and whoever may read the case may download them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../../api/uploads/file-types.ts';
import { createApiHarness, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const EAST = '990121';
const FOOD = '010070001000';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-and-the-rest')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

/** A stored (uncompressed) ZIP with the given entries: enough for an OFD package or a plain archive. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
const OFD = zip({ 'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>', 'Doc_0/Document.xml': '<ofd:Document/>' });
const DOCX = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });

function form(name: string, bytes: Buffer, field = 'file'): FormData {
  const body = new FormData();
  body.append(field, new Blob([new Uint8Array(bytes)]), name);
  return body;
}

describe('uploads: limits, magic bytes, ownership', () => {
  let h: ApiHarness;
  let ent: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    ent = await h.as('ent-east');
    other = await h.as('ent-other');
  });
  afterAll(async () => { await h.close(); });

  const stored = async () => ({
    rows: Number((await h.db.pool.query('SELECT count(*) FROM uploads')).rows[0].count),
    files: existsSync(path.join(h.dataDir, 'uploads'))
      ? readdirSync(path.join(h.dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0,
  });
  const upload = async (client: ApiClient, name: string, bytes: Buffer) => {
    const res = await client.post('/api/uploads', form(name, bytes));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; sha256: string; mediaType: string; fileName: string; sizeBytes: number; contentUrl: string };
  };

  describe('POST /api/uploads', () => {
    it('stores a PDF on disk with its sha256 and the applicant as owner', async () => {
      const res = await ent.post('/api/uploads', form('营业执照.pdf', PDF));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ fileName: '营业执照.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
      expect(res.headers.get('location')).toBe(`/api/uploads/${res.body.id}`);
      const [row] = (await h.db.pool.query('SELECT owner_id, sha256 FROM uploads WHERE id = $1', [res.body.id])).rows;
      expect(row).toEqual({ owner_id: 'u-ent-east', sha256: res.body.sha256 });
      expect(readFileSync(path.join(h.dataDir, 'uploads', res.body.id.slice(0, 2), res.body.id)).equals(PDF)).toBe(true);
    });

    it('tells JPEG, PNG and OFD by their content', async () => {
      expect((await upload(ent, 'site.JPG', JPEG)).mediaType).toBe('image/jpeg');
      expect((await upload(ent, 'plan.png', PNG)).mediaType).toBe('image/png');
      expect((await upload(ent, '电子证照.ofd', OFD)).mediaType).toBe('application/ofd');
    });

    it('refuses a file whose content is not what its name says, naming the field and storing nothing', async () => {
      const before = await stored();
      for (const [name, bytes, reason] of [
        ['invoice.pdf', EXE, /not a PDF, JPEG, PNG or OFD/],
        ['scan.pdf', PNG, /content is PNG but the name ends in \.pdf/],
        ['contract.ofd', DOCX, /not a PDF, JPEG, PNG or OFD/],
        ['setup.exe', EXE, /only \.pdf, .*files are accepted/],
        ['report.docx', DOCX, /only \.pdf/],
        ['no-extension', PDF, /only \.pdf/],
      ] as const) {
        const res = await ent.post('/api/uploads', form(name, bytes));
        expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 415, code: 'unsupported_file_type' });
        expect(res.body.problems).toEqual([{ path: 'file', reason: expect.stringMatching(reason) }]);
      }
      expect(await stored()).toEqual(before);
    });

    it(`refuses a file over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB with 413 naming the field, storing nothing`, async () => {
      const before = await stored();
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1 - PDF.length + 1, 0x20)]);
      const res = await ent.post('/api/uploads', form('big.pdf', big));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'file_too_large', problems: [{ path: 'file', reason: 'larger than 20 MiB' }] });
      expect(await stored()).toEqual(before);
    });

    it('names the field when the file is missing, empty or sent under another name', async () => {
      const before = await stored();
      const missing = await ent.post('/api/uploads', {});
      expect(missing.status).toBe(400);
      expect(missing.body.problems).toEqual([{ path: 'file', reason: 'send one file in the multipart field "file"' }]);
      const empty = await ent.post('/api/uploads', form('empty.pdf', Buffer.alloc(0)));
      expect(empty.status).toBe(400);
      expect(empty.body.problems).toEqual([{ path: 'file', reason: 'the file is empty' }]);
      const wrongField = await ent.post('/api/uploads', form('a.pdf', PDF, 'attachment'));
      expect(wrongField.status).toBe(400);
      expect(wrongField.body.problems).toEqual([{ path: 'attachment', reason: 'send the file in the field "file"' }]);
      const two = form('a.pdf', PDF);
      two.append('file', new Blob([new Uint8Array(PDF)]), 'b.pdf');
      const twice = await ent.post('/api/uploads', two);
      expect(twice.status).toBe(400);
      expect(twice.body.problems[0].path).toBe('file');
      expect(await stored()).toEqual(before);
    });

    it('is for applicants only', async () => {
      const before = await stored();
      for (const username of ['window-east', 'xf-east', 'supervisor-city', 'admin']) {
        const res = await (await h.as(username)).post('/api/uploads', form('a.pdf', PDF));
        expect({ username, status: res.status }).toEqual({ username, status: 403 });
      }
      expect((await h.anonymous().post('/api/uploads', form('a.pdf', PDF))).status).toBe(401);
      expect(await stored()).toEqual(before);
    });
  });

  describe('download', () => {
    it('gives the owner the same bytes, as an attachment under its own name', async () => {
      const u = await upload(ent, '食品经营许可申请书.pdf', PDF);
      const res = await fetch(`${h.baseUrl}${u.contentUrl}`, { headers: await cookieOf(ent) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('食品经营许可申请书.pdf')}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
      expect((await ent.get(`/api/uploads/${u.id}`)).body).toMatchObject({ id: u.id, sha256: u.sha256 });
    });

    it('shows nobody else a file that was not handed in for a case they may read', async () => {
      const u = await upload(ent, 'private.pdf', PDF);
      for (const username of ['ent-other', 'window-east', 'xf-east', 'supervisor-city']) {
        const client = await h.as(username);
        expect({ username, status: (await client.get(u.contentUrl)).status }).toEqual({ username, status: 404 });
        expect({ username, status: (await client.get(`/api/uploads/${u.id}`)).status }).toEqual({ username, status: 404 });
      }
      expect((await h.anonymous().get(u.contentUrl)).status).toBe(401);
    });
  });

  describe('files of an application and a 补正', () => {
    let caseId = '';
    let licence = { id: '' };
    let form1 = { id: '' };

    it('attaches the files named per material code; the case records those materials as handed in', async () => {
      form1 = await upload(ent, '申请书.pdf', PDF);
      licence = await upload(ent, '营业执照.png', PNG);
      const res = await ent.post('/api/cases', {
        itemCode: FOOD, regionCode: EAST, files: [{ material: 'FB01', uploadId: form1.id }, { material: 'FB02', uploadId: licence.id }],
      }, { 'idempotency-key': 'apply-with-files-1' });
      expect(res.status).toBe(201);
      caseId = res.body.id;
      expect(res.body.timeline[0]).toMatchObject({ type: 'applied', payload: { materials: ['FB01', 'FB02'] } });
      const files = await ent.get(`/api/cases/${caseId}/files`);
      expect(files.body.files.map((f: { material: string; purpose: string; upload: { id: string } }) => [f.material, f.purpose, f.upload.id]))
        .toEqual([['FB01', 'application', form1.id], ['FB02', 'application', licence.id]]);
      // A retry with the same key returns the first case and attaches nothing twice.
      const again = await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, files: [{ material: 'FB01', uploadId: form1.id }, { material: 'FB02', uploadId: licence.id }] }, { 'idempotency-key': 'apply-with-files-1' });
      expect(again.body.id).toBe(caseId);
      expect((await ent.get(`/api/cases/${caseId}/files`)).body.files).toHaveLength(2);
    });

    it("refuses someone else's upload or a material the item does not list, naming the field and creating no case", async () => {
      const theirs = await upload(other, 'theirs.pdf', PDF);
      const cases = async () => Number((await h.db.pool.query('SELECT count(*) FROM cases')).rows[0].count);
      const before = await cases();
      const res = await ent.post('/api/cases', {
        itemCode: FOOD, regionCode: EAST,
        files: [{ material: 'FB01', uploadId: form1.id }, { material: 'FB02', uploadId: theirs.id }, { material: 'XX99', uploadId: licence.id }],
      });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        { path: 'files.1.uploadId', reason: 'no upload of yours with this id' },
        { path: 'files.2.material', reason: 'the item lists no material "XX99"' },
      ]);
      const malformed = await ent.post('/api/cases', { itemCode: FOOD, regionCode: EAST, files: [{ material: '', uploadId: 'nope' }] });
      expect(malformed.status).toBe(400);
      expect(malformed.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['files.0.material', 'files.0.uploadId']);
      expect(await cases()).toBe(before);
    });

    it('lets the departments and window of the case download its files, and no one outside it', async () => {
      const window = await h.as('window-east');
      expect((await window.post(`/api/cases/${caseId}/accept`, {})).status).toBe(200);
      const reviewer = await h.as('xf-east');
      // 食品经营许可 is reviewed by 市场监管 (scjg): xf-east holds no task of it.
      const scjg = (await h.db.pool.query(`SELECT department_id FROM tasks WHERE case_id = $1 AND kind = 'review'`, [caseId])).rows[0].department_id;
      expect(scjg).toBe('990121:scjg');
      expect((await window.get(`/api/uploads/${licence.id}/content`)).status).toBe(200);
      expect((await window.get(`/api/cases/${caseId}/files`)).body.files).toHaveLength(2);
      expect((await (await h.as('supervisor-city')).get(`/api/uploads/${licence.id}/content`)).status).toBe(200);
      for (const [client, who] of [[reviewer, 'xf-east'], [await h.as('window-west'), 'window-west'], [await h.as('supervisor-west'), 'supervisor-west'], [other, 'ent-other']] as const) {
        expect({ who, status: (await client.get(`/api/uploads/${licence.id}/content`)).status }).toEqual({ who, status: 404 });
        expect({ who, status: (await client.get(`/api/cases/${caseId}/files`)).status }).toEqual({ who, status: 404 });
      }
    });

    it('attaches the files of a 补正 to the requested items', async () => {
      const [task] = (await h.db.pool.query(`SELECT id FROM tasks WHERE case_id = $1 AND kind = 'review' AND status IN ('open', 'signed')`, [caseId])).rows;
      await h.runtime.signFor({ caseId, taskId: task.id, actor: 'scjg' });
      await h.runtime.giveOpinion({ caseId, taskId: task.id, decision: 'supplement', materials: ['经营场所平面布局图（需标注面积）'], actor: 'scjg' });
      const progress = await ent.get(`/api/cases/${caseId}/progress`);
      expect(progress.body.supplementRequest).toMatchObject({ materials: ['经营场所平面布局图（需标注面积）'] });
      const plan = await upload(ent, '平面布局图.png', PNG);
      const theirs = await upload(other, 'theirs.png', PNG);
      const refused = await ent.post(`/api/cases/${caseId}/supplement`, { materials: ['平面布局图'], files: [{ material: '经营场所平面布局图（需标注面积）', uploadId: theirs.id }] });
      expect(refused.status).toBe(400);
      expect(refused.body.problems).toEqual([{ path: 'files.0.uploadId', reason: 'no upload of yours with this id' }]);
      expect((await ent.get(`/api/cases/${caseId}/progress`)).body.supplementRequest).not.toBeNull();
      const res = await ent.post(`/api/cases/${caseId}/supplement`, { materials: ['平面布局图'], files: [{ material: '经营场所平面布局图（需标注面积）', uploadId: plan.id }] });
      expect(res.status).toBe(200);
      const files = (await ent.get(`/api/cases/${caseId}/files`)).body.files;
      expect(files.at(-1)).toMatchObject({ material: '经营场所平面布局图（需标注面积）', purpose: 'supplement', upload: { id: plan.id } });
    });
  });
});

describe('uploads: the daily quota', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await createApiHarness('2026-03-02T09:00:00+08:00', { uploadQuota: { filesPerDay: 2, bytesPerDay: 1024 * 1024 } }); });
  afterAll(async () => { await h.close(); });

  it('refuses an applicant more than the quota in 24 hours with 429 naming the field, and takes uploads again a day later', async () => {
    const ent = await h.as('ent-east');
    expect((await ent.post('/api/uploads', form('a.pdf', PDF))).status).toBe(201);
    expect((await ent.post('/api/uploads', form('b.pdf', PDF))).status).toBe(201);
    const third = await ent.post('/api/uploads', form('c.pdf', PDF));
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ code: 'upload_quota', problems: [{ path: 'file', reason: 'at most 2 files and 1 MiB in 24 hours' }] });
    expect(Number((await h.db.pool.query('SELECT count(*) FROM uploads')).rows[0].count)).toBe(2);
    // Another applicant has a quota of their own.
    expect((await (await h.as('ent-other')).post('/api/uploads', form('d.pdf', PDF))).status).toBe(201);
    h.clock.set('2026-03-03T09:01:00+08:00');
    expect((await (await h.as('ent-east')).post('/api/uploads', form('e.pdf', PDF))).status).toBe(201);
  });
});

async function cookieOf(client: ApiClient): Promise<Record<string, string>> {
  return { cookie: (client as unknown as { cookie: string }).cookie };
}
