import { describe, expect, it } from 'vitest';
import { cataloguePayload, editableCatalogue } from '../../../web/src/designer/catalogue/catalogue-model.ts';
import { nextMaterialCode } from '../../../web/src/designer/modules/approval-properties/material-code.ts';

describe('the editable catalogue', () => {
  it('keeps only the text a designer edits from a public catalogue entry (nulls and derived fields left out)', () => {
    const entry = {
      itemCode: '010030001000', name: '施工许可', version: 3, category: null, promisedDays: 12, materials: [{ code: 'CP01' }],
      legalBasis: [{ title: '《建筑法》', articles: null }], fees: [{ name: '核发', amount: '不收费', basis: null }], conditions: ['已取得规划许可'],
    };
    expect(editableCatalogue(entry)).toEqual({
      name: '施工许可', legalBasis: [{ title: '《建筑法》' }], conditions: ['已取得规划许可'], procedure: [], fees: [{ name: '核发', amount: '不收费' }],
    });
  });

  it('sends the diagram\'s item code and drops empty rows a designer added and left blank', () => {
    const payload = cataloguePayload({
      name: ' 施工许可 ', conditions: ['已取得规划许可', '  '], legalBasis: [{ title: '' }, { title: '《建筑法》', articles: '第八条' }], fees: [{ name: '', amount: '' }],
    }, '010030001000');
    expect(payload).toEqual({
      itemCode: '010030001000', name: '施工许可', conditions: ['已取得规划许可'], legalBasis: [{ title: '《建筑法》', articles: '第八条' }], procedure: [], fees: [],
    });
  });
});

describe('a new material\'s code', () => {
  const materials = (...codes: string[]) => codes.map((code) => ({ get: (k: string) => (k === 'code' ? code : undefined) }));

  it('continues the item\'s numbering', () => {
    expect(nextMaterialCode(materials('CP01', 'CP02', 'CP14'))).toBe('CP15');
  });

  it('starts at M01 for an item without materials', () => {
    expect(nextMaterialCode([])).toBe('M01');
  });
});
