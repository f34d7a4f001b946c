/**
 * Walk the whole ledger in append order, page by page, recomputing every hash of every case's
 * chain; then walk the anchors, recomputing what each covers. Stops at the first broken link.
 * Also lists opinions and ratings that never entered the ledger.
 */
import { createHash } from 'node:crypto';
import { checkAnchor, checkEntry, GENESIS, previousLink, type ChainHead, type LedgerBreak } from './ledger-chain.ts';
import type { LedgerAnchor, LedgerKind, LedgerStore } from './ledger-store.ts';

export interface LedgerVerification {
  ok: boolean;
  /** Entries checked (up to and including a broken one). */
  checked: number;
  /** Anchors checked. */
  anchors: number;
  /** The last intact anchor: publish or note it to make truncation of the tail evident too. */
  head: ChainHead;
  firstBroken: LedgerBreak | null;
  /** Records without an entry (at most 100 listed). */
  unledgered: Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>;
}

const PAGE = 1000;

/** Recompute the chains from their first entries, then the anchors. */
export async function verifyLedger(store: LedgerStore): Promise<LedgerVerification> {
  let legacyHead: ChainHead = GENESIS;
  let checked = 0;
  let after = 0;
  const fail = async (firstBroken: LedgerBreak, anchors: number, head: ChainHead): Promise<LedgerVerification> =>
    ({ ok: false, checked, anchors, head, firstBroken, unledgered: await store.unledgered(100) });
  for (;;) {
    const page = await store.entriesAfter(after, PAGE);
    for (const entry of page) {
      checked += 1;
      const broken = checkEntry(entry, previousLink(entry, legacyHead));
      if (broken) return fail(broken, 0, GENESIS);
      if (entry.caseSeq === null) legacyHead = { seq: entry.seq, hash: entry.entryHash };
      after = entry.seq;
    }
    if (page.length < PAGE) break;
  }
  let head: ChainHead = GENESIS;
  let anchors = 0;
  for (;;) {
    const page = await store.anchorsAfter(head.seq, PAGE);
    for (const anchor of page) {
      anchors += 1;
      const broken = checkAnchor(anchor, head, await covered(store, anchor));
      if (broken) return fail(broken, anchors, head);
      head = { seq: anchor.seq, hash: anchor.anchorHash };
    }
    if (page.length < PAGE) break;
  }
  const unledgered = await store.unledgered(100);
  return { ok: unledgered.length === 0, checked, anchors, head, firstBroken: null, unledgered };
}

/** What an anchor covers as stored now: the count and the SHA-256 of the entry hashes in seq order. */
async function covered(store: LedgerStore, anchor: LedgerAnchor): Promise<{ entries: number; entriesHash: string }> {
  const digest = createHash('sha256');
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = await store.anchoredHashes(anchor, after, PAGE * 10);
    for (const e of page) {
      digest.update(e.entryHash, 'utf8');
      entries += 1;
      after = e.seq;
    }
    if (page.length < PAGE * 10) break;
  }
  return { entries, entriesHash: digest.digest('hex') };
}
