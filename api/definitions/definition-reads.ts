/**
 * What the API reads about deployed definitions beyond the runtime's DefinitionStore: every
 * item's latest version at once (catalogue, designer list) and who deployed each version.
 * Neither the stored XML nor the engine context is loaded here: lists stay small.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { ItemModel } from '../../engine/definitions/item-model.ts';

export interface LatestDefinition {
  id: number;
  itemCode: string;
  version: number;
  name: string;
  item: ItemModel;
  catalogue: unknown;
  deployedAt: Date;
  deployedBy: string | null;
  versionCount: number;
}

export interface VersionRow {
  id: number;
  itemCode: string;
  version: number;
  name: string;
  hasCatalogue: boolean;
  deployedAt: Date;
  deployedBy: string | null;
}

export class DefinitionReads {
  constructor(private readonly pool: Pool) {}

  /** The latest version of every item, by item code. */
  async latestOfEveryItem(): Promise<LatestDefinition[]> {
    const { rows } = await this.pool.query(
      `SELECT d.id, d.item_code, d.version, d.name, d.item, d.catalogue, d.deployed_at, d.deployed_by, c.n AS version_count
         FROM (SELECT DISTINCT ON (item_code) id, item_code, version, name, item, catalogue, deployed_at, deployed_by
                 FROM definitions ORDER BY item_code, version DESC) d
         JOIN (SELECT item_code, count(*)::int AS n FROM definitions GROUP BY item_code) c USING (item_code)
        ORDER BY d.item_code`);
    return rows.map((r) => ({
      id: Number(r.id), itemCode: r.item_code, version: r.version, name: r.name, item: r.item, catalogue: r.catalogue,
      deployedAt: r.deployed_at, deployedBy: r.deployed_by, versionCount: r.version_count,
    }));
  }

  /** Every version of an item, oldest first (empty when the item is unknown). */
  async versionsOf(itemCode: string): Promise<VersionRow[]> {
    const { rows } = await this.pool.query(
      `SELECT id, item_code, version, name, catalogue IS NOT NULL AS has_catalogue, deployed_at, deployed_by
         FROM definitions WHERE item_code = $1 ORDER BY version`, [itemCode]);
    return rows.map((r) => ({
      id: Number(r.id), itemCode: r.item_code, version: r.version, name: r.name, hasCatalogue: r.has_catalogue,
      deployedAt: r.deployed_at, deployedBy: r.deployed_by,
    }));
  }
}
