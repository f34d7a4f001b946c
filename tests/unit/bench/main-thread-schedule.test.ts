import { describe, expect, it } from 'vitest';
import { mainThreadShares, type NodeOpinionsResult } from '../../../bench/http-opinions.ts';
import { nodeDetails } from '../../../bench/report.ts';
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

  it('says each `npm start` worker’s main thread share in the details', () => {
    const run = (mainThreads: NodeOpinionsResult['mainThreads']) => ({
      workers: 2, concurrency: 16, cases: 400, opinions: 3200, failed: 0, failures: [], seconds: 9, opinionsPerSecond: 355, prepareSeconds: 8,
      latencyMs: { p50: 20, p90: 90, p99: 250, max: 300 }, listeningMs: 1900,
      joinLatency: { joins: { count: 400, p50: 160, p99: 300 }, others: { count: 2800, p50: 24, p99: 127 }, joinsAmongSlowest: 1 },
      cores: { node: 1.4, postgres: 0.4, driver: 0.07, machine: 1.9, other: 0.03 }, cpuPerOpinionMs: { node: 3.9, postgres: 1.2 }, mainThreads,
    }) as NodeOpinionsResult;
    const shares = [{ onCpu: 0.61, runQueueWait: 0.3, slicesPerSecond: 700 }, { onCpu: 0.58, runQueueWait: 0.33, slicesPerSecond: 650 }];
    expect(nodeDetails([run(shares)])[0]).toContain('main threads on a CPU / waiting for one: 61% / 30%, 58% / 33%');
    // 1.4 cores for the node's processes, 1.19 of them its two event loops
    expect(nodeDetails([run(shares)])[0]).toContain("other threads and the primary (mostly V8's garbage-collection and compiler helpers) 0.21 cores");
    expect(nodeDetails([run(null)])[0]).not.toContain('main thread');
  });
});
