// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { decideAcceptance, type MaterialCheck } from '../../../web/src/window/acceptance-rules.ts';

const checks = (over: Record<string, Partial<MaterialCheck>> = {}): MaterialCheck[] => [
  { code: 'CP01', name: '申请表', essential: true, verified: true },
  { code: 'CP02', name: '备案文件', essential: true, verified: true },
  { code: 'CP10', name: '消防设计审查意见书', essential: false, verified: true },
].map((c) => ({ ...c, ...over[c.code] }));

describe('the window decision on an application', () => {
  it('accepts when every essential material is complete', () => {
    const d = decideAcceptance(checks(), false);
    expect(d.canAccept).toBe(true);
    expect(d.acceptBody).toEqual({ missingMaterials: [], notReceived: [] });
  });

  it('accepts without an optional material and says it was not handed in, so the notice does not call it received', () => {
    const d = decideAcceptance(checks({ CP10: { verified: false } }), false);
    expect(d.canAccept).toBe(true);
    expect(d.acceptBody).toEqual({ missingMaterials: [], notReceived: ['CP10'] });
  });

  it('cannot accept with an essential material missing, and starts the refusal with it', () => {
    const d = decideAcceptance(checks({ CP02: { verified: false } }), true);
    expect(d.canAccept).toBe(false);
    expect(d.refusalReasons((n) => `缺少：${n}`)).toEqual(['缺少：备案文件']);
  });

  it('accepts an owed optional material on the green channel only with its promised date (容缺)', () => {
    const undated = decideAcceptance(checks({ CP10: { verified: false, owedBy: '' } }), true);
    expect(undated.canAccept).toBe(false);
    const dated = decideAcceptance(checks({ CP10: { verified: false, owedBy: '2026-03-06' } }), true);
    expect(dated.canAccept).toBe(true);
    expect(dated.acceptBody).toEqual({ missingMaterials: [{ code: 'CP10', promisedBy: '2026-03-06T17:30:00+08:00' }], notReceived: [] });
    // off the green channel nothing is owed: the material is simply optional, and not handed in
    expect(decideAcceptance(checks({ CP10: { verified: false, owedBy: '2026-03-06' } }), false).acceptBody).toEqual({ missingMaterials: [], notReceived: ['CP10'] });
  });
});
