/**
 * How every statistic is rounded and summarised, in one place.
 *
 * - A rate is a percentage to 0.01, rounded half away from zero (66.665 → 66.67, −12.345 →
 *   −12.35); `null` when its denominator is 0 (a rate of nothing is not 0 %).
 * - An average is to 0.01 the same way.
 * - A percentile is the nearest-rank value (no interpolation): p90 of working days is the
 *   smallest value such that at least 90 % of the samples are at or below it — always a value
 *   that really occurred, in whole working days.
 *
 * Inputs are integers (counts, working days), so `n × 10 000 ÷ d` is a correctly rounded IEEE
 * quotient: an exact half (…​.5) is represented exactly and rounds as stated.
 */

/** `value` rounded to `decimals` places, half away from zero. */
export function roundHalfAway(value: number, decimals = 2): number {
  const scale = 10 ** decimals;
  const scaled = Math.abs(value) * scale;
  // Guard against binary noise just below an exact half (e.g. 1.005 × 100 = 100.49999…).
  const rounded = Math.floor(scaled + 0.5 + 1e-9);
  const result = (Math.sign(value) * rounded) / scale;
  return result === 0 ? 0 : result;
}

/** `numerator ÷ denominator` to `decimals` places, half away from zero, from one division. */
export function quotient(numerator: number, denominator: number, decimals = 2): number {
  const scale = 10 ** decimals;
  const scaled = (numerator * scale) / denominator; // one correctly rounded division
  const rounded = Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5 + 1e-9);
  return rounded === 0 ? 0 : rounded / scale;
}

/** `numerator ÷ denominator` as a percentage to 0.01; null when the denominator is 0. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return quotient(numerator * 100, denominator);
}

/** The mean of integer samples to 0.01; null without samples. */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return quotient(values.reduce((sum, v) => sum + v, 0), values.length);
}

/** Nearest-rank percentile (`p` in 1–100) of the samples; null without samples. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

/** `percentile` of values already in ascending order (several percentiles of one sample sort it once). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** Working-day samples summarised: how many, their mean, median and 90th percentile. */
export interface DaySummary {
  count: number;
  average: number | null;
  p50: number | null;
  p90: number | null;
}

export function summarise(values: readonly number[]): DaySummary {
  return { count: values.length, average: average(values), p50: percentile(values, 50), p90: percentile(values, 90) };
}
