/**
 * Walk the whole ledger in chain order, page by page, recomputing every hash; stop at the first
 * broken link. Also lists opinions and ratings that never entered the ledger.
 */
import { checkEntry, GENESIS, type ChainHead, type LedgerBreak } from './ledger-chain.ts';
import type { LedgerKind, LedgerStore } from './ledger-store.ts';

export interface LedgerVerification {
  ok: boolean;
  /** Entries checked (up to and including a broken one). */
  checked: number;
  /** The last intact link: publish or note it to make truncation of the tail evident too. */
  head: ChainHead;
  firstBroken: LedgerBreak | null;
  /** Records without an entry (at most 100 listed). */
  unledgered: Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>;
}

const PAGE = 1000;

/** Recompute the chain from its first entry. */
export async function verifyLedger(store: LedgerStore): Promise<LedgerVerification> {
  let head: ChainHead = GENESIS;
  let checked = 0;
  for (;;) {
    const page = await store.entriesAfter(head.seq, PAGE);
    for (const entry of page) {
      checked += 1;
      const broken = checkEntry(entry, head);
      if (broken) return { ok: false, checked, head, firstBroken: broken, unledgered: await store.unledgered(100) };
      head = { seq: entry.seq, hash: entry.entryHash };
    }
    if (page.length < PAGE) break;
  }
  const unledgered = await store.unledgered(100);
  return { ok: unledgered.length === 0, checked, head, firstBroken: null, unledgered };
}
