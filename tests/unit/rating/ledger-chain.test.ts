import { describe, expect, it } from 'vitest';
import { checkEntry, entryHashOf, GENESIS, sha256 } from '../../../engine/ledger/ledger-chain.ts';
import type { LedgerEntry } from '../../../engine/ledger/ledger-store.ts';

const CASE = '5b0c6a1e-0000-4000-8000-000000000001';

/** A well-formed chain of opinions, hashed as the database trigger does. */
function chain(contents: string[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let prevHash = GENESIS.hash;
  contents.forEach((content, i) => {
    const base = { seq: i + 1, kind: 'opinion' as const, sourceKey: `opinion:${i + 1}`, caseId: CASE, contentHash: sha256(content), prevHash };
    const entry = { ...base, content, current: content, entryHash: entryHashOf(base) };
    entries.push(entry);
    prevHash = entry.entryHash;
  });
  return entries;
}

function firstBreak(entries: LedgerEntry[]) {
  let head = GENESIS;
  for (const entry of entries) {
    const broken = checkEntry(entry, head);
    if (broken) return broken;
    head = { seq: entry.seq, hash: entry.entryHash };
  }
  return undefined;
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
    expect(firstBreak([entries[0]!, entries[2]!])).toMatchObject({ seq: 3, reason: 'sequence-gap', detail: 'entries 2…2 are missing' });
    entries[0]!.current = null;
    expect(firstBreak(entries)).toMatchObject({ seq: 1, reason: 'source-missing' });
  });
});
