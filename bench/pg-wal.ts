/**
 * What PostgreSQL wrote during one phase, read from its WAL (pg_walinspect): records and bytes by
 * kind. CPU time on this machine moves by a fifth from one run to the next; how many index
 * entries, row versions and row locks an opinion costs does not, and each of them is work for
 * PostgreSQL's CPU. Reading the counts costs nothing during the phase (two positions in the WAL).
 */
import type { Pool } from '../engine/adapters/postgres/pool.ts';
import { round } from './stats.ts';

export interface WalKind {
  /** resource manager / record type, e.g. `Btree/INSERT_LEAF`, `Heap/HOT_UPDATE`. */
  kind: string;
  records: number;
  /** The records' own bytes, and the full-page images they carried (a page's first change after a checkpoint). */
  bytes: number;
  fullPageBytes: number;
}

export interface WalWrites {
  records: number;
  bytes: number;
  fullPageBytes: number;
  byKind: WalKind[];
}

/** A phase's WAL per unit of work (an opinion), in the terms PostgreSQL's CPU pays for. */
export interface WalPerUnit {
  records: number;
  bytes: number;
  fullPageBytes: number;
  /** New index entries (B-tree leaf inserts). */
  indexEntries: number;
  /** Row locks written: a command's NOWAIT lock on its case and the foreign-key checks' locks. */
  rowLocks: number;
  rowsInserted: number;
  rowsUpdated: number;
  /** Of the updated rows, those rewritten on their own page with no new index entry (HOT). */
  updatedInPlace: number;
  commits: number;
}

export class WalMeter {
  private from: string | undefined;

  constructor(private readonly pool: Pool) {}

  /** Remember where the WAL is now. */
  async start(): Promise<void> {
    await this.pool.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    this.from = (await this.pool.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
  }

  /**
   * What was written since `start` (up to what is flushed: every acknowledged commit); undefined
   * when that WAL is gone already (a checkpoint during a long phase may recycle its segments):
   * the count is an aside, never worth a run.
   */
  async stop(): Promise<WalWrites | undefined> {
    if (this.from === undefined) throw new Error('WalMeter.stop() before start()');
    const result = await this.pool.query<{ kind: string; records: string; bytes: string; fpi: string }>(
      `SELECT "resource_manager/record_type" AS kind, count AS records, record_size AS bytes, fpi_size AS fpi
         FROM pg_get_wal_stats($1::pg_lsn, pg_current_wal_flush_lsn(), true) WHERE count > 0 ORDER BY count DESC`, [this.from])
      .catch((error: { code?: string; message?: string }) => {
        // Only a recycled segment (ENOENT: 58P01) is let pass; anything else (no extension, no right) is a fault to see.
        if (error.code === '58P01' || /already been removed/.test(error.message ?? '')) return undefined;
        throw error;
      });
    if (!result) return undefined;
    const { rows } = result;
    const byKind = rows.map((r) => ({ kind: r.kind, records: Number(r.records), bytes: Number(r.bytes), fullPageBytes: Number(r.fpi) }));
    const sum = (field: 'records' | 'bytes' | 'fullPageBytes') => byKind.reduce((n, k) => n + k[field], 0);
    return { records: sum('records'), bytes: sum('bytes'), fullPageBytes: sum('fullPageBytes'), byKind };
  }
}

/** `writes` divided among `units` (opinions), by what the records did. */
export function walPerUnit(writes: WalWrites, units: number): WalPerUnit {
  const n = Math.max(1, units);
  const of = (pattern: RegExp) => writes.byKind.filter((k) => pattern.test(k.kind)).reduce((sum, k) => sum + k.records, 0);
  const per = (count: number) => round(count / n, 2);
  return {
    records: per(writes.records),
    bytes: Math.round(writes.bytes / n),
    fullPageBytes: Math.round(writes.fullPageBytes / n),
    indexEntries: per(of(/^Btree\/INSERT_(LEAF|POST)$/)),
    rowLocks: per(of(/^Heap\/LOCK$/)),
    rowsInserted: per(of(/^Heap\/INSERT(\+INIT)?$/)),
    rowsUpdated: per(of(/^Heap\/(HOT_)?UPDATE(\+INIT)?$/)),
    updatedInPlace: per(of(/^Heap\/HOT_UPDATE(\+INIT)?$/)),
    commits: per(of(/^Transaction\/COMMIT/)),
  };
}
