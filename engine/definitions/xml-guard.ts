/**
 * The first gate for an uploaded BPMN file: plain text checks that run before any XML parser
 * sees the bytes, so a hostile file (XXE, entity expansion, a huge upload, a mis-encoded file)
 * is refused without ever being parsed.
 */
import { DefinitionRejectedError, type Problem } from '../errors/domain-error.ts';

export interface XmlLimits {
  maxBytes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 2 * 1024 * 1024 };

const BOM = '\uFEFF';
// Any markup declaration (`<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT` …) in any casing, even with
// whitespace after `<` or `!`: a lenient parser might still honour it.
const DECLARATION = /<\s*!\s*(?:doctype|entity|element|attlist|notation)/i;
// `<!` is only legitimate as a comment or a CDATA section.
const OTHER_BANG = /<\s*!(?!--|\[CDATA\[)/;
const XML_DECLARATION = /^\s*<\?xml\s[^?]*\?>/;
const DECLARED_ENCODING = /\bencoding\s*=\s*["']([^"']*)["']/;
// U+0000 and C0 controls other than tab/LF/CR are not allowed in XML 1.0; a UTF-16 file
// without a byte-order mark decodes as UTF-8 full of NULs.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuse oversize, non-UTF-8, DTD/entity-bearing or empty XML before parsing; returns the text. */
export function guardXml(xml: string | Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  refuseIf(sizeProblem(xml, limits.maxBytes));
  const text = decodeUtf8(xml);
  refuseIf(contentProblems(text));
  return text;
}

function refuseIf(problems: Problem[] | Problem | undefined): void {
  const list = problems === undefined ? [] : Array.isArray(problems) ? problems : [problems];
  if (list.length > 0) throw new DefinitionRejectedError('the BPMN file was refused before parsing', list);
}

function fileProblem(reason: string): Problem {
  return { path: 'file', reason };
}

// Checked first and cheaply: a string's UTF-8 size is at least its length in code units.
function sizeProblem(xml: string | Buffer, maxBytes: number): Problem | undefined {
  const bytes = typeof xml === 'string'
    ? (xml.length > maxBytes ? xml.length : Buffer.byteLength(xml, 'utf8'))
    : xml.length;
  if (bytes <= maxBytes) return undefined;
  return fileProblem(`the file is larger than the limit of ${maxBytes} bytes`);
}

function decodeUtf8(xml: string | Buffer): string {
  if (typeof xml === 'string') {
    if (LONE_SURROGATE.test(xml)) refuseIf(fileProblem('the file is not valid UTF-8 text'));
    return xml.startsWith(BOM) ? xml.slice(1) : xml;
  }
  try {
    // fatal: a single invalid byte (a UTF-16 byte-order mark, a GBK file) refuses the file
    return new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new DefinitionRejectedError('the BPMN file was refused before parsing', [
      fileProblem('the file is not valid UTF-8 text (save it as UTF-8, not UTF-16 or GBK)'),
    ]);
  }
}

function contentProblems(text: string): Problem[] {
  if (text.trim() === '') return [fileProblem('the file is empty')];
  const problems: Problem[] = [];
  if (FORBIDDEN_CHARS.test(text)) {
    problems.push(fileProblem('the file contains control characters that XML does not allow (is it UTF-16?)'));
  }
  if (DECLARATION.test(text) || OTHER_BANG.test(text)) {
    problems.push(fileProblem('DTD and entity declarations are not accepted (XXE / entity expansion)'));
  }
  problems.push(...declarationProblems(text));
  if (!/<[A-Za-z_]/.test(text)) problems.push(fileProblem('the file is empty or not XML: it has no root element'));
  return problems;
}

// Only the XML declaration itself, at the very start, may use `<?`.
function declarationProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  const declaration = XML_DECLARATION.exec(text)?.[0] ?? '';
  if (text.slice(declaration.length).includes('<?')) {
    problems.push(fileProblem('processing instructions are not accepted (only the <?xml …?> declaration at the start)'));
  }
  const encoding = DECLARED_ENCODING.exec(declaration)?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    problems.push(fileProblem(`the file declares encoding "${encoding}"; only UTF-8 is accepted`));
  }
  return problems;
}
