import { describe, expect, it } from 'vitest';
import { average, percent, percentile, quotient, summarise } from '../../../engine/statistics/figures.ts';

describe('rates, averages and percentiles of the statistics', () => {
  it('gives rates as percentages to 0.01, half away from zero, null without a denominator', () => {
    expect(percent(2, 3)).toBe(66.67); // 66.666…
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(6, 8)).toBe(75);
    expect(percent(1, 7)).toBe(14.29); // 14.2857…
    expect(percent(5, 7)).toBe(71.43);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
    expect(percent(1, 80_000)).toBe(0); // 0.00125 → 0.00
    expect(percent(1, 20_000)).toBe(0.01); // 0.005 → exact half → 0.01
    expect(percent(-1, 20_000)).toBe(-0.01); // 提速率 can be negative: away from zero
    expect(percent(-10, 30)).toBe(-33.33);
  });

  it('rounds an exact half up in magnitude, from one division', () => {
    expect(quotient(1, 8)).toBe(0.13); // 0.125
    expect(quotient(-1, 8)).toBe(-0.13);
    expect(quotient(1005, 1000)).toBe(1.01); // 1.005 is not exact in binary, the quotient is
    expect(quotient(0, 7)).toBe(0);
  });

  it('averages working days to 0.01', () => {
    expect(average([0, 3, 6, 2, 1, 10])).toBe(3.67); // 22 / 6
    expect(average([1, 2])).toBe(1.5);
    expect(average([])).toBeNull();
  });

  it('takes nearest-rank percentiles: a value that occurred, at least p % at or below it', () => {
    expect(percentile([0, 3, 6, 2, 1, 10], 50)).toBe(2); // rank 3 of 6
    expect(percentile([0, 3, 6, 2, 1, 10], 90)).toBe(10); // rank ⌈5.4⌉ = 6
    expect(percentile([5], 90)).toBe(5);
    expect(percentile(Array.from({ length: 10 }, (_v, i) => i + 1), 90)).toBe(9); // rank 9 of 10
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(summarise([0, 0, 1, 2, 3])).toEqual({ count: 5, average: 1.2, p50: 1, p90: 3 });
    expect(summarise([])).toEqual({ count: 0, average: null, p50: null, p90: null });
  });
});
