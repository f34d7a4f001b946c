import { describe, expect, it } from 'vitest';
import { stagedWriteId } from '../../../engine/adapters/postgres/staged-writes.ts';

// The identifier goes into COMMIT/ROLLBACK PREPARED as a literal (those take no parameters).
describe('the identifier of writes staged for an instant', () => {
  it('names the case and the instant', () => {
    expect(stagedWriteId('0A1B2C3D-0000-4000-8000-000000000001', new Date('2026-03-03T15:59:59.999Z')))
      .toBe(`lianshen-wake/0a1b2c3d-0000-4000-8000-000000000001/${Date.parse('2026-03-03T15:59:59.999Z')}`);
  });

  it('refuses anything but a case id, so nothing else can reach the statement', () => {
    expect(() => stagedWriteId(`x'; DROP TABLE cases; --`, new Date())).toThrow(/not a case id/);
    expect(() => stagedWriteId('', new Date())).toThrow(/not a case id/);
  });
});
