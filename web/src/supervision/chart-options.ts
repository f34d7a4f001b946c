/**
 * API rows → ECharts options, as pure functions: the screens pass translated names in, so the
 * same builder serves Chinese and English and is tested without a canvas.
 */
import type { ChartOption } from './chart.tsx';
import { BASES, type Basis, type Bottleneck, type ByDepartment, type StatisticsRow, type TaskWarning, type UnitScore } from './types.ts';

export const COLOURS = {
  red: '#f5222d', yellow: '#faad14', blue: '#1677ff', green: '#52c41a', grey: '#8c8c8c', gold: '#d4b106',
  basis: { timeout: '#cf1322', inaction: '#d46b08', unsigned: '#7cb305', absence: '#531dab' } as Record<Basis, string>,
};

/** Long department and item names would eat the plot; the tooltip shows them whole. */
export function shorten(text: string, max = 10): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Red and yellow lights per department, most red first (at most `top` departments). */
export function lightsByDepartmentOption(tasks: TaskWarning[], names: { red: string; yellow: string; none: string }, top = 12): ChartOption {
  const rows = new Map<string, { name: string; red: number; yellow: number }>();
  for (const t of tasks) {
    const key = t.departmentId ?? '';
    const row = rows.get(key) ?? { name: t.departmentName ?? names.none, red: 0, yellow: 0 };
    row[t.light] += 1;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.name.localeCompare(b.name)).slice(0, top);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { interval: 0, rotate: sorted.length > 6 ? 30 : 0, formatter: (v: string) => shorten(v, 8) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.red, type: 'bar', stack: 'lights', barMaxWidth: 48, data: sorted.map((r) => r.red), itemStyle: { color: COLOURS.red } },
      { name: names.yellow, type: 'bar', stack: 'lights', barMaxWidth: 48, data: sorted.map((r) => r.yellow), itemStyle: { color: COLOURS.yellow } },
    ],
  } as ChartOption;
}

/**
 * Lights per region of the case (a county, the city's own cases …): department steps and whole
 * cases counted together, the region with most red first.
 */
export function lightsByRegionOption(
  items: Array<{ regionCode: string; light: 'red' | 'yellow' }>, regionName: (code: string) => string, names: { red: string; yellow: string },
): ChartOption {
  const rows = new Map<string, { red: number; yellow: number }>();
  for (const item of items) {
    const row = rows.get(item.regionCode) ?? { red: 0, yellow: 0 };
    row[item.light] += 1;
    rows.set(item.regionCode, row);
  }
  const sorted = [...rows.entries()].sort(([a, x], [b, y]) => y.red - x.red || y.yellow - x.yellow || a.localeCompare(b)).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map(([code]) => regionName(code)) },
    series: [
      { name: names.red, type: 'bar', stack: 'lights', barMaxWidth: 28, data: sorted.map(([, r]) => r.red), itemStyle: { color: COLOURS.red } },
      { name: names.yellow, type: 'bar', stack: 'lights', barMaxWidth: 28, data: sorted.map(([, r]) => r.yellow), itemStyle: { color: COLOURS.yellow } },
    ],
  } as ChartOption;
}

/** Default consents (or 问责记录) per department, stacked by basis, most first. */
export function basisByDepartmentOption(rows: ByDepartment[], basisNames: Record<Basis, string>, none: string, top = 12): ChartOption {
  const shown = [...rows].sort((a, b) => b.total - a.total || String(a.departmentName).localeCompare(String(b.departmentName))).slice(0, top);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: shown.map((r) => r.departmentName ?? none), axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0, formatter: (v: string) => shorten(v, 8) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: BASES.map((b) => ({
      name: basisNames[b], type: 'bar' as const, stack: 'basis', barMaxWidth: 48, data: shown.map((r) => r.byBasis[b] ?? 0), itemStyle: { color: COLOURS.basis[b] },
    })),
  } as ChartOption;
}

/** Share of each basis as a ring; bases with nothing are left out. */
export function basisPieOption(byBasis: Record<string, number>, basisNames: Record<Basis, string>): ChartOption {
  const data = BASES.filter((b) => (byBasis[b] ?? 0) > 0).map((b) => ({ name: basisNames[b], value: byBasis[b]!, itemStyle: { color: COLOURS.basis[b] } }));
  return {
    // Each slice is labelled with its name and count: no legend to collide with the labels.
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '50%'], label: { formatter: '{b}\n{c}' }, data }],
  } as ChartOption;
}

export type RateKey = 'finishRate' | 'onTimeRate' | 'satisfactionRate' | 'ratingRate' | 'instantRate' | 'speedUpRate';

/** Rates (percent) side by side per group, for the groups with most accepted cases. */
export function ratesOption(rows: StatisticsRow[], rates: { key: RateKey; name: string }[], top = 10): ChartOption {
  const shown = [...rows].sort((a, b) => b.accepted - a.accepted || a.key.localeCompare(b.key)).slice(0, top);
  const palette = [COLOURS.blue, COLOURS.green, COLOURS.gold, COLOURS.grey, COLOURS.red, COLOURS.yellow];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: shown.map((r) => r.name || r.key), axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0, formatter: (v: string) => shorten(v, 8) } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: rates.map((r, i) => ({ name: r.name, type: 'bar' as const, barMaxWidth: 24, data: shown.map((row) => row[r.key]), itemStyle: { color: palette[i % palette.length] } })),
  } as ChartOption;
}

/** 堵点: the slowest department × item pairs, slowest at the top (p90, then average working days). */
export function bottleneckOption(rows: Bottleneck[], names: { p90: string; average: string }, top = 10): ChartOption {
  const slowest = [...rows]
    .sort((a, b) => (b.p90WorkingDays ?? -1) - (a.p90WorkingDays ?? -1) || (b.averageWorkingDays ?? -1) - (a.averageWorkingDays ?? -1))
    .slice(0, top)
    .reverse(); // a horizontal bar chart draws its first category at the bottom
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'value', name: '', minInterval: 1 },
    yAxis: { type: 'category', data: slowest.map((b) => `${shorten(b.departmentName, 8)} · ${shorten(b.itemName || b.itemCode, 8)}`) },
    series: [
      { name: names.p90, type: 'bar', data: slowest.map((b) => b.p90WorkingDays), itemStyle: { color: COLOURS.red } },
      { name: names.average, type: 'bar', data: slowest.map((b) => b.averageWorkingDays), itemStyle: { color: COLOURS.blue } },
    ],
  } as ChartOption;
}

/** Scores in rank order (first at the top): stars gold, the last red, the rest blue. */
export function scoreOption(scores: UnitScore[], name: string, top = 15): ChartOption {
  const shown = rankingOrder(scores).slice(0, top).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 8 },
    xAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10), max: 100 },
    yAxis: { type: 'category', data: shown.map((s) => `${s.rank}. ${shorten(s.name, 10)}`) },
    series: [{
      name, type: 'bar',
      data: shown.map((s) => ({ value: s.score, itemStyle: { color: s.last ? COLOURS.red : s.star ? COLOURS.gold : COLOURS.blue } })),
      label: { show: true, position: 'right' },
    }],
  } as ChartOption;
}

/** The ranking as the table lists it: by rank; equal ranks by id, as the server and its download order them. */
export function rankingOrder(scores: UnitScore[]): UnitScore[] {
  return [...scores].sort((a, b) => a.rank - b.rank || a.unitId.localeCompare(b.unitId));
}
