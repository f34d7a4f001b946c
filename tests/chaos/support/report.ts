/** The figures a chaos run measured: printed, and kept in test-artifacts/chaos/<name>.json for the README. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function report(name: string, figures: Record<string, unknown>): void {
  console.log(`\n${name}: ${JSON.stringify(figures, null, 2)}\n`);
  const dir = path.join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'chaos');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ ...figures, at: new Date().toISOString() }, null, 2)}\n`);
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
