import { describe, expect, it } from 'vitest';
import { lightOf } from '../../../engine/queries/department-inbox.ts';

const at = (s: string) => new Date(`${s}+08:00`);
const row = {
  status: 'open', paused: false, signDueAt: at('2026-03-03T23:59:59.999'), yellowAt: at('2026-03-09T00:00:00'), dueAt: at('2026-03-09T23:59:59.999'),
};

describe('预警 lights', () => {
  it('shows nothing before the warning, yellow from it, red after the limit', () => {
    expect(lightOf(row, at('2026-03-03T10:00:00'))).toBe('none');
    expect(lightOf({ ...row, status: 'signed' }, at('2026-03-09T10:00:00'))).toBe('yellow');
    expect(lightOf({ ...row, status: 'signed' }, at('2026-03-10T09:00:00'))).toBe('red');
  });

  it('shows red for an unsigned task past its sign-for limit even when its review limit is far', () => {
    expect(lightOf(row, at('2026-03-04T09:00:00'))).toBe('red');
    expect(lightOf({ ...row, status: 'signed' }, at('2026-03-04T09:00:00'))).toBe('none');
  });

  it('shows nothing while the case clock is stopped', () => {
    expect(lightOf({ ...row, paused: true }, at('2026-03-20T09:00:00'))).toBe('none');
  });
});
