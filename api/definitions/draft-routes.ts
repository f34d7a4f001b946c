/**
 * Drafts: a designer saves work in progress (BPMN and catalogue text) without deploying it, and
 * picks it up later or hands it to a colleague. A draft only has to pass the XML guard; a save
 * names the revision it started from, so two designers never overwrite each other unseen. A
 * draft belongs to the region of the designer who started it: designers of that region or above
 * see it, others do not (404).
 */
import { Router, type Request } from 'express';
import type { PgDraftStore } from '../../engine/adapters/postgres/pg-draft-store.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { guardXml } from '../../engine/definitions/xml-guard.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { validate } from '../http/validate.ts';
import { isWithinRegion } from '../org/region-scope.ts';
import { jsonField } from './catalogue-input.ts';
import { definitionUpload, MULTIPART, readDefinitionUpload } from './definition-upload.ts';
import { ItemCodeParams } from './definition-schemas.ts';
import { DraftCatalogue, DraftJsonBody, FormRevision } from './draft-schemas.ts';
import { processNameOf } from './process-name.ts';

const DRAFT_FIELDS = ['catalogue', 'revision'] as const;

interface DraftInput {
  xml: Buffer | string;
  catalogue: Record<string, unknown> | null;
  revision: number;
}

export function draftRoutes(runtime: Runtime, pool: Pool, drafts: PgDraftStore): Router {
  const router = Router();
  const path = '/api/definitions/:itemCode/draft';

  // Drafts of the caller's region and below; admins are not designers and see none.
  const visible = async (user: AuthUser, regionCode: string) => isWithinRegion(pool, regionCode, user.regionCode);

  router.get('/api/definitions/drafts', authorize('designer'), async (req, res) => {
    const user = currentUser(req);
    const list = [];
    for (const draft of await drafts.list()) if (await visible(user, draft.regionCode)) list.push(present(draft));
    res.json({ drafts: list });
  });

  router.get(path, authorize('designer'), validate({ params: ItemCodeParams }), async (req, res) => {
    const { itemCode } = req.valid.params as { itemCode: string };
    const draft = await drafts.get(itemCode);
    requireScope(draft !== undefined && (await visible(currentUser(req), draft.regionCode)), `draft of item ${itemCode}`);
    res.json({ ...present(draft!), xml: draft!.xml, catalogue: draft!.catalogue ?? null });
  });

  router.put(path, authorize('designer'), validate({ params: ItemCodeParams }), ...definitionUpload(DRAFT_FIELDS, ['application/json', MULTIPART]), async (req, res) => {
    const { itemCode } = req.valid.params as { itemCode: string };
    const user = currentUser(req);
    const input = readDraft(req);
    const xml = guardXml(input.xml);
    const existing = await drafts.get(itemCode);
    if (existing) requireScope(await visible(user, existing.regionCode), `draft of item ${itemCode}`);
    const { created, draft } = await drafts.save({
      itemCode, xml, name: processNameOf(xml), catalogue: input.catalogue, revision: input.revision,
      userId: user.id, regionCode: user.regionCode, at: runtime.env.clock.now(),
    });
    res.status(created ? 201 : 200).json(present(draft));
  });

  router.delete(path, authorize('designer'), validate({ params: ItemCodeParams }), async (req, res) => {
    const { itemCode } = req.valid.params as { itemCode: string };
    const draft = await drafts.get(itemCode);
    requireScope(draft !== undefined && (await visible(currentUser(req), draft.regionCode)), `draft of item ${itemCode}`);
    await drafts.delete(itemCode);
    res.status(204).end();
  });
  return router;
}

// JSON (the global parser already read it, ≤ 256 kB) or multipart (BPMN up to 2 MiB).
function readDraft(req: Request): DraftInput {
  if (req.is('application/json')) {
    const parsed = DraftJsonBody.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(parsed.error.issues);
    return { xml: parsed.data.xml, catalogue: parsed.data.catalogue ?? null, revision: parsed.data.revision };
  }
  const upload = readDefinitionUpload(req, DRAFT_FIELDS);
  const problems: { path: string; reason: string }[] = [];
  const revision = FormRevision.safeParse(upload.fields.revision ?? '');
  if (!revision.success) problems.push({ path: 'revision', reason: upload.fields.revision === undefined ? 'required: the revision you loaded, 0 for a new draft' : 'a revision number (digits)' });
  let catalogue: Record<string, unknown> | null = null;
  if (upload.fields.catalogue !== undefined) {
    const parsed = DraftCatalogue.safeParse(jsonField(upload.fields.catalogue, 'catalogue'));
    if (parsed.success) catalogue = parsed.data;
    else problems.push({ path: 'catalogue', reason: 'a JSON object (or null)' });
  }
  if (problems.length || !revision.success) throw new ValidationError('the draft is invalid', problems);
  return { xml: upload.xml, catalogue, revision: revision.data };
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): ValidationError {
  return new ValidationError('the draft is invalid', issues.map((issue) => ({ path: issue.path.map(String).join('.') || 'body', reason: issue.message })));
}

function present(draft: { itemCode: string; name: string | null; revision: number; savedBy: string; savedByName: string | null; savedAt: Date }) {
  return { itemCode: draft.itemCode, name: draft.name, revision: draft.revision, savedBy: draft.savedBy, savedByName: draft.savedByName, savedAt: draft.savedAt };
}
