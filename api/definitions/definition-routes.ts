/**
 * Definitions: designers check and deploy BPMN files (with the catalogue text, 七公开, when they
 * edited it) as new immutable versions of their item; designers and admins read the version
 * history, the stored XML and what changed between two versions. Validation stores nothing; a
 * refused file changes nothing. Both run the deploy rules and the designer's lint rules.
 */
import { Router } from 'express';
import { PgDraftStore } from '../../engine/adapters/postgres/pg-draft-store.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { sameVersion } from '../../engine/definitions/engine-context.ts';
import type { ItemModel } from '../../engine/definitions/item-model.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authorize, currentUser } from '../auth/policies.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { diffDefinitions } from './definition-diff.ts';
import type { DefinitionReads, VersionRow } from './definition-reads.ts';
import { DiffParams, ItemCodeParams, VersionIdParams } from './definition-schemas.ts';
import { checkCatalogueItem, readCatalogue } from './catalogue-input.ts';
import { checkDefinition } from './definition-check.ts';
import { definitionUpload, readDefinitionUpload } from './definition-upload.ts';
import { draftRoutes } from './draft-routes.ts';

const READERS = ['designer', 'admin'] as const;

const UPLOAD_FIELDS = ['catalogue'] as const;

export function definitionRoutes(runtime: Runtime, reads: DefinitionReads, pool: Pool): Router {
  const router = Router();
  const store = runtime.env.definitions;
  const drafts = new PgDraftStore(pool);
  router.use(draftRoutes(runtime, pool, drafts));

  // authorize() comes before the body parser: an anonymous or wrong-role caller is refused
  // before the server reads (up to 2 MiB of) the upload.
  router.post('/api/definitions/validate', authorize('designer'), ...definitionUpload(UPLOAD_FIELDS), async (req, res) => {
    const upload = readDefinitionUpload(req, UPLOAD_FIELDS);
    const catalogue = readCatalogue(upload.fields.catalogue);
    const { compiled, warnings } = await checkDefinition(pool, currentUser(req), upload.xml);
    checkCatalogueItem(catalogue, compiled.item.itemCode);
    const latest = await store.latest(compiled.item.itemCode);
    // "identical" promises that deploying adds no version: the same rule the store applies.
    const identical = latest ? sameVersion({ xml: (await store.xml(latest.id)) ?? '', sourceContext: latest.sourceContext }, compiled) : false;
    res.json({
      valid: true, item: summarize(compiled.item), latest: latest ? { id: latest.id, version: latest.version, identical } : null,
      warnings, catalogue: catalogue ?? null,
    });
  });

  router.post('/api/definitions', authorize('designer'), ...definitionUpload(UPLOAD_FIELDS), async (req, res) => {
    const upload = readDefinitionUpload(req, UPLOAD_FIELDS);
    const catalogue = readCatalogue(upload.fields.catalogue);
    // Parsed and checked once; the compiled result is what gets stored.
    const { compiled, warnings } = await checkDefinition(pool, currentUser(req), upload.xml);
    checkCatalogueItem(catalogue, compiled.item.itemCode);
    // Without a catalogue the item's public text (七公开) carries over from its latest version, so
    // a new version never blanks it; a changed catalogue alone is a new version too.
    const previous = await store.latest(compiled.item.itemCode);
    const { deployed, definition } = await store.deploy(compiled, {
      deployedBy: currentUser(req).id, catalogue: catalogue ?? previous?.catalogue ?? undefined, at: runtime.env.clock.now(),
      skipIfUnchanged: catalogue === undefined || sameJson(catalogue, previous?.catalogue),
    });
    // The work in progress on this item is what was just deployed (or is now superseded by it).
    await drafts.delete(definition.itemCode);
    res.status(deployed ? 201 : 200).json({
      id: definition.id, itemCode: definition.itemCode, version: definition.version, name: definition.name,
      created: deployed, deployedAt: definition.deployedAt, warnings,
    });
  });

  router.get('/api/definitions', authorize(...READERS), async (_req, res) => {
    const items = await reads.latestOfEveryItem();
    res.json({
      items: items.map((d) => ({
        itemCode: d.itemCode, name: d.name, handlingForm: d.item.handlingForm, levels: d.item.levels, versions: d.versionCount,
        latest: presentVersion({ ...d, hasCatalogue: d.catalogue != null }),
      })),
    });
  });

  router.get('/api/definitions/:itemCode/versions', authorize(...READERS), validate({ params: ItemCodeParams }), async (req, res) => {
    const { itemCode } = req.valid.params as { itemCode: string };
    const versions = await reads.versionsOf(itemCode);
    if (!versions.length) throw new HttpError(404, 'not_found', `no item with code ${itemCode}`);
    res.json({ itemCode, versions: versions.map(presentVersion) });
  });

  router.get('/api/definitions/versions/:id/xml', authorize(...READERS), validate({ params: VersionIdParams }), async (req, res) => {
    const { id } = req.valid.params as { id: number };
    const definition = await store.byId(id);
    const xml = definition ? await store.xml(id) : undefined;
    if (!definition || xml === undefined) throw new HttpError(404, 'not_found', `no definition version ${id}`);
    // Uploaded markup is never rendered as a document by the browser (an XML file may carry
    // XHTML script): offered as a download, under a CSP that allows nothing.
    res.set('content-security-policy', "default-src 'none'; sandbox");
    res.attachment(`${definition.itemCode}-v${definition.version}.bpmn`);
    res.type('application/xml; charset=utf-8').send(xml);
  });

  router.get('/api/definitions/versions/:a/diff/:b', authorize(...READERS), validate({ params: DiffParams }), async (req, res) => {
    const { a, b } = req.valid.params as { a: number; b: number };
    const [from, to] = await Promise.all([store.byId(a), store.byId(b)]);
    if (!from) throw new HttpError(404, 'not_found', `no definition version ${a}`);
    if (!to) throw new HttpError(404, 'not_found', `no definition version ${b}`);
    if (from.itemCode !== to.itemCode) {
      throw new HttpError(400, 'validation_failed', 'a diff compares two versions of the same item', [
        { path: 'params.b', reason: `version ${b} belongs to item ${to.itemCode}, not ${from.itemCode}` },
      ]);
    }
    const [fromXml, toXml] = await Promise.all([store.xml(a), store.xml(b)]);
    res.json({
      itemCode: from.itemCode, from: { id: from.id, version: from.version }, to: { id: to.id, version: to.version },
      ...(await diffDefinitions(fromXml!, toXml!)),
    });
  });
  return router;
}

/** What a designer needs to confirm an upload is the item they meant. */
export function summarize(item: ItemModel) {
  return {
    itemCode: item.itemCode, name: item.name, processId: item.processId, handlingForm: item.handlingForm, levels: item.levels,
    promisedDays: item.promisedDays, statutoryDays: item.statutoryDays, greenPromisedDays: item.greenPromisedDays ?? null,
    materials: item.materials,
    tasks: Object.values(item.tasks).map((t) => ({
      id: t.id, name: t.name, kind: t.kind, participants: t.participants.map((p) => ({ department: p.department, level: p.level, lead: p.lead })),
    })),
  };
}

// Stored catalogues went through JSON; compare them as JSON with sorted keys.
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
    : v));
}

function presentVersion(v: Omit<VersionRow, 'itemCode'>) {
  return { id: v.id, version: v.version, name: v.name, hasCatalogue: v.hasCatalogue, deployedAt: v.deployedAt, deployedBy: v.deployedBy };
}
