/**
 * The tamper-evident ledger as the domain reads it. Entries are appended by the database itself
 * (a trigger on every INSERT of an opinion — given or by default — and of a rating), so no code
 * path can store one without the other; see migration 011_ledger.sql.
 */

export type LedgerKind = 'opinion' | 'default-consent' | 'rating';

export interface LedgerEntry {
  seq: number;
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
}

export interface LedgerStore {
  /** Entries after `seq` in chain order, at most `limit`. */
  entriesAfter(seq: number, limit: number): Promise<LedgerEntry[]>;
  /** Opinions and ratings that have no ledger entry (stored while the trigger was off). */
  unledgered(limit: number): Promise<Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>>;
}

/** The hash of the entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);
