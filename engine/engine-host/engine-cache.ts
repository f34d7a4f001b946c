/**
 * A bounded LRU of live engines keyed by case id and guarded by the case row version: an entry
 * is used only when its version equals the locked row's, so a stale engine is never trusted.
 */
import { LRUCache } from 'lru-cache';
import type { LiveEngine } from './live-engine.ts';

interface Entry {
  version: number;
  engine: LiveEngine;
}

export class EngineCache {
  private readonly lru: LRUCache<string, Entry>;

  constructor(max: number) {
    this.lru = new LRUCache({ max: Math.max(1, max) });
  }

  /** The live engine for a case if it matches the stored version. */
  get(caseId: string, version: number): LiveEngine | undefined {
    const entry = this.lru.get(caseId);
    return entry && entry.version === version ? entry.engine : undefined;
  }

  /** The version of the cached engine, without touching recency. */
  peekVersion(caseId: string): number | undefined {
    return this.lru.peek(caseId)?.version;
  }

  put(caseId: string, version: number, engine: LiveEngine): void {
    this.lru.set(caseId, { version, engine });
  }

  /** Forget a case (after a failed command the live engine may be ahead of the database). */
  evict(caseId: string): void {
    this.lru.delete(caseId);
  }
}
