/**
 * LedgerStore on PostgreSQL: pages of `ledger_entries` in chain order, each with the canonical
 * content of its source row as it is now (computed by the same SQL functions the append trigger
 * used), and the opinions and ratings missing from the ledger.
 */
import type { LedgerEntry, LedgerKind, LedgerStore } from '../../ledger/ledger-store.ts';
import type { Pool } from './pool.ts';

const PAGE_SQL = `
  SELECT l.seq, l.kind, l.source_key, l.case_id, l.content, l.content_hash, l.prev_hash, l.entry_hash,
         CASE WHEN l.opinion_id IS NOT NULL THEN CASE WHEN o.id IS NULL THEN NULL ELSE ledger_opinion_content(o) END
              ELSE CASE WHEN r.case_id IS NULL THEN NULL ELSE ledger_rating_content(r) END END AS current
    FROM ledger_entries l
    LEFT JOIN opinions o ON o.id = l.opinion_id
    LEFT JOIN ratings r ON r.case_id = l.rating_case_id
   WHERE l.seq > $1
   ORDER BY l.seq
   LIMIT $2`;

const UNLEDGERED_SQL = `
  (SELECT CASE WHEN o.basis = 'given' THEN 'opinion' ELSE 'default-consent' END AS kind, 'opinion:' || o.id AS source_key, o.case_id
     FROM opinions o WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.opinion_id = o.id) ORDER BY o.id LIMIT $1)
  UNION ALL
  (SELECT 'rating', 'rating:' || r.case_id, r.case_id
     FROM ratings r WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.rating_case_id = r.case_id) ORDER BY r.rated_at LIMIT $1)`;

export class PgLedgerStore implements LedgerStore {
  constructor(private readonly pool: Pool) {}

  async entriesAfter(seq: number, limit: number): Promise<LedgerEntry[]> {
    const { rows } = await this.pool.query(PAGE_SQL, [seq, limit]);
    return rows.map((r) => ({
      seq: Number(r.seq), kind: r.kind, sourceKey: r.source_key, caseId: r.case_id, content: r.content,
      contentHash: r.content_hash, prevHash: r.prev_hash, entryHash: r.entry_hash, current: r.current,
    }));
  }

  async unledgered(limit: number): Promise<Array<{ kind: LedgerKind; sourceKey: string; caseId: string }>> {
    const { rows } = await this.pool.query(UNLEDGERED_SQL, [limit]);
    return rows.slice(0, limit).map((r) => ({ kind: r.kind, sourceKey: r.source_key, caseId: r.case_id }));
  }
}
