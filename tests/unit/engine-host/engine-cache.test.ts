import { describe, expect, it } from 'vitest';
import { EngineCache } from '../../../engine/engine-host/engine-cache.ts';
import type { LiveEngine } from '../../../engine/engine-host/live-engine.ts';
import type { CachedCase } from '../../../engine/store/case-store.ts';

const MB = 1_000_000;
/** A stand-in engine: the cache only asks it for its footprint. */
const engine = (bytes: number) => ({ footprint: () => bytes }) as unknown as LiveEngine;
type Snapshot = CachedCase;
/** A case as committed at `version` (the cache keeps it opaque). */
const snapshot = (id: string, version: number) => ({ row: { id, version }, lastSeq: version, openTasks: [] }) as unknown as Snapshot;

describe('the engine cache', () => {
  it('drops the least recently used engines once their footprints exceed its megabytes', () => {
    const cache = new EngineCache({ maxEntries: 100, maxBytes: 4 * MB });
    cache.put('a', 1, engine(1.4 * MB));
    cache.put('b', 1, engine(1.4 * MB));
    expect(cache.usage).toEqual({ entries: 2, bytes: 2.8 * MB });
    cache.put('c', 1, engine(1.4 * MB));
    expect(cache.peekVersion('a')).toBeUndefined();
    expect(cache.peekVersion('b')).toBe(1);
    expect(cache.peekVersion('c')).toBe(1);
    expect(cache.usage.bytes).toBeLessThanOrEqual(4 * MB);
  });

  it('counts a taken engine as used most recently when it comes back', () => {
    const cache = new EngineCache({ maxEntries: 100, maxBytes: 3 * MB });
    cache.put('a', 1, engine(MB));
    cache.put('b', 1, engine(MB));
    const taken = cache.take('a')!;
    expect(cache.usage.entries).toBe(1);
    cache.put('a', 2, taken.engine);
    cache.put('c', 1, engine(1.5 * MB));
    expect(cache.peekVersion('b')).toBeUndefined();
    expect(cache.peekVersion('a')).toBe(2);
  });

  it('still bounds the count, and by count alone when no megabytes are given', () => {
    const bounded = new EngineCache({ maxEntries: 2, maxBytes: 100 * MB });
    for (const id of ['a', 'b', 'c']) bounded.put(id, 1, engine(MB));
    expect(bounded.usage.entries).toBe(2);
    const countOnly = new EngineCache({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c']) countOnly.put(id, 1, engine(500 * MB));
    expect(countOnly.usage).toEqual({ entries: 3, bytes: 0 });
    expect(new EngineCache(2).usage.entries).toBe(0);
  });

  it('keeps nothing with a budget of 0 megabytes or 0 engines (not 500 engines a heap cannot hold)', () => {
    const noBytes = new EngineCache({ maxEntries: 500, maxBytes: 0 });
    const noEntries = new EngineCache({ maxEntries: 0, maxBytes: 64 * MB });
    for (const cache of [noBytes, noEntries]) {
      for (const id of ['a', 'b', 'c']) cache.put(id, 1, engine(MB));
      expect(cache.keepsEngines).toBe(false);
      expect(cache.usage).toEqual({ entries: 0, bytes: 0 });
      expect(cache.take('a')).toBeUndefined();
    }
  });

  it('keeps no engine larger than its whole budget, and forgets the older engine of that case', () => {
    const cache = new EngineCache({ maxEntries: 100, maxBytes: 2 * MB });
    cache.put('a', 1, engine(MB));
    cache.put('a', 2, engine(3 * MB));
    // version 1 is behind what was just committed: it must never be found again
    expect(cache.peekVersion('a')).toBeUndefined();
    expect(cache.take('a')).toBeUndefined();
  });

  it('keeps the snapshot of a case whose engine the budget pushed out, and hands it out without the engine', () => {
    const cache = new EngineCache<Snapshot>({ maxEntries: 100, maxBytes: 2 * MB, maxSnapshots: 10 });
    cache.put('a', 4, engine(1.5 * MB), snapshot('a', 4));
    cache.put('b', 1, engine(1.5 * MB), snapshot('b', 1));
    expect(cache.usage.entries).toBe(1);
    expect(cache.snapshotCount).toBe(1);
    // the engine is gone: a locked command must read the state (no engine version to match)
    expect(cache.peekVersion('a')).toBeUndefined();
    const taken = cache.take('a')!;
    expect(taken.engine).toBeUndefined();
    expect(taken).toMatchObject({ version: 4, snapshot: { row: { id: 'a', version: 4 } } });
    expect(cache.take('a')).toBeUndefined();
  });

  it('keeps a command without the engine as its snapshot alone, dropping the engine of an older version', () => {
    const cache = new EngineCache<Snapshot>({ maxEntries: 100, maxBytes: 10 * MB, maxSnapshots: 10 });
    cache.put('a', 1, engine(MB), snapshot('a', 1));
    cache.put('a', 2, undefined, snapshot('a', 2));
    expect(cache.usage.entries).toBe(0);
    const a = cache.take('a')!;
    expect([a.version, a.engine]).toEqual([2, undefined]);
    // an older snapshot arriving late never replaces a newer engine, nor a newer snapshot
    cache.put('b', 3, engine(MB), snapshot('b', 3));
    cache.put('b', 2, undefined, snapshot('b', 2));
    expect(cache.peekVersion('b')).toBe(3);
    cache.put('c', 5, undefined, snapshot('c', 5));
    cache.put('c', 4, engine(MB), snapshot('c', 4));
    const c = cache.take('c')!;
    expect([c.version, c.engine]).toEqual([5, undefined]);
  });

  it('bounds the snapshots by count, least recently used first, and keeps none without a budget', () => {
    const cache = new EngineCache<Snapshot>({ maxEntries: 100, maxBytes: 10 * MB, maxSnapshots: 2 });
    for (const id of ['a', 'b', 'c']) cache.put(id, 1, undefined, snapshot(id, 1));
    expect(cache.snapshotCount).toBe(2);
    expect(cache.take('a')).toBeUndefined();
    const none = new EngineCache<Snapshot>({ maxEntries: 0, maxBytes: 10 * MB, maxSnapshots: 100 });
    none.put('a', 1, undefined, snapshot('a', 1));
    expect(none.take('a')).toBeUndefined();
  });

  it('never replaces a newer engine of a case by an older one', () => {
    const cache = new EngineCache({ maxEntries: 100, maxBytes: 10 * MB });
    const newer = engine(MB);
    cache.put('a', 3, newer);
    cache.put('a', 2, engine(MB));
    expect(cache.take('a')).toMatchObject({ version: 3, engine: newer });
  });
});
