/**
 * The hash chain, recomputed here independently of the database that wrote it: SHA-256 of the
 * content, and of `seq|kind|sourceKey|caseId|contentHash|prevHash` for the entry. Must match
 * `ledger_append()` in migration 011_ledger.sql byte for byte.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH, type LedgerEntry } from './ledger-store.ts';

export type BreakReason = 'sequence-gap' | 'chain-broken' | 'entry-altered' | 'source-missing' | 'content-changed';

export interface LedgerBreak {
  seq: number;
  kind: LedgerEntry['kind'];
  sourceKey: string;
  caseId: string;
  reason: BreakReason;
  detail: string;
  /** For `content-changed`: each field whose current value differs from the ledgered one. */
  changedFields?: Array<{ field: string; recorded: unknown; current: unknown }>;
}

/** The link the chain is at: the last entry checked (or the genesis). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const GENESIS: ChainHead = { seq: 0, hash: GENESIS_HASH };

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash an entry must carry, from its own fields and the previous entry's hash. */
export function entryHashOf(e: Pick<LedgerEntry, 'seq' | 'kind' | 'sourceKey' | 'caseId' | 'contentHash' | 'prevHash'>): string {
  return sha256([e.seq, e.kind, e.sourceKey, e.caseId, e.contentHash, e.prevHash].join('|'));
}

/** Check one entry against the link before it; undefined when it holds. */
export function checkEntry(entry: LedgerEntry, previous: ChainHead): LedgerBreak | undefined {
  const at = { seq: entry.seq, kind: entry.kind, sourceKey: entry.sourceKey, caseId: entry.caseId };
  // (1) no entry removed, (2) linked to the one before, (3) the entry itself unchanged, (4) its source unchanged.
  if (entry.seq !== previous.seq + 1) return { ...at, reason: 'sequence-gap', detail: `entries ${previous.seq + 1}…${entry.seq - 1} are missing` };
  if (entry.prevHash !== previous.hash) return { ...at, reason: 'chain-broken', detail: `previous hash ${entry.prevHash} ≠ ${previous.hash} of entry ${previous.seq}` };
  if (sha256(entry.content) !== entry.contentHash || entryHashOf(entry) !== entry.entryHash) {
    return { ...at, reason: 'entry-altered', detail: 'the ledger entry no longer matches its own hashes' };
  }
  if (entry.current === null) return { ...at, reason: 'source-missing', detail: `${entry.sourceKey} no longer exists` };
  if (entry.current !== entry.content) {
    return { ...at, reason: 'content-changed', detail: `${entry.sourceKey} differs from what was ledgered`, changedFields: changedFields(entry.content, entry.current) };
  }
  return undefined;
}

function changedFields(recorded: string, current: string): NonNullable<LedgerBreak['changedFields']> {
  const before = JSON.parse(recorded) as Record<string, unknown>;
  const now = JSON.parse(current) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(now)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(now[field]))
    .map((field) => ({ field, recorded: before[field] ?? null, current: now[field] ?? null }));
}
