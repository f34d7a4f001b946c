import { describe, expect, it } from 'vitest';
import { MAX_CASES_PER_STAGED_WRITE, stagedWriteId } from '../../../engine/adapters/postgres/staged-writes.ts';

// The identifier goes into COMMIT/ROLLBACK PREPARED as a literal (those take no parameters).
describe('the identifier of writes staged for an instant', () => {
  it('names the case and the instant', () => {
    expect(stagedWriteId('0A1B2C3D-0000-4000-8000-000000000001', new Date('2026-03-03T15:59:59.999Z')))
      .toBe(`lianshen-wake/0a1b2c3d-0000-4000-8000-000000000001/${Date.parse('2026-03-03T15:59:59.999Z')}`);
  });

  it('names several cases due at one instant compactly, within PostgreSQL\'s 199 bytes', () => {
    const ids = Array.from({ length: MAX_CASES_PER_STAGED_WRITE }, (_, i) => `0a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const id = stagedWriteId(ids, new Date('2026-03-03T15:59:59.999Z'));
    expect(id).toMatch(/^lianshen-wake\/[A-Za-z0-9_-]{22}(\.[A-Za-z0-9_-]{22}){6}\/\d+$/);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(199);
    expect(() => stagedWriteId([...ids, ids[0]!], new Date())).toThrow(/1 to 7 cases/);
    expect(() => stagedWriteId([], new Date())).toThrow(/1 to 7 cases/);
  });

  it('refuses anything but a case id, so nothing else can reach the statement', () => {
    expect(() => stagedWriteId(`x'; DROP TABLE cases; --`, new Date())).toThrow(/not a case id/);
    expect(() => stagedWriteId('', new Date())).toThrow(/not a case id/);
    expect(() => stagedWriteId(['0a1b2c3d-0000-4000-8000-000000000001', `'; --`], new Date())).toThrow(/not a case id/);
  });
});
