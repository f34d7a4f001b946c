import { describe, expect, it } from 'vitest';
import { anchorHashOf, checkAnchor, checkEntry, entryHashOf, GENESIS, previousLink, sha256 } from '../../../engine/ledger/ledger-chain.ts';
import type { LedgerAnchor, LedgerEntry } from '../../../engine/ledger/ledger-store.ts';

const CASE = '5b0c6a1e-0000-4000-8000-000000000001';

/** A well-formed pre-040 global chain of opinions, hashed as the database trigger did. */
function chain(contents: string[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let prevHash = GENESIS.hash;
  contents.forEach((content, i) => {
    const base = { seq: i + 1, kind: 'opinion' as const, sourceKey: `opinion:${i + 1}`, caseId: CASE, contentHash: sha256(content), prevHash };
    const entry = { ...base, caseSeq: null, previous: null, content, current: content, entryHash: entryHashOf(base) };
    entries.push(entry);
    prevHash = entry.entryHash;
  });
  return entries;
}

/** One case's chain, its entries interleaved (global seq 10, 20, …) with other cases' as the trigger of 040 writes them. */
function caseChain(caseId: string, contents: string[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  contents.forEach((content, i) => {
    const previous = entries.at(-1);
    const prevHash = previous?.entryHash ?? GENESIS.hash;
    const base = { kind: 'opinion' as const, sourceKey: `opinion:${caseId}-${i}`, caseId, contentHash: sha256(content), prevHash };
    entries.push({
      ...base, seq: (i + 1) * 10, caseSeq: i + 1, content, current: content, entryHash: entryHashOf({ ...base, seq: i + 1 }),
      previous: previous ? { seq: previous.caseSeq!, hash: previous.entryHash } : null,
    });
  });
  return entries;
}

function firstBreak(entries: LedgerEntry[]) {
  let head = GENESIS;
  for (const entry of entries) {
    const broken = checkEntry(entry, previousLink(entry, head));
    if (broken) return broken;
    if (entry.caseSeq === null) head = { seq: entry.seq, hash: entry.entryHash };
  }
  return undefined;
}

function anchorOver(entryHashes: string[], previous = GENESIS): LedgerAnchor {
  const base = { seq: previous.seq + 1, xidFrom: '0', xidTo: '1234', entries: entryHashes.length, entriesHash: sha256(entryHashes.join('')), prevHash: previous.hash };
  return { ...base, anchorHash: anchorHashOf(base) };
}

const OPINIONS = ['{"decision": "approve"}', '{"decision": "reject", "reasons": ["不符合条件"]}', '{"decision": "approve"}'];

describe('the ledger hash chain', () => {
  it('hashes the genesis link as 64 zeros and accepts an intact chain', () => {
    expect(GENESIS).toEqual({ seq: 0, hash: '0'.repeat(64) });
    expect(firstBreak(chain(OPINIONS))).toBeUndefined();
  });

  it('reports a changed source row with the fields that differ', () => {
    const entries = chain(OPINIONS);
    entries[1]!.current = '{"decision": "approve", "reasons": []}';
    expect(firstBreak(entries)).toMatchObject({
      seq: 2, reason: 'content-changed',
      changedFields: [{ field: 'decision', recorded: 'reject', current: 'approve' }, { field: 'reasons', recorded: ['不符合条件'], current: [] }],
    });
  });

  it('reports an entry whose stored content was rewritten without its hashes', () => {
    const entries = chain(OPINIONS);
    entries[1]!.content = entries[1]!.current = '{"decision": "approve"}';
    expect(firstBreak(entries)).toMatchObject({ seq: 2, reason: 'entry-altered' });
  });

  it('reports the next link when an entry was rewritten with fresh hashes', () => {
    const entries = chain(OPINIONS);
    const forged = { ...entries[1]!, content: '{"decision": "approve"}', current: '{"decision": "approve"}', contentHash: sha256('{"decision": "approve"}') };
    entries[1] = { ...forged, entryHash: entryHashOf(forged) };
    expect(firstBreak(entries)).toMatchObject({ seq: 3, reason: 'chain-broken' });
  });

  it('reports a removed entry as a gap, and a removed source row as missing', () => {
    const entries = chain(OPINIONS);
    expect(firstBreak([entries[0]!, entries[2]!])).toMatchObject({ seq: 3, reason: 'sequence-gap', detail: 'entries 2…2 of the ledger are missing' });
    entries[0]!.current = null;
    expect(firstBreak(entries)).toMatchObject({ seq: 1, reason: 'source-missing' });
  });

  it('checks a case chain link by link, each entry against the one before it in its case', () => {
    const entries = caseChain(CASE, OPINIONS);
    expect(firstBreak(entries)).toBeUndefined();
    // the middle entry rewritten with fresh hashes: the next entry of the same case no longer links to it
    const forgedContent = '{"decision": "approve"}';
    const forged = { ...entries[1]!, content: forgedContent, current: forgedContent, contentHash: sha256(forgedContent) };
    forged.entryHash = entryHashOf({ ...forged, seq: 2 });
    const tampered = [entries[0]!, forged, { ...entries[2]!, previous: { seq: 2, hash: forged.entryHash } }];
    expect(firstBreak(tampered)).toMatchObject({ seq: 30, reason: 'chain-broken' });
    // the first entry of a case removed: its second entry no longer starts the chain
    expect(firstBreak([{ ...entries[1]!, previous: null }])).toMatchObject({ seq: 20, reason: 'sequence-gap' });
  });

  it('accepts an intact anchor and reports one whose covered entries changed, or that no longer links', () => {
    const hashes = caseChain(CASE, OPINIONS).map((e) => e.entryHash);
    const anchor = anchorOver(hashes);
    expect(checkAnchor(anchor, GENESIS, { entries: 3, entriesHash: sha256(hashes.join('')) })).toBeUndefined();
    // the case's last entry removed (its chain cut short at the tail): only the anchor notices
    expect(checkAnchor(anchor, GENESIS, { entries: 2, entriesHash: sha256(hashes.slice(0, 2).join('')) }))
      .toMatchObject({ seq: 1, kind: 'anchor', reason: 'anchor-mismatch' });
    const second = anchorOver(['f'.repeat(64)], { seq: 1, hash: anchor.anchorHash });
    expect(checkAnchor(second, { seq: 1, hash: 'e'.repeat(64) }, { entries: 1, entriesHash: second.entriesHash }))
      .toMatchObject({ seq: 2, reason: 'chain-broken' });
    expect(checkAnchor({ ...second, entries: 2 }, { seq: 1, hash: anchor.anchorHash }, { entries: 2, entriesHash: second.entriesHash }))
      .toMatchObject({ seq: 2, reason: 'entry-altered' });
  });
});
