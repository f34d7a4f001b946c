/**
 * A bounded LRU of live engines keyed by case id and guarded by the case row version: an entry
 * is used only when its version equals the locked row's (or, unlocked, when the write it leads
 * to finds the row still at that version), so a stale engine is never trusted. A command takes
 * the entry out while it runs: one engine is never used by two commands at once.
 *
 * Bounded by count and by memory: a live engine holds ~1.3 MB of heap (engine-footprint.ts),
 * so the node's memory, not a number of cases, is what has to stay within bounds; the least
 * recently used engines go first and their cases are rebuilt from the stored state when next used.
 * A case whose engine goes keeps its snapshot (row, open tasks: a few KB) in a second, longer
 * LRU: most commands of a joint review (签收, every opinion but the round's last) need no
 * engine, and with the snapshot they run unlocked in one flight instead of locking and reading
 * the case first.
 */
import { LRUCache } from 'lru-cache';
import type { CachedCase } from '../store/case-store.ts';
import type { LiveEngine } from './live-engine.ts';

export interface CacheEntry<S extends CachedCase = CachedCase> {
  version: number;
  /** Absent when only the snapshot is kept (the engine is rebuilt from the stored state if needed). */
  engine?: LiveEngine;
  /** The case row and open tasks as committed with this version (absent: engine only). */
  snapshot?: S;
}

export interface EngineCacheLimits {
  /** Most engines kept (0: none). */
  maxEntries: number;
  /** Most bytes kept, by each engine's estimated footprint (0: none; absent: the count alone bounds it). */
  maxBytes?: number;
  /** Most cases kept by their snapshot alone once their engine is let go (default none). */
  maxSnapshots?: number;
}

export class EngineCache<S extends CachedCase = CachedCase> {
  private readonly lru: LRUCache<string, CacheEntry<S>>;
  private readonly snapshots: LRUCache<string, CacheEntry<S>> | undefined;
  private readonly maxBytes: number | undefined;
  /**
   * False for a budget of 0 entries or 0 bytes: nothing is kept. A zero byte budget once meant
   * "count alone", and an operator's LIANSHEN_ENGINE_CACHE_MB=0 then kept up to 500 engines
   * (~700 MB) in a heap capped at 320 MB: the node ran out of memory.
   */
  readonly keepsEngines: boolean;

  constructor(limits: number | EngineCacheLimits) {
    const { maxEntries, maxBytes, maxSnapshots = 0 } = typeof limits === 'number' ? { maxEntries: limits } : limits;
    this.keepsEngines = maxEntries > 0 && maxBytes !== 0;
    const bySize = maxBytes !== undefined && maxBytes > 0;
    this.maxBytes = bySize ? maxBytes : undefined;
    const snapshots = this.keepsEngines && maxSnapshots > 0 ? new LRUCache<string, CacheEntry<S>>({ max: maxSnapshots }) : undefined;
    this.snapshots = snapshots;
    this.lru = new LRUCache<string, CacheEntry<S>>({
      max: Math.max(1, maxEntries),
      ...(bySize ? { maxSize: maxBytes, sizeCalculation: (entry: CacheEntry<S>) => Math.max(1, entry.engine?.footprint() ?? 1) } : {}),
      // An engine pushed out by the budget leaves its snapshot behind (taken or replaced entries do not).
      dispose: (entry, caseId, reason) => {
        if (reason === 'evict' && entry.snapshot) snapshots?.set(caseId, { version: entry.version, snapshot: entry.snapshot });
      },
    });
  }

  /** Cases kept by their snapshot alone. */
  get snapshotCount(): number {
    return this.snapshots?.size ?? 0;
  }

  /** Engines kept and their estimated bytes (0 when bounded by count alone). */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize ?? 0 };
  }

  /** The version of the cached engine (not of a snapshot kept alone), without touching recency. */
  peekVersion(caseId: string): number | undefined {
    return this.lru.peek(caseId)?.version;
  }

  /**
   * Keep a case as of `version` — its engine if it has one, else its snapshot alone — unless a
   * newer version is kept already (commands can finish out of order). Whatever older was kept of
   * the case is dropped: it could only ever be stale. An engine larger than the whole budget is
   * not kept (its snapshot is).
   */
  put(caseId: string, version: number, engine: LiveEngine | undefined, snapshot?: S): void {
    if (!this.keepsEngines) return;
    const kept = this.lru.peek(caseId) ?? this.snapshots?.peek(caseId);
    if (kept && kept.version > version) return;
    this.evict(caseId);
    if (engine && (this.maxBytes === undefined || engine.footprint() <= this.maxBytes)) this.lru.set(caseId, { version, engine, snapshot });
    else if (snapshot) this.snapshots?.set(caseId, { version, snapshot });
  }

  /** Remove and return a case's entry: its engine then belongs to one command only. */
  take(caseId: string): CacheEntry<S> | undefined {
    for (const tier of [this.lru, this.snapshots]) {
      const entry = tier?.get(caseId);
      if (entry) {
        tier!.delete(caseId);
        return entry;
      }
    }
    return undefined;
  }

  /** Forget a case (after a failed command the live engine may be ahead of the database). */
  evict(caseId: string): void {
    this.lru.delete(caseId);
    this.snapshots?.delete(caseId);
  }
}
