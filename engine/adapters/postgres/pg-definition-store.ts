/** DefinitionStore on PostgreSQL: versions are numbered per item code under an advisory lock. */
import type { CompiledDefinition } from '../../definitions/compile-definition.ts';
import { sameVersion } from '../../definitions/engine-context.ts';
import type { DefinitionStore, DeployedDefinition, DeployOptions } from '../../store/definition-store.ts';
import { inTransaction, type Pool } from './pool.ts';

type Row = Record<string, any>;

function toDefinition(r: Row): DeployedDefinition {
  return {
    id: Number(r.id), itemCode: r.item_code, version: r.version, name: r.name, item: r.item,
    sourceContext: r.source_context, catalogue: r.catalogue, deployedBy: r.deployed_by, deployedAt: r.deployed_at,
  };
}

export class PgDefinitionStore implements DefinitionStore {
  /**
   * Deployed versions never change, and a whole row (BPMN text, source context, item model) is
   * large to fetch and parse: every application asks for its item's latest version.
   */
  private readonly byIdCache = new Map<number, DeployedDefinition>();

  constructor(private readonly pool: Pool) {}

  async deploy(compiled: CompiledDefinition, meta: DeployOptions): Promise<{ deployed: boolean; definition: DeployedDefinition }> {
    return inTransaction(this.pool, async (client) => {
      // Two designers deploying the same item at once get consecutive versions, not a clash.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${compiled.item.itemCode}`]);
      const latest = (await client.query('SELECT * FROM definitions WHERE item_code = $1 ORDER BY version DESC LIMIT 1', [compiled.item.itemCode])).rows[0];
      // Same text compiled to another engine form (as when 会签 became one engine wait) is a new
      // version: only new cases take it.
      const unchanged = meta.skipIfUnchanged && latest && sameVersion({ xml: latest.xml, sourceContext: latest.source_context }, compiled);
      const takenOver = meta.onlyOverDeployedBy !== undefined && latest && latest.deployed_by !== meta.onlyOverDeployedBy;
      if (unchanged || takenOver) return { deployed: false, definition: toDefinition(latest) };
      const { rows } = await client.query(
        `INSERT INTO definitions (item_code, version, name, xml, source_context, item, catalogue, deployed_by, deployed_at)
         VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM definitions WHERE item_code = $1), $2, $3, $4, $5, $6, $7, $8)
         RETURNING *`,
        [compiled.item.itemCode, compiled.item.name, compiled.xml, JSON.stringify(compiled.sourceContext), JSON.stringify(compiled.item),
          meta.catalogue === undefined ? null : JSON.stringify(meta.catalogue), meta.deployedBy, meta.at]);
      return { deployed: true, definition: toDefinition(rows[0]) };
    });
  }

  async byId(id: number) {
    const cached = this.byIdCache.get(id);
    if (cached) return cached;
    const { rows } = await this.pool.query('SELECT * FROM definitions WHERE id = $1', [id]);
    return rows[0] ? this.keep(toDefinition(rows[0])) : undefined;
  }

  async latest(itemCode: string) {
    // Only the id travels; the version itself is fetched once per process.
    const { rows } = await this.pool.query('SELECT id FROM definitions WHERE item_code = $1 ORDER BY version DESC LIMIT 1', [itemCode]);
    return rows[0] ? this.byId(Number(rows[0].id)) : undefined;
  }

  private keep(definition: DeployedDefinition): DeployedDefinition {
    this.byIdCache.set(definition.id, definition);
    return definition;
  }

  async versions(itemCode: string) {
    const { rows } = await this.pool.query(
      'SELECT id, item_code, version, name, catalogue, deployed_by, deployed_at FROM definitions WHERE item_code = $1 ORDER BY version', [itemCode]);
    return rows.map((r) => ({ id: Number(r.id), itemCode: r.item_code, version: r.version, name: r.name, catalogue: r.catalogue, deployedBy: r.deployed_by, deployedAt: r.deployed_at }));
  }

  async xml(id: number) {
    const { rows } = await this.pool.query('SELECT xml FROM definitions WHERE id = $1', [id]);
    return rows[0]?.xml as string | undefined;
  }
}
