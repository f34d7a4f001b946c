import { describe, expect, it } from 'vitest';
import { walPerUnit } from '../../../bench/pg-wal.ts';

describe('walPerUnit', () => {
  it('divides the WAL among the opinions by what its records did', () => {
    const perOpinion = walPerUnit({
      records: 400, bytes: 40_000, fullPageBytes: 81_920,
      byKind: [
        { kind: 'Btree/INSERT_LEAF', records: 130, bytes: 10_000, fullPageBytes: 81_920 },
        { kind: 'Btree/INSERT_POST', records: 10, bytes: 800, fullPageBytes: 0 },
        { kind: 'Btree/INSERT_UPPER', records: 2, bytes: 200, fullPageBytes: 0 }, // a page split's parent entry, not a row's
        { kind: 'Heap/LOCK', records: 50, bytes: 2_700, fullPageBytes: 0 },
        { kind: 'Heap/INSERT', records: 28, bytes: 10_000, fullPageBytes: 0 },
        { kind: 'Heap/INSERT+INIT', records: 2, bytes: 800, fullPageBytes: 0 },
        { kind: 'Heap/UPDATE', records: 30, bytes: 3_700, fullPageBytes: 0 },
        { kind: 'Heap/HOT_UPDATE', records: 10, bytes: 3_000, fullPageBytes: 0 },
        { kind: 'Heap2/PRUNE_ON_ACCESS', records: 128, bytes: 8_000, fullPageBytes: 0 },
        { kind: 'Transaction/COMMIT', records: 10, bytes: 800, fullPageBytes: 0 },
      ],
    }, 10);
    expect(perOpinion).toEqual({
      records: 40, bytes: 4_000, fullPageBytes: 8_192, indexEntries: 14, rowLocks: 5, rowsInserted: 3, rowsUpdated: 4, updatedInPlace: 1, commits: 1,
    });
  });
});
