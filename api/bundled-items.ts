/**
 * The approval items shipped in processes/ are deployed at start-up when the database does not
 * hold their current text yet, so a fresh install runs every item.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '../engine/runtime/runtime.ts';

export const PROCESSES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'processes');

/** Deploy each bundled item that is new or changed and still owned by the bundle; returns item codes deployed. */
export async function deployBundledItems(runtime: Runtime, dir = PROCESSES_DIR): Promise<string[]> {
  const deployed: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort()) {
    const xml = await readFile(path.join(dir, file), 'utf8');
    const catalogueFile = path.join(dir, file.replace(/\.bpmn$/, '.catalogue.json'));
    const catalogue = existsSync(catalogueFile) ? JSON.parse(await readFile(catalogueFile, 'utf8')) : undefined;
    // Once a designer deployed a version of an item, a restart must not put the bundled file back.
    const result = await runtime.deployIfChanged(xml, { deployedBy: 'bundled', catalogue, onlyOverDeployedBy: 'bundled' });
    if (result.deployed) deployed.push(`${result.definition.itemCode} v${result.definition.version}`);
  }
  return deployed;
}
