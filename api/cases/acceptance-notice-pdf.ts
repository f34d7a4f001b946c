/**
 * The printed notices of the window desk, as PDF: the 受理通知书 (case number, 查询码 as a QR
 * code that opens the public progress lookup, promised date, materials received or promised
 * under 容缺) and the 一次性告知书 (every missing material and every reason, at once).
 *
 * Chinese text is set in Noto Sans SC (the OTF files of @embedpdf/fonts-sc), embedded as a
 * subset of the glyphs used, so a notice stays small and prints the same on any machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { localDate } from '../../engine/calendar/index.ts';
import { formatShanghai } from '../../engine/calendar/shanghai-time.ts';
import type { AcceptanceNotice } from './acceptance-notice.ts';

export interface NoticeContext {
  /** The public lookup the QR code opens (case number and 查询码 filled in). */
  lookupUrl: string;
  /** Who issues the notice, e.g. '东阳县政务服务中心'. */
  issuer: string;
  /** When it is printed. */
  printedAt: Date;
}

const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;
let fonts: Record<keyof typeof FONT_FILES, Buffer> | undefined;

// Read once per process: the OTF files are 8 MB each and every notice needs them.
function fontData(): Record<keyof typeof FONT_FILES, Buffer> {
  if (!fonts) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    fonts = { regular: readFileSync(path.join(dir, FONT_FILES.regular)), bold: readFileSync(path.join(dir, FONT_FILES.bold)) };
  }
  return fonts;
}

/** The public lookup page (web: /track) for a case, filled in: what the QR code on the 受理通知书 encodes. */
export function lookupUrlOf(origin: string, caseNumber: string, queryCode: string): string {
  const query = new URLSearchParams({ caseNumber, queryCode });
  return `${origin.replace(/\/$/, '')}/track?${query}`;
}

const MATERIAL_STATUS: Record<string, string> = { received: '已收取', promised: '容缺待补', supplied: '已补交', missing: '未提交', 'not-submitted': '未提交（非必要材料）' };
const day = (iso: string | null) => (iso ? localDate(new Date(iso)) : '—');

/** 受理通知书 of an accepted case. */
export async function renderAcceptanceNotice(notice: AcceptanceNotice, context: NoticeContext): Promise<Buffer> {
  return render((doc) => {
    heading(doc, '受理通知书', context.issuer);
    const qrSize = 120;
    const top = doc.y;
    const left = doc.page.margins.left;
    drawQr(doc, context.lookupUrl, doc.page.width - doc.page.margins.right - qrSize, top, qrSize);
    doc.font('bold').fontSize(9).text('扫码查询办理进度', doc.page.width - doc.page.margins.right - qrSize, top + qrSize + 4, { width: qrSize, align: 'center' });
    doc.x = left;
    doc.y = top;
    const fieldWidth = doc.page.width - left - doc.page.margins.right - qrSize - 16;
    const fields: [string, string][] = [
      ['受理编号', notice.caseNumber],
      ['查询码', notice.queryCode ?? '—'],
      ['申请事项', `${notice.itemName}（${notice.itemCode}）`],
      ['受理时间', notice.acceptedAt ? formatShanghai(new Date(notice.acceptedAt)).slice(0, 16).replace('T', ' ') : '—'],
      ['承诺时限', `${notice.green && notice.greenPromisedDays ? `绿色通道 ${notice.greenPromisedDays}` : notice.promisedDays} 个工作日（法定 ${notice.statutoryDays} 个工作日）`],
      ['承诺办结日期', `${day(notice.dueAt)}${notice.dueProvisional ? '（暂定）' : ''}`],
    ];
    for (const [label, value] of fields) field(doc, label, value, fieldWidth);
    doc.y = Math.max(doc.y, top + qrSize + 24);
    doc.x = left;
    doc.moveDown(0.5);
    doc.font('regular').fontSize(11).text(
      `您提交的申请材料齐全、符合法定形式${notice.materials.some((m) => m.status === 'promised') ? '（部分非必要材料容缺受理）' : ''}，现予受理。` +
      '凭受理编号和查询码可在政务服务网或扫描上方二维码查询办理进度。', { lineGap: 3 });
    doc.moveDown(0.8);
    materialsTable(doc, notice.materials.map((m) => [m.name, m.essential ? '是' : '否',
      m.status === 'promised' ? `容缺，承诺 ${day(m.promisedBy)} 前补交` : MATERIAL_STATUS[m.status] ?? m.status]));
    footer(doc, context);
  });
}

/** 一次性告知书: every material still missing and every reason the window gave, at once. */
export async function renderMissingMaterialsNotice(notice: AcceptanceNotice, context: NoticeContext): Promise<Buffer> {
  return render((doc) => {
    heading(doc, '一次性告知书', context.issuer);
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    field(doc, '申请编号', notice.caseNumber, width);
    field(doc, '申请事项', `${notice.itemName}（${notice.itemCode}）`, width);
    doc.moveDown(0.5);
    doc.font('regular').fontSize(11).text('经审查，您的申请材料不齐全或不符合法定形式，现将需要补齐的材料和存在的问题一次性告知如下：', { lineGap: 3 });
    const missing = notice.materials.filter((m) => m.status === 'missing' || m.status === 'promised');
    if (notice.refusalReasons.length) {
      doc.moveDown(0.6);
      doc.font('bold').fontSize(12).text('一、存在的问题');
      notice.refusalReasons.forEach((reason, i) => doc.font('regular').fontSize(11).text(`${i + 1}. ${reason}`, { indent: 12, lineGap: 2 }));
    }
    doc.moveDown(0.6);
    doc.font('bold').fontSize(12).text(`${notice.refusalReasons.length ? '二' : '一'}、需补齐的材料`);
    doc.moveDown(0.3);
    if (missing.length) {
      materialsTable(doc, missing.map((m) => [m.name, m.essential ? '是' : '否', m.status === 'promised' ? `承诺 ${day(m.promisedBy)} 前补交` : '未提交']));
    } else {
      doc.font('regular').fontSize(11).text('（无缺少的材料）', { indent: 12 });
    }
    doc.moveDown(0.8);
    doc.font('regular').fontSize(11).text('请按上述要求一次性补齐后重新提交申请。如有疑问，请向综合窗口咨询。', doc.page.margins.left, doc.y, { lineGap: 3 });
    footer(doc, context);
  });
}

function render(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 48, bottom: 40, left: 56, right: 56 }, info: { Title: '联审 · 政务服务', Producer: 'Lianshen' } });
  const { regular, bold } = fontData();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, title: string, issuer: string): void {
  doc.font('bold').fontSize(22).text(title, { align: 'center', characterSpacing: 4 });
  doc.font('regular').fontSize(11).fillColor('#555').text(issuer, { align: 'center' }).fillColor('black');
  doc.moveDown(1.2);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string, width: number): void {
  const x = doc.page.margins.left;
  const y = doc.y;
  doc.font('bold').fontSize(11).text(`${label}：`, x, y, { width: 90 });
  doc.font('regular').fontSize(11).text(value, x + 90, y, { width: width - 90 });
  doc.y = Math.max(doc.y, y + 18) + 2;
  doc.x = x;
}

/** Materials as a ruled table: name, essential, status. */
function materialsTable(doc: PDFKit.PDFDocument, rows: [string, string, string][]): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - x - doc.page.margins.right;
  const cols = [30, width - 30 - 36 - 140, 36, 140];
  const line = (cells: string[], font: 'regular' | 'bold') => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const y = doc.y;
    const heights = cells.map((cell, i) => doc.font(font).fontSize(9.5).heightOfString(cell, { width: cols[i]! - 8 }));
    const height = Math.max(...heights) + 6;
    let cx = x;
    cells.forEach((cell, i) => {
      doc.font(font).fontSize(9.5).text(cell, cx + 4, y + 3, { width: cols[i]! - 8 });
      cx += cols[i]!;
    });
    doc.rect(x, y, width, height).lineWidth(0.5).stroke('#888');
    doc.y = y + height;
  };
  line(['序号', '材料名称', '必要', '状态'], 'bold');
  rows.forEach((row, i) => line([String(i + 1), ...row], 'regular'));
  doc.x = x;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // A quiet zone of two modules on each side keeps scanners happy next to the text.
  const cell = size / (modules.size + 4);
  doc.save();
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + 2) * cell, y + (row + 2) * cell, cell, cell);
    }
  }
  doc.fill('black').restore();
}

function footer(doc: PDFKit.PDFDocument, context: NoticeContext): void {
  doc.moveDown(2);
  const x = doc.page.margins.left;
  const width = doc.page.width - x - doc.page.margins.right;
  doc.font('regular').fontSize(11).text(context.issuer, x, doc.y, { width, align: 'right' });
  doc.text(localDate(context.printedAt), x, doc.y, { width, align: 'right' });
}
