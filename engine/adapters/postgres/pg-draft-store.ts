/**
 * Drafts of approval items on PostgreSQL: one per item code, saved with an optimistic revision —
 * a save names the revision it started from and is refused when someone saved since.
 */
import { ConflictError } from '../../errors/domain-error.ts';
import type { Pool } from './pool.ts';

export interface DraftSummary {
  itemCode: string;
  name: string | null;
  revision: number;
  regionCode: string;
  savedBy: string;
  savedByName: string | null;
  savedAt: Date;
}

export interface Draft extends DraftSummary {
  xml: string;
  catalogue: unknown;
}

export interface DraftSave {
  itemCode: string;
  xml: string;
  name: string | null;
  catalogue: unknown;
  /** The revision the designer loaded; 0 when creating the draft. */
  revision: number;
  userId: string;
  regionCode: string;
  at: Date;
}

const SUMMARY = `d.item_code, d.name, d.revision, d.region_code, d.saved_by, u.display_name AS saved_by_name, d.saved_at`;

function summary(r: Record<string, any>): DraftSummary {
  return {
    itemCode: r.item_code, name: r.name, revision: r.revision, regionCode: r.region_code,
    savedBy: r.saved_by, savedByName: r.saved_by_name ?? null, savedAt: r.saved_at,
  };
}

export class PgDraftStore {
  constructor(private readonly pool: Pool) {}

  async get(itemCode: string): Promise<Draft | undefined> {
    const { rows } = await this.pool.query(
      `SELECT ${SUMMARY}, d.xml, d.catalogue FROM definition_drafts d LEFT JOIN users u ON u.id = d.saved_by WHERE d.item_code = $1`, [itemCode]);
    return rows[0] ? { ...summary(rows[0]), xml: rows[0].xml, catalogue: rows[0].catalogue } : undefined;
  }

  /** Every draft, most recently saved first (no XML: lists stay small). */
  async list(): Promise<DraftSummary[]> {
    const { rows } = await this.pool.query(
      `SELECT ${SUMMARY} FROM definition_drafts d LEFT JOIN users u ON u.id = d.saved_by ORDER BY d.saved_at DESC, d.item_code`);
    return rows.map(summary);
  }

  /** Create (revision 0) or update (the current revision) a draft; a stale revision is a ConflictError. */
  async save(input: DraftSave): Promise<{ created: boolean; draft: DraftSummary }> {
    const catalogue = input.catalogue === undefined || input.catalogue === null ? null : JSON.stringify(input.catalogue);
    // The saved row comes back from the write itself, not from a second read another save could overtake.
    const [write, params] = input.revision === 0
      ? [`INSERT INTO definition_drafts (item_code, xml, name, catalogue, revision, region_code, created_by, created_at, saved_by, saved_at)
          VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $6, $7) ON CONFLICT (item_code) DO NOTHING RETURNING *`,
        [input.itemCode, input.xml, input.name, catalogue, input.regionCode, input.userId, input.at]]
      : [`UPDATE definition_drafts SET xml = $2, name = $3, catalogue = $4, revision = revision + 1, saved_by = $6, saved_at = $7
           WHERE item_code = $1 AND revision = $5 RETURNING *`,
        [input.itemCode, input.xml, input.name, catalogue, input.revision, input.userId, input.at]];
    const { rows } = await this.pool.query(`WITH d AS (${write}) SELECT ${SUMMARY} FROM d LEFT JOIN users u ON u.id = d.saved_by`, params);
    if (!rows[0]) throw await this.conflict(input.itemCode, input.revision);
    return { created: input.revision === 0, draft: summary(rows[0]) };
  }

  /** Remove the draft; false when there was none. */
  async delete(itemCode: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM definition_drafts WHERE item_code = $1', [itemCode]);
    return (rowCount ?? 0) > 0;
  }

  private async conflict(itemCode: string, revision: number): Promise<ConflictError> {
    const current = await this.get(itemCode);
    const reason = current
      ? `the draft is at revision ${current.revision} (saved by ${current.savedByName ?? current.savedBy}), not ${revision}: reload it before saving`
      : `there is no draft of this item any more (deployed or discarded): save with revision 0 to start a new one`;
    return new ConflictError('the draft was saved by someone else since you loaded it', { problems: [{ path: 'revision', reason }], currentRevision: current?.revision ?? 0 });
  }
}
