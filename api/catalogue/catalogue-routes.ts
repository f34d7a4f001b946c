/**
 * The public catalogue (七公开): every item's latest version with its content, legal basis,
 * conditions, materials, procedure, limits and fees — readable without signing in. One item
 * code is the same at every level (同一事项、同一标准、同一编码), so an item appears once,
 * listing the levels that accept it.
 */
import { Router } from 'express';
import type { Level } from '../../engine/org/levels.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import type { DefinitionReads } from '../definitions/definition-reads.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { catalogueEntry, matches } from './catalogue-entry.ts';
import { CatalogueItemParams, CatalogueQuery, type CatalogueFilters } from './catalogue-schemas.ts';

export function catalogueRoutes(runtime: Runtime, reads: DefinitionReads): Router {
  const router = Router();

  router.get('/api/catalogue', validate({ query: CatalogueQuery }), async (req, res) => {
    const filters = req.valid.query as CatalogueFilters;
    let regionLevel: Level | undefined;
    if (filters.region) {
      const region = await runtime.env.org.region(filters.region);
      if (!region) throw new HttpError(400, 'validation_failed', 'the request is invalid', [{ path: 'query.region', reason: `no region "${filters.region}"` }]);
      regionLevel = region.level;
    }
    const entries = (await reads.latestOfEveryItem()).map(catalogueEntry);
    res.json({ items: entries.filter((entry) => matches(entry, filters, regionLevel)) });
  });

  router.get('/api/catalogue/:itemCode', validate({ params: CatalogueItemParams }), async (req, res) => {
    const { itemCode } = req.valid.params as { itemCode: string };
    const latest = await runtime.env.definitions.latest(itemCode);
    if (!latest) throw new HttpError(404, 'not_found', `no item with code ${itemCode}`);
    res.json(catalogueEntry(latest));
  });
  return router;
}
