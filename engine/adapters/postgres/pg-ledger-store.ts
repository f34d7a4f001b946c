/**
 * LedgerStore on PostgreSQL: pages of `ledger_entries` in append order, each with the canonical
 * content of its source row as it is now (computed by the same SQL functions the append trigger
 * used) and the stored entry before it in its case; the anchors; and the opinions and ratings
 * missing from the ledger.
 */
import type { LedgerAnchor, LedgerEntry, LedgerKind, LedgerStore } from '../../ledger/ledger-store.ts';
import type { Pool } from './pool.ts';

const PAGE_SQL = `
  SELECT l.seq, l.case_seq, l.kind, l.source_key, l.case_id, l.content, l.content_hash, l.prev_hash, l.entry_hash,
         CASE WHEN l.opinion_id IS NOT NULL THEN CASE WHEN o.id IS NULL THEN NULL ELSE ledger_opinion_content(o) END
              ELSE CASE WHEN r.case_id IS NULL THEN NULL ELSE ledger_rating_content(r) END END AS current,
         p.case_seq AS previous_seq, p.entry_hash AS previous_hash
    FROM ledger_entries l
    LEFT JOIN opinions o ON o.id = l.opinion_id
    LEFT JOIN ratings r ON r.case_id = l.rating_case_id
    LEFT JOIN LATERAL (
      SELECT b.case_seq, b.entry_hash FROM ledger_entries b
       WHERE l.case_seq IS NOT NULL AND b.case_id = l.case_id AND b.case_seq IS NOT NULL AND b.case_seq < l.case_seq
       ORDER BY b.case_seq DESC LIMIT 1) p ON true
   WHERE l.seq > $1
   ORDER BY l.seq
   LIMIT $2`;

// By source_key, the ledger's unique key of a source (migration 079: opinion_id and rating_case_id
// have no index of their own).
const UNLEDGERED_SQL = `
  (SELECT CASE WHEN o.basis = 'given' THEN 'opinion' ELSE 'default-consent' END AS kind, 'opinion:' || o.id AS source_key, o.case_id
     FROM opinions o WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.source_key = 'opinion:' || o.id) ORDER BY o.id LIMIT $1)
  UNION ALL
  (SELECT 'rating', 'rating:' || r.case_id, r.case_id
     FROM ratings r WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.source_key = 'rating:' || r.case_id) ORDER BY r.rated_at LIMIT $1)`;

export class PgLedgerStore implements LedgerStore {
  constructor(private readonly pool: Pool) {}

  async entriesAfter(seq: number, limit: number): Promise<LedgerEntry[]> {
    const { rows } = await this.pool.query(PAGE_SQL, [seq, limit]);
    return rows.map((r) => ({
      seq: Number(r.seq), caseSeq: r.case_seq, kind: r.kind, sourceKey: r.source_key, caseId: r.case_id, content: r.content,
      contentHash: r.content_hash, prevHash: r.prev_hash, entryHash: r.entry_hash, current: r.current,
      previous: r.previous_seq === null ? null : { seq: r.previous_seq, hash: r.previous_hash },
    }));
  }

  async unledgered(limit: number): Promise<Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>> {
    const { rows } = await this.pool.query(UNLEDGERED_SQL, [limit]);
    return rows.slice(0, limit).map((r) => ({ kind: r.kind, sourceKey: r.source_key, caseId: r.case_id }));
  }

  async anchor(at: Date): Promise<number | null> {
    const { rows } = await this.pool.query('SELECT ledger_anchor($1) AS seq', [at]);
    return rows[0]?.seq ?? null;
  }

  async anchorsAfter(seq: number, limit: number): Promise<LedgerAnchor[]> {
    const { rows } = await this.pool.query(
      `SELECT seq, xid_from::text, xid_to::text, entries, entries_hash, prev_hash, anchor_hash
         FROM ledger_anchors WHERE seq > $1 ORDER BY seq LIMIT $2`, [seq, limit]);
    return rows.map((r) => ({
      seq: Number(r.seq), xidFrom: r.xid_from, xidTo: r.xid_to, entries: Number(r.entries), entriesHash: r.entries_hash,
      prevHash: r.prev_hash, anchorHash: r.anchor_hash,
    }));
  }

  async anchoredHashes(anchor: LedgerAnchor, afterSeq: number, limit: number): Promise<Array<{ seq: number; entryHash: string }>> {
    const { rows } = await this.pool.query(
      `SELECT seq, entry_hash FROM ledger_entries WHERE xid >= $1::xid8 AND xid < $2::xid8 AND seq > $3 ORDER BY seq LIMIT $4`,
      [anchor.xidFrom, anchor.xidTo, afterSeq, limit]);
    return rows.map((r) => ({ seq: Number(r.seq), entryHash: r.entry_hash }));
  }
}
