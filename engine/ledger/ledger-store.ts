/**
 * The tamper-evident ledger as the domain reads it. Entries are appended by the database itself
 * (a trigger on every INSERT of an opinion — given or by default — and of a rating), so no code
 * path can store one without the other; see migrations 011_ledger.sql and 040.
 *
 * Each case has its own hash chain (appends to different cases never wait for each other), and
 * anchors, taken by the sweep and before every verification, chain all entries together.
 */

export type LedgerKind = 'opinion' | 'default-consent' | 'rating';

/** A link of a chain: its position and hash (an entry's case_seq, or an anchor's seq). */
export interface ChainLink {
  seq: number;
  hash: string;
}

export interface LedgerEntry {
  /** Global order of appends (not hashed: gaps from rolled-back appends are harmless). */
  seq: number;
  /** Position in the case's chain; null for an entry of the pre-040 global chain (linked by `seq`). */
  caseSeq: number | null;
  kind: LedgerKind;
  /** `opinion:<id>` or `rating:<case id>`. */
  sourceKey: string;
  caseId: string;
  /** The canonical JSON of the source row as it was appended (what `contentHash` hashes). */
  content: string;
  contentHash: string;
  prevHash: string;
  entryHash: string;
  /** The canonical JSON of the source row as it is now; null when the row is gone. */
  current: string | null;
  /** For a case-chain entry: the stored entry before it in its case (null for the first one). */
  previous: ChainLink | null;
}

export interface LedgerAnchor {
  seq: number;
  /** Covers the entries written by transactions xidFrom <= xid < xidTo (ids as PostgreSQL prints them). */
  xidFrom: string;
  xidTo: string;
  entries: number;
  entriesHash: string;
  prevHash: string;
  anchorHash: string;
}

export interface LedgerStore {
  /** Entries after `seq` in global order, at most `limit`. */
  entriesAfter(seq: number, limit: number): Promise<LedgerEntry[]>;
  /** Opinions and ratings that have no ledger entry (stored while the trigger was off). */
  unledgered(limit: number): Promise<Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>>;
  /** Anchor every entry of finished transactions not anchored yet; the new anchor's seq, if any. */
  anchor(at: Date): Promise<number | null>;
  /** Anchors after `seq` in order, at most `limit`. */
  anchorsAfter(seq: number, limit: number): Promise<LedgerAnchor[]>;
  /** The entry hashes an anchor covers, in global order, after entry `afterSeq`, at most `limit`. */
  anchoredHashes(anchor: LedgerAnchor, afterSeq: number, limit: number): Promise<Array<{ seq: number; entryHash: string }>>;
}

/** The hash of the entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);
