import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { qrMatrixFrom, readPdf } from '../../support/pdf-reader.ts';

const PERMIT = '010030001000';
const COUNTY = '990121';

function pdfOf(res: { status: number; headers: Headers }, body: ArrayBuffer): ReturnType<typeof readPdf> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return readPdf(Buffer.from(body));
}

describe('受理通知书 and 一次性告知书 as PDF', () => {
  let h: ApiHarness;
  let acceptedGreen: { id: string; caseNumber: string; queryCode: string };
  let pending: string;
  beforeAll(async () => {
    h = await createApiHarness('2026-03-02T09:00:00+08:00');
    const ent = await h.as('ent-east');
    const id = (await ent.post('/api/cases', { itemCode: PERMIT, regionCode: COUNTY, materials: ['CP01', 'CP02', 'CP03'] })).body.id;
    await (await h.as('supervisor-city')).post(`/api/cases/${id}/green`, { reason: '市重点项目' });
    const accepted = await (await h.as('window-east')).post(`/api/cases/${id}/accept`, { missingMaterials: [{ code: 'CP10', promisedBy: '2026-03-06T17:00:00+08:00' }], notReceived: ['CP11'] });
    expect(accepted.status).toBe(200);
    acceptedGreen = { id, caseNumber: accepted.body.caseNumber, queryCode: accepted.body.queryCode };
    pending = (await ent.post('/api/cases', { itemCode: PERMIT, regionCode: COUNTY, materials: ['CP01', 'CP02', 'CP04'] })).body.id;
  });
  afterAll(async () => { await h.close(); });

  /** GET a PDF as the user (a bearer client, so the bytes arrive untouched). */
  async function download(user: string, path: string) {
    const login = await new ApiClient(h.baseUrl).login(user, 'bearer');
    const res = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${login.body.token}` } });
    return { status: res.status, headers: res.headers, body: await res.arrayBuffer() };
  }

  it('prints the acceptance notice with case number, 查询码, promised date and the 容缺 material in Chinese', async () => {
    const res = await download('window-east', `/api/cases/${acceptedGreen.id}/acceptance-notice.pdf`);
    const pdf = pdfOf(res, res.body);
    const text = pdf.text.replace(/\n/g, '');
    expect(pdf.pageCount).toBe(1);
    expect(text).toContain('受理通知书');
    expect(text).toContain('东阳县政务服务中心');
    expect(text).toContain(acceptedGreen.caseNumber);
    expect(text).toContain(`查询码：${acceptedGreen.queryCode}`);
    expect(text).toContain('企业投资建设项目施工许可');
    // green channel: 7 working days from Monday 2 March
    expect(text).toContain('承诺办结日期：2026-03-11');
    expect(text).toContain('容缺，承诺 2026-03-06 前补交');
    // an optional material the window did not receive is not printed as received
    expect(text).toContain('未提交（非必要材料）');
    expect(text.split('未提交（非必要材料）')).toHaveLength(2);
    expect(text).toContain('特殊建设工程消防设计审查意见书');
    expect(text).not.toContain('\uFFFD');
  });

  it('draws the 查询码 as a QR code that opens the public lookup of exactly this case', async () => {
    const res = await download('ent-east', `/api/cases/${acceptedGreen.id}/acceptance-notice.pdf`);
    const pdf = pdfOf(res, res.body);
    const url = `${h.baseUrl}/track?caseNumber=${acceptedGreen.caseNumber}&queryCode=${acceptedGreen.queryCode}`;
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const drawn = qrMatrixFrom(pdf.rects);
    expect(drawn.length).toBe(expected.size);
    const wanted = Array.from({ length: expected.size }, (_, r) => Array.from({ length: expected.size }, (_, c) => (expected.get(r, c) ? 1 : 0)));
    expect(drawn).toEqual(wanted);
  });

  it('embeds a subset of the CJK font as a well-formed CFF program (not the 8 MB file)', async () => {
    const res = await download('window-east', `/api/cases/${acceptedGreen.id}/acceptance-notice.pdf`);
    const pdf = pdfOf(res, res.body);
    expect(res.body.byteLength).toBeLessThan(300_000);
    expect(pdf.fontPrograms.length).toBe(2);
    for (const cff of pdf.fontPrograms) {
      // CFF header: major 1, minor 0, header size 4, offset size 1–4.
      expect([cff[0], cff[1], cff[2]]).toEqual([1, 0, 4]);
      expect(cff[3]).toBeGreaterThanOrEqual(1);
      expect(cff[3]).toBeLessThanOrEqual(4);
    }
  });

  it('lists every missing material of an application not yet accepted in the 一次性告知书', async () => {
    const notAccepted = await download('window-east', `/api/cases/${pending}/acceptance-notice.pdf`);
    expect(notAccepted.status).toBe(409);
    const res = await download('window-east', `/api/cases/${pending}/missing-materials-notice.pdf`);
    const text = (pdfOf(res, res.body)).text.replace(/\n/g, '');
    expect(text).toContain('一次性告知书');
    expect(text).toContain('用地批准手续'); // CP03, essential, not handed in
    expect(text).toContain('授权委托书及受托人身份证明'); // CP14, optional, not handed in
    expect(text).not.toContain('建筑工程施工许可证申请表'); // CP01 was handed in
    expect(text).not.toContain('建设工程规划许可证'); // CP04 was handed in
  });

  it('puts every refusal reason on the 一次性告知书 of a refused application', async () => {
    const ent = await h.as('ent-east');
    const id = (await ent.post('/api/cases', { itemCode: PERMIT, regionCode: COUNTY, materials: ['CP01'] })).body.id;
    await (await h.as('window-east')).post(`/api/cases/${id}/refuse`, { reasons: ['施工图审查合格书已过期', '缺少建设资金落实承诺书'] });
    const res = await download('ent-east', `/api/cases/${id}/missing-materials-notice.pdf`);
    const text = (pdfOf(res, res.body)).text.replace(/\n/g, '');
    expect(text).toContain('1. 施工图审查合格书已过期');
    expect(text).toContain('2. 缺少建设资金落实承诺书');
    expect(text).toContain('建设资金已经落实承诺书');
  });

  it('has no 一次性告知书 for a case accepted with every material', async () => {
    const ent = await h.as('ent-east');
    const id = (await ent.post('/api/cases', { itemCode: PERMIT, regionCode: COUNTY })).body.id;
    await (await h.as('window-east')).post(`/api/cases/${id}/accept`, {});
    expect((await download('window-east', `/api/cases/${id}/missing-materials-notice.pdf`)).status).toBe(409);
  });

  it('prints only for the applicant, the windows and supervisors of the region, and admins', async () => {
    const path = `/api/cases/${acceptedGreen.id}/acceptance-notice.pdf`;
    expect((await download('window-west', path)).status).toBe(404);
    expect((await download('window-west', `/api/cases/${pending}/missing-materials-notice.pdf`)).status).toBe(404);
    expect((await download('ent-other', path)).status).toBe(404);
    expect((await download('supervisor-west', path)).status).toBe(404);
    expect((await download('xf-east', path)).status).toBe(403);
    expect((await download('supervisor-city', path)).status).toBe(200);
    expect((await download('admin', path)).status).toBe(200);
    expect((await h.anonymous().get(path)).status).toBe(401);
  });
});
