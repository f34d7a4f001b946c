/**
 * The hash chains, recomputed here independently of the database that wrote them: SHA-256 of
 * the content, and of `seq|kind|sourceKey|caseId|contentHash|prevHash` for the entry, where seq
 * is the entry's position in its case's chain (or, before migration 040, in the global chain);
 * anchors hash `seq|xidFrom|xidTo|entries|entriesHash|prevHash`. Must match `ledger_append()`
 * and `ledger_anchor()` (migrations 011 and 040) byte for byte.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH, type ChainLink, type LedgerAnchor, type LedgerEntry } from './ledger-store.ts';

export type BreakReason = 'sequence-gap' | 'chain-broken' | 'entry-altered' | 'source-missing' | 'content-changed' | 'anchor-mismatch';

export interface LedgerBreak {
  /** The entry's global seq (or the anchor's seq, for `anchor-mismatch`). */
  seq: number;
  kind: LedgerEntry['kind'] | 'anchor';
  sourceKey: string;
  /** Null for an anchor. */
  caseId: string | null;
  reason: BreakReason;
  detail: string;
  /** For `content-changed`: each field whose current value differs from the ledgered one. */
  changedFields?: Array<{ field: string; recorded: unknown; current: unknown }>;
}

/** The link a chain is at: the last link checked (or the genesis). */
export type ChainHead = ChainLink;

export const GENESIS: ChainHead = { seq: 0, hash: GENESIS_HASH };

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash an entry must carry, from its own fields and the previous link's hash (`seq`: its position in its chain). */
export function entryHashOf(e: Pick<LedgerEntry, 'seq' | 'kind' | 'sourceKey' | 'caseId' | 'contentHash' | 'prevHash'>): string {
  return sha256([e.seq, e.kind, e.sourceKey, e.caseId, e.contentHash, e.prevHash].join('|'));
}

/** The link before an entry in its own chain: the stored previous entry of its case, or `legacyHead` for a pre-040 entry. */
export function previousLink(entry: LedgerEntry, legacyHead: ChainHead): ChainHead {
  if (entry.caseSeq === null) return legacyHead;
  return entry.previous ?? GENESIS;
}

/** Check one entry against the link before it in its chain; undefined when it holds. */
export function checkEntry(entry: LedgerEntry, previous: ChainHead): LedgerBreak | undefined {
  const at = { seq: entry.seq, kind: entry.kind, sourceKey: entry.sourceKey, caseId: entry.caseId };
  const position = entry.caseSeq ?? entry.seq;
  const chain = entry.caseSeq === null ? 'the ledger' : `case ${entry.caseId}`;
  // (1) no entry removed, (2) linked to the one before, (3) the entry itself unchanged, (4) its source unchanged.
  if (position !== previous.seq + 1) return { ...at, reason: 'sequence-gap', detail: `entries ${previous.seq + 1}…${position - 1} of ${chain} are missing` };
  if (entry.prevHash !== previous.hash) return { ...at, reason: 'chain-broken', detail: `previous hash ${entry.prevHash} ≠ ${previous.hash} of entry ${previous.seq} of ${chain}` };
  if (sha256(entry.content) !== entry.contentHash || entryHashOf({ ...entry, seq: position }) !== entry.entryHash) {
    return { ...at, reason: 'entry-altered', detail: 'the ledger entry no longer matches its own hashes' };
  }
  if (entry.current === null) return { ...at, reason: 'source-missing', detail: `${entry.sourceKey} no longer exists` };
  if (entry.current !== entry.content) {
    return { ...at, reason: 'content-changed', detail: `${entry.sourceKey} differs from what was ledgered`, changedFields: changedFields(entry.content, entry.current) };
  }
  return undefined;
}

/** The hash an anchor must carry. */
export function anchorHashOf(a: Pick<LedgerAnchor, 'seq' | 'xidFrom' | 'xidTo' | 'entries' | 'entriesHash' | 'prevHash'>): string {
  return sha256([a.seq, a.xidFrom, a.xidTo, a.entries, a.entriesHash, a.prevHash].join('|'));
}

/**
 * Check an anchor against the anchor before it and what it covers now (the count and the
 * SHA-256 of the covered entry hashes in seq order, recomputed by the caller).
 */
export function checkAnchor(anchor: LedgerAnchor, previous: ChainHead, covered: { entries: number; entriesHash: string }): LedgerBreak | undefined {
  const at = { seq: anchor.seq, kind: 'anchor' as const, sourceKey: `anchor:${anchor.seq}`, caseId: null };
  if (anchor.seq !== previous.seq + 1) return { ...at, reason: 'sequence-gap', detail: `anchors ${previous.seq + 1}…${anchor.seq - 1} are missing` };
  if (anchor.prevHash !== previous.hash) return { ...at, reason: 'chain-broken', detail: `previous hash ${anchor.prevHash} ≠ ${previous.hash} of anchor ${previous.seq}` };
  if (anchorHashOf(anchor) !== anchor.anchorHash) return { ...at, reason: 'entry-altered', detail: 'the anchor no longer matches its own hash' };
  if (covered.entries !== anchor.entries || covered.entriesHash !== anchor.entriesHash) {
    return {
      ...at, reason: 'anchor-mismatch',
      detail: `the entries anchored (${anchor.entries}) are not those stored now (${covered.entries}): an entry was removed, added or rewritten`,
    };
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
