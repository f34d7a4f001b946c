/**
 * A bounded LRU of live engines keyed by case id and guarded by the case row version: an entry
 * is used only when its version equals the locked row's (or, unlocked, when the write it leads
 * to finds the row still at that version), so a stale engine is never trusted. A command takes
 * the entry out while it runs: one engine is never used by two commands at once.
 *
 * Bounded by count and by memory: a live engine holds ~1.3 MB of heap (engine-footprint.ts),
 * so the node's memory, not a number of cases, is what has to stay within bounds; the least
 * recently used engines go first and their cases are rebuilt from the stored state when next used.
 */
import { LRUCache } from 'lru-cache';
import type { CachedCase } from '../store/case-store.ts';
import type { LiveEngine } from './live-engine.ts';

export interface CacheEntry<S extends CachedCase = CachedCase> {
  version: number;
  engine: LiveEngine;
  /** The case row and open tasks as committed with this version (absent: engine only). */
  snapshot?: S;
}

export interface EngineCacheLimits {
  /** Most engines kept (0: none). */
  maxEntries: number;
  /** Most bytes kept, by each engine's estimated footprint (0: none; absent: the count alone bounds it). */
  maxBytes?: number;
}

export class EngineCache<S extends CachedCase = CachedCase> {
  private readonly lru: LRUCache<string, CacheEntry<S>>;
  /**
   * False for a budget of 0 entries or 0 bytes: nothing is kept. A zero byte budget once meant
   * "count alone", and an operator's LIANSHEN_ENGINE_CACHE_MB=0 then kept up to 500 engines
   * (~700 MB) in a heap capped at 320 MB: the node ran out of memory.
   */
  readonly keepsEngines: boolean;

  constructor(limits: number | EngineCacheLimits) {
    const { maxEntries, maxBytes } = typeof limits === 'number' ? { maxEntries: limits, maxBytes: undefined } : limits;
    this.keepsEngines = maxEntries > 0 && maxBytes !== 0;
    const bySize = maxBytes !== undefined && maxBytes > 0;
    this.lru = new LRUCache<string, CacheEntry<S>>({
      max: Math.max(1, maxEntries),
      ...(bySize ? { maxSize: maxBytes, sizeCalculation: (entry: CacheEntry<S>) => Math.max(1, entry.engine.footprint()) } : {}),
    });
  }

  /** Engines kept and their estimated bytes (0 when bounded by count alone). */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize ?? 0 };
  }

  /** The version of the cached engine, without touching recency. */
  peekVersion(caseId: string): number | undefined {
    return this.lru.peek(caseId)?.version;
  }

  /**
   * Keep a case's engine as of `version`, unless a newer one is kept already (commands can finish
   * out of order). An engine larger than the whole budget is not kept, and an older one of the
   * case is dropped: it could only ever be stale.
   */
  put(caseId: string, version: number, engine: LiveEngine, snapshot?: S): void {
    if (!this.keepsEngines) return;
    const kept = this.lru.peek(caseId);
    if (kept && kept.version > version) return;
    this.lru.set(caseId, { version, engine, snapshot });
  }

  /** Remove and return a case's entry: its engine then belongs to one command only. */
  take(caseId: string): CacheEntry<S> | undefined {
    const entry = this.lru.get(caseId);
    if (entry) this.lru.delete(caseId);
    return entry;
  }

  /** Forget a case (after a failed command the live engine may be ahead of the database). */
  evict(caseId: string): void {
    this.lru.delete(caseId);
  }
}
