import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardXml } from '../../../engine/definitions/xml-guard.ts';
import { DefinitionRejectedError, type Problem } from '../../../engine/errors/domain-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bpmn/${name}`, import.meta.url));
const DTD_REASON = 'DTD and entity declarations are not accepted';
const DEFINITIONS = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" />';

function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionRejectedError);
    expect((error as DefinitionRejectedError).code).toBe('definition_rejected');
    return (error as DefinitionRejectedError).problems;
  }
  throw new Error('expected a DefinitionRejectedError');
}

function reasonsOf(run: () => unknown): string {
  const problems = problemsOf(run);
  expect(problems.every((problem) => problem.path === 'file')).toBe(true);
  return problems.map((problem) => problem.reason).join('\n');
}

describe('XML guard', () => {
  it('returns the text of a correct BPMN file unchanged, from a buffer or a string', () => {
    const bytes = fixture('valid-joint-review.bpmn');
    expect(guardXml(bytes)).toBe(bytes.toString('utf8'));
    expect(guardXml(bytes.toString('utf8'))).toBe(bytes.toString('utf8'));
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(guardXml(Buffer.from(`\uFEFF${DEFINITIONS}`, 'utf8'))).toBe(DEFINITIONS);
  });

  it('refuses a 3 MiB file before reading it', () => {
    // given a syntactically harmless file just over the default 2 MiB limit
    const huge = `<?xml version="1.0"?><a>${'x'.repeat(3 * 1024 * 1024)}</a>`;
    // then string and bytes are both refused on size alone
    expect(reasonsOf(() => guardXml(huge))).toContain('larger than the limit of 2097152 bytes');
    expect(reasonsOf(() => guardXml(Buffer.from(huge)))).toContain('larger than the limit');
  });

  it('counts bytes, not characters, against the limit', () => {
    // 30 Chinese characters are 90 bytes in UTF-8
    expect(reasonsOf(() => guardXml(`<a>${'审'.repeat(30)}</a>`, { maxBytes: 80 }))).toContain('larger than the limit');
  });

  it('refuses a UTF-16 file with a byte-order mark', () => {
    const utf16 = Buffer.from(`\uFEFF<?xml version="1.0" encoding="UTF-16"?>${DEFINITIONS}`, 'utf16le');
    expect(reasonsOf(() => guardXml(utf16))).toContain('not valid UTF-8');
  });

  it('refuses a UTF-16 file without a byte-order mark (NUL bytes)', () => {
    expect(reasonsOf(() => guardXml(Buffer.from(DEFINITIONS, 'utf16le')))).toContain('control characters');
  });

  it('refuses bytes that are not valid UTF-8 (a GBK file)', () => {
    const gbk = Buffer.concat([Buffer.from('<a name="'), Buffer.from([0xc9, 0xf3, 0xc5, 0xfa]), Buffer.from('"/>')]);
    expect(reasonsOf(() => guardXml(gbk))).toContain('not valid UTF-8');
  });

  it('refuses a string with a lone surrogate', () => {
    expect(reasonsOf(() => guardXml(`<a name="\uD800"/>`))).toContain('not valid UTF-8');
  });

  it('refuses an external entity pointing at /etc/passwd (XXE)', () => {
    expect(reasonsOf(() => guardXml(fixture('xxe.bpmn')))).toContain(DTD_REASON);
  });

  it('refuses nested entity expansion (billion laughs)', () => {
    expect(reasonsOf(() => guardXml(fixture('billion-laughs.bpmn')))).toContain(DTD_REASON);
  });

  it.each([
    ['lower-case doctype', '<!doctype x>'],
    ['mixed-case DocType', '<!DocType x [ ]>'],
    ['whitespace after <', '< !DOCTYPE x>'],
    ['whitespace after !', '<! DOCTYPE x>'],
    ['entity on its own', '<!eNtItY x "y">'],
    ['other markup declaration', '<!ELEMENT a ANY>'],
  ])('refuses a DTD declaration written with %s', (_case, declaration) => {
    expect(reasonsOf(() => guardXml(`<?xml version="1.0"?>\n${declaration}\n${DEFINITIONS}`))).toContain(DTD_REASON);
  });

  it('accepts comments and CDATA sections', () => {
    const xml = `<?xml version="1.0"?><!-- drawn in the designer --><a><![CDATA[1 < 2]]></a>`;
    expect(guardXml(xml)).toBe(xml);
  });

  it.each([
    ['a stylesheet', '<?xml-stylesheet href="x.xsl"?>'],
    ['a php block', '<?php system("id"); ?>'],
    ['a second xml declaration', '<?xml version="1.0"?>'],
  ])('refuses a processing instruction: %s', (_case, instruction) => {
    const reasons = reasonsOf(() => guardXml(`<?xml version="1.0" encoding="UTF-8"?>\n${instruction}${DEFINITIONS}`));
    expect(reasons).toContain('processing instructions are not accepted');
  });

  it('refuses a file that declares an encoding other than UTF-8', () => {
    expect(reasonsOf(() => guardXml(`<?xml version="1.0" encoding="GB2312"?>${DEFINITIONS}`))).toContain('only UTF-8 is accepted');
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', ' \n\t '],
    ['only a byte-order mark', '\uFEFF'],
    ['only the XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n'],
  ])('refuses an empty document: %s', (_case, xml) => {
    expect(reasonsOf(() => guardXml(xml))).toContain('empty');
    expect(reasonsOf(() => guardXml(Buffer.from(xml, 'utf8')))).toContain('empty');
  });
});
