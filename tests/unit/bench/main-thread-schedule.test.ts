import { describe, expect, it } from 'vitest';
import { mainThreadShares } from '../../../bench/http-opinions.ts';
import { mainThreadSchedule, parseSchedstat } from '../../../bench/machine.ts';

describe('the main thread’s schedule', () => {
  it('reads nanoseconds on a CPU, nanoseconds waiting for one and timeslices from a schedstat line', () => {
    expect(parseSchedstat('237668539 64860894 819\n')).toEqual({ onCpuMs: 237.668539, runQueueMs: 64.860894, slices: 819 });
    expect(parseSchedstat('garbage')).toBeUndefined();
  });

  it('turns two readings into shares of the window between them', () => {
    const start = { onCpuMs: 1_000, runQueueMs: 100, slices: 50 };
    const end = { onCpuMs: 1_720, runQueueMs: 360, slices: 913 };
    expect(mainThreadShares(start, end, 1_000)).toEqual({ onCpu: 0.72, runQueueWait: 0.26, slicesPerSecond: 863 });
    expect(mainThreadShares(undefined, end, 1_000)).toBeNull();
  });

  it('sees this thread run while it spins', () => {
    const before = mainThreadSchedule();
    if (!before) return; // no /proc (not Linux): the bench reports null
    const until = performance.now() + 30;
    while (performance.now() < until) { /* spin */ }
    const after = mainThreadSchedule()!;
    expect(after.onCpuMs - before.onCpuMs).toBeGreaterThan(10);
  });
});
