/**
 * Just enough of a PDF reader to test the notices we print: the text (through each font's
 * ToUnicode CMap, since CID fonts write glyph ids, not characters), the filled squares a QR code
 * is drawn with (turned back into its module matrix), and the embedded font programs.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export interface PdfContent {
  /** Text of every show-text operation, one per line, in drawing order. */
  text: string;
  /** Rectangles (`re`) in content streams, in PDF user units. */
  rects: { x: number; y: number; w: number; h: number }[];
  /** Decoded FontFile/FontFile2/FontFile3 streams. */
  fontPrograms: Buffer[];
  pageCount: number;
}

/** Parse an uncompressed-xref PDF as pdfkit writes it. */
export function readPdf(pdf: Buffer): PdfContent {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF: no %PDF- header');
  if (!pdf.subarray(-1024).toString('latin1').includes('%%EOF')) throw new Error('not a PDF: no %%EOF trailer');
  const objects = parseObjects(pdf);
  const cmapOfFont = new Map<string, Map<number, string>>();
  let text = '';
  const rects: PdfContent['rects'] = [];
  const fontPrograms: Buffer[] = [];
  let pageCount = 0;
  for (const [, obj] of objects) {
    if (/\/Type\s*\/Page\b/.test(obj.dict)) pageCount += 1;
    const fontFile = /\/FontFile[23]?\s+(\d+)\s+0\s+R/.exec(obj.dict);
    if (fontFile) fontPrograms.push(objects.get(Number(fontFile[1]))!.stream!);
  }
  for (const [, obj] of objects) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(obj.dict);
    if (!fonts) continue;
    for (const [, name, ref] of fonts[1]!.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)) {
      const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(objects.get(Number(ref))?.dict ?? '');
      if (toUnicode) cmapOfFont.set(name!, parseCMap(objects.get(Number(toUnicode[1]))!.stream!.toString('latin1')));
    }
  }
  for (const [, obj] of objects) {
    if (!obj.stream || /\/(Subtype|Type)\s*\/(CIDFontType0C|XObject)/.test(obj.dict) || /\/Length1/.test(obj.dict)) continue;
    const content = obj.stream.toString('latin1');
    if (!/\b(TJ|Tj|re)\b/.test(content) || /begincmap/.test(content)) continue;
    let cmap: Map<number, string> | undefined;
    const ops = /\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+re\b/g;
    for (const m of content.matchAll(ops)) {
      if (m[1]) cmap = cmapOfFont.get(m[1]);
      else if (m[2] !== undefined) text += [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1]!, cmap)).join('') + '\n';
      else if (m[3] !== undefined) text += decode(m[3], cmap) + '\n';
      else rects.push({ x: Number(m[4]), y: Number(m[5]), w: Number(m[6]), h: Number(m[7]) });
    }
  }
  return { text, rects, fontPrograms, pageCount };
}

/**
 * The QR code drawn as equal filled squares: the most common square size is the module; each
 * square's position gives its row and column. Returns the dark modules as rows of 0/1.
 */
export function qrMatrixFrom(rects: PdfContent['rects']): number[][] {
  const squares = rects.filter((r) => Math.abs(r.w - r.h) < 1e-3 && r.w > 0);
  const sizes = new Map<string, number>();
  for (const s of squares) sizes.set(s.w.toFixed(2), (sizes.get(s.w.toFixed(2)) ?? 0) + 1);
  const module = Number([...sizes.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  const cells = squares.filter((s) => Math.abs(s.w - module) < 0.01);
  const minX = Math.min(...cells.map((c) => c.x));
  const minY = Math.min(...cells.map((c) => c.y));
  const positions = cells.map((c) => [Math.round((c.y - minY) / module), Math.round((c.x - minX) / module)] as const);
  const size = Math.max(...positions.flat()) + 1;
  const matrix = Array.from({ length: size }, () => Array<number>(size).fill(0));
  for (const [row, col] of positions) matrix[row]![col] = 1;
  return matrix;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const source = pdf.toString('latin1');
  for (const m of source.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = m.index! + m[0].length;
    const end = source.indexOf('endobj', start);
    const body = source.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) { objects.set(Number(m[1]), { dict: body }); continue; }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1]);
    const dataStart = start + streamAt + 'stream'.length + (source[start + streamAt + 6] === '\r' ? 2 : 1);
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(m[1]), { dict, stream: data });
  }
  return objects;
}

/** bfrange (`<a> <b> [<u>…]` or `<a> <b> <u>`) and bfchar entries: glyph code → text. */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]*>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) [...m[3]!.matchAll(/<([0-9a-fA-F]*)>/g)].forEach((u, i) => map.set(from + i, unicode(u[1]!)));
      else for (let code = from, base = parseInt(m[3]!.slice(1, -1), 16); code <= to; code++) map.set(code, String.fromCharCode(base + code - from));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1]!, 16), unicode(m[2]!));
  }
  return map;
}

function decode(hex: string, cmap: Map<number, string> | undefined): string {
  if (!cmap) return Buffer.from(hex, 'hex').toString('latin1');
  return (hex.match(/.{4}/g) ?? []).map((code) => cmap.get(parseInt(code, 16)) ?? '\uFFFD').join('');
}
