/**
 * What the editor opens: an imported file, a chosen version, or — for an item — its draft when
 * one exists, else its latest version; with the item's catalogue text.
 */
import { ApiError, get } from '../../shared/api.ts';
import { DEPARTMENT_KINDS } from '../../../../engine/org/department-kinds.ts';
import type { OrgDepartment } from '../modules/approval-properties/departments.ts';
import type { Draft, VersionRow } from '../items/api-types.ts';
import { editableCatalogue, type Catalogue } from '../catalogue/catalogue-model.ts';

export type DocumentSource =
  | { kind: 'draft'; revision: number; savedAt: string; savedByName?: string }
  | { kind: 'version'; id: number; version: number }
  | { kind: 'import'; fileName: string };

export interface LoadedDocument {
  key: string;
  itemCode?: string;
  xml: string;
  catalogue: Catalogue;
  source: DocumentSource;
}

const notFound = (e: unknown) => e instanceof ApiError && e.status === 404;

async function catalogueOf(itemCode: string): Promise<Catalogue> {
  try {
    return editableCatalogue(await get(`/api/catalogue/${encodeURIComponent(itemCode)}`));
  } catch (e) {
    if (notFound(e)) return {};
    throw e;
  }
}

async function versionXml(id: number): Promise<string> {
  // The endpoint answers application/xml; api() hands back the text when it is not JSON.
  return get<string>(`/api/definitions/versions/${id}/xml`);
}

export async function loadItemDocument(itemCode: string, versionId?: number): Promise<LoadedDocument> {
  const enc = encodeURIComponent(itemCode);
  if (versionId === undefined) {
    try {
      const draft = await get<Draft>(`/api/definitions/${enc}/draft`);
      return {
        key: `draft:${itemCode}:${draft.revision}`, itemCode, xml: draft.xml,
        catalogue: draft.catalogue ? editableCatalogue(draft.catalogue) : await catalogueOf(itemCode),
        source: { kind: 'draft', revision: draft.revision, savedAt: draft.savedAt, savedByName: draft.savedByName },
      };
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }
  const { versions } = await get<{ versions: VersionRow[] }>(`/api/definitions/${enc}/versions`);
  const chosen = versionId === undefined ? versions[versions.length - 1] : versions.find((v) => v.id === versionId);
  if (!chosen) throw new ApiError(404, 'not_found', `no version ${versionId ?? ''} of ${itemCode}`);
  const [xml, catalogue] = await Promise.all([versionXml(chosen.id), catalogueOf(itemCode)]);
  return { key: `version:${chosen.id}`, itemCode, xml, catalogue, source: { kind: 'version', id: chosen.id, version: chosen.version } };
}

/** The centre's departments for the picker and the unknown-department rule; the static kinds when the list is unavailable. */
export async function loadDepartments(): Promise<OrgDepartment[]> {
  try {
    const { departments } = await get<{ departments: OrgDepartment[] }>('/api/org/departments');
    return departments.map(({ kind, kindName, level }) => ({ kind, kindName, level }));
  } catch (e) {
    // Before the org endpoint exists on a server, the platform's static kinds × levels stand in.
    if (!notFound(e)) throw e;
    return DEPARTMENT_KINDS.flatMap((k) => k.levels.map((level) => ({ kind: k.code, kindName: k.name, level })));
  }
}
