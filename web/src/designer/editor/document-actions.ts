/** Save a draft and deploy a version: the diagram's XML and the catalogue text, as the API takes them. */
import type Modeler from 'bpmn-js/lib/Modeler';
import { api, post, put } from '../../shared/api.ts';
import { cataloguePayload, type Catalogue } from '../catalogue/catalogue-model.ts';

export interface DeployResult {
  id: number;
  itemCode: string;
  version: number;
  created: boolean;
  warnings?: { path: string; reason: string; rule?: string }[];
}

/** The item code the diagram declares on its process (approval:itemCode), if any. */
export function diagramItemCode(modeler: Modeler): string | undefined {
  const root = (modeler.get('canvas') as any).getRootElement()?.businessObject;
  const process = root?.$type === 'bpmn:Collaboration' ? root.participants?.[0]?.processRef : root;
  const code = process?.get?.('approval:itemCode');
  return typeof code === 'string' && code.trim() ? code.trim() : undefined;
}

export async function currentXml(modeler: Modeler): Promise<string> {
  return (await modeler.saveXML({ format: true })).xml!;
}

export async function saveDraft(modeler: Modeler, itemCode: string, catalogue: Catalogue, revision: number) {
  const xml = await currentXml(modeler);
  return put<{ itemCode: string; revision: number; savedAt: string }>(`/api/definitions/${encodeURIComponent(itemCode)}/draft`, {
    xml, catalogue: cataloguePayload(catalogue, itemCode), revision,
  });
}

async function upload(modeler: Modeler, itemCode: string, catalogue: Catalogue): Promise<FormData> {
  const form = new FormData();
  form.append('bpmn', await currentXml(modeler));
  form.append('catalogue', JSON.stringify(cataloguePayload(catalogue, itemCode)));
  return form;
}

export async function deploy(modeler: Modeler, itemCode: string, catalogue: Catalogue): Promise<DeployResult> {
  return post<DeployResult>('/api/definitions', await upload(modeler, itemCode, catalogue));
}

/** The server's full check (its deploy rules and the lint) without storing anything. */
export async function validate(modeler: Modeler, itemCode: string, catalogue: Catalogue) {
  return post<{ valid: true; latest: { version: number; identical: boolean } | null; warnings?: DeployResult['warnings'] }>(
    '/api/definitions/validate', await upload(modeler, itemCode, catalogue));
}

export async function discardDraft(itemCode: string): Promise<void> {
  await api('DELETE', `/api/definitions/${encodeURIComponent(itemCode)}/draft`);
}

/** Offer the diagram as a .bpmn download. */
export async function exportFile(modeler: Modeler, name: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([await currentXml(modeler)], { type: 'application/xml' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `${name}.bpmn` });
  a.click();
  URL.revokeObjectURL(url);
}
