import { describe, expect, it } from 'vitest';
import { joinLatency } from '../../../bench/join-latency.ts';
import { joinsLine } from '../../../bench/report.ts';

describe('the joining opinions\' latency, apart from the others', () => {
  // requests 0–3 belong to case a, 4–7 to case b; completion order as the driver saw it
  const groupOf = (i: number) => (i < 4 ? 'a' : 'b');

  it('counts each case\'s last answer as its join, whatever order the requests were sent in', () => {
    const completed = [[1, 10], [4, 12], [0, 11], [6, 9], [3, 80], [5, 14], [2, 13], [7, 95]] as const;
    const r = joinLatency(completed, groupOf);
    // case a's last to complete is request 2 (13 ms), case b's is request 7 (95 ms)
    expect(r.joins).toEqual({ count: 2, p50: 13, p99: 95 });
    expect(r.others.count).toBe(6);
    expect(r.others.p99).toBe(80);
    expect(r.joinsAmongSlowest).toBe(1);
  });

  it('says when the slowest opinions are not the joins', () => {
    const completed = Array.from({ length: 200 }, (_, k) => [k, k < 2 ? 500 : 10] as const);
    const r = joinLatency(completed, (i) => `case-${Math.floor(i / 8)}`);
    expect(r.joins.count).toBe(25);
    expect(r.joinsAmongSlowest).toBe(0);
    expect(joinsLine({ joinLatency: r })).toContain('joins are 0% of the slowest 1%');
  });

  it('reports nothing slow for an empty load', () => {
    expect(joinLatency([], groupOf).joinsAmongSlowest).toBe(0);
  });
});
