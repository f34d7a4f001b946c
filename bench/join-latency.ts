/**
 * Latency of the opinions that join their round apart from the others. In the opinion load one
 * opinion in ten is its case's last: it rebuilds the engine, moves it past the join and makes
 * one more round trip (the round's stored opinions), so it waits behind the other clients' work
 * more often than the rest. Reporting the two apart says what the overall p99 is made of.
 */
import { percentile, round } from './stats.ts';

export interface JoinLatency {
  joins: { count: number; p50: number; p99: number };
  others: { count: number; p50: number; p99: number };
  /** Share of the slowest 1% of all opinions that were joins (0–1). */
  joinsAmongSlowest: number;
}

/**
 * Split completed requests into each group's last to complete (the join: commands on one case
 * run one after another, so the last answer is the command that found no other opinion of the
 * round open) and the rest. `completed`: [request index, latency ms] in completion order;
 * `groupOf(i)`: the case of request i.
 */
export function joinLatency(completed: ReadonlyArray<readonly [number, number]>, groupOf: (index: number) => string): JoinLatency {
  const last = new Map<string, number>();
  completed.forEach(([index], position) => last.set(groupOf(index), position));
  const joinPositions = new Set(last.values());
  const joins: number[] = [];
  const others: number[] = [];
  completed.forEach(([, ms], position) => (joinPositions.has(position) ? joins : others).push(ms));
  const slowest = completed.map(([, ms], position) => ({ ms, join: joinPositions.has(position) }))
    .sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(completed.length / 100)));
  const summary = (list: number[]) => ({ count: list.length, p50: round(percentile(list, 50), 2), p99: round(percentile(list, 99), 2) });
  return {
    joins: summary(joins), others: summary(others),
    joinsAmongSlowest: completed.length ? round(slowest.filter((s) => s.join).length / slowest.length, 2) : 0,
  };
}
