import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnName, toCsv, toXlsx, type Sheet } from '../../../api/statistics/table-export.ts';

const SHEET: Sheet = {
  name: '统计 2026-03',
  headers: ['部门', '办结率(%)', '说明', '明星'],
  rows: [
    ['东阳县市场监督管理局', 66.67, '含"引号", 逗号\n和换行', true],
    ['=HYPERLINK("http://x")', -12.5, null, false],
  ],
};

describe('CSV export', () => {
  it('starts with a byte-order mark, ends lines with CRLF, quotes per RFC 4180', () => {
    const csv = toCsv(SHEET);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe(
      '部门,办结率(%),说明,明星\r\n'
      + '东阳县市场监督管理局,66.67,"含""引号"", 逗号\n和换行",是\r\n'
      + `"'=HYPERLINK(""http://x"")",-12.5,,否\r\n`,
    );
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers numbers', () => {
    const csv = toCsv({ name: 's', headers: ['a'], rows: [['+1'], ['-x'], ['@SUM(A1)'], [-3]] });
    expect(csv.slice(1).split('\r\n')).toEqual(['a', "'+1", "'-x", "'@SUM(A1)", '-3', '']);
  });
});

describe('XLSX export', () => {
  it('names columns A … Z, AA …', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('is a zip holding a workbook with one worksheet per table, text inline and numbers as numbers', () => {
    const bytes = toXlsx([SHEET, { name: 'a/b:c*d?[e]', headers: ['x'], rows: [] }]);
    expect(strFromU8(bytes.slice(0, 4), true)).toBe('PK\x03\x04');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml',
    ]);
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('<sheet name="统计 2026-03" sheetId="1" r:id="rId1"/>');
    expect(workbook).toContain('<sheet name="a b c d  e" sheetId="2" r:id="rId2"/>');
    const types = strFromU8(files['[Content_Types].xml']!);
    expect(types).toContain('PartName="/xl/worksheets/sheet2.xml"');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">部门</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>66.67</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">含&quot;引号&quot;, 逗号\n和换行</t>');
    expect(sheet).toContain('<c r="D2" t="inlineStr"><is><t xml:space="preserve">是</t></is></c>');
    // A formula-looking text stays text (inline string), never a <f> formula; an empty cell is left out.
    expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t></is></c>');
    expect(sheet).not.toContain('<f>');
    expect(sheet).not.toContain('r="C3"');
  });

  it('drops characters XML cannot carry', () => {
    const files = unzipSync(toXlsx([{ name: 's', headers: ['a'], rows: [['x\u0001y\u0000z']] }]));
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('<t xml:space="preserve">xyz</t>');
  });
});
