/**
 * Everything decided before a case exists: the latest version of the item (and that this caller
 * may start it), the window's region and level, the project it belongs to, and the participants
 * resolved for the region (and for the project's site, where a city delegates a task down to a
 * county).
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors/domain-error.ts';
import { resolveParticipants } from '../joint-review/participants.ts';
import { regionAtLevel, type Region } from '../org/region.ts';
import type { RuntimeEnvironment } from '../runtime/runtime-environment.ts';
import type { DeployedDefinition } from '../store/definition-store.ts';
import type { ItemModel, Starter } from '../definitions/item-model.ts';
import type { CaseRecord } from './case-types.ts';

export interface StartCaseInput {
  requestId?: string;
  itemCode: string;
  /** The region of the accepting window (its level must be one the item is accepted at). */
  regionCode: string;
  applicantId: string;
  green?: boolean;
  /** 帮办 of a green-channel case. */
  helperId?: string;
  projectId?: string;
  /** Where the project is sited, when below the window's level (市县联动, city delegating down). */
  siteRegionCode?: string;
  materials?: string[];
  /** 12345: an urgent order (alerts the duty officer when it arrives out of hours). */
  urgent?: boolean;
  /** Who starts it (default: an applicant); it must be the item's own starter (approval:startedBy). */
  startedBy?: Starter;
}

export interface PreparedCase {
  definition: DeployedDefinition;
  row: Omit<CaseRecord, 'caseNumber'>;
  variables: Record<string, unknown>;
}

/** Validate a new application and work out its row and initial engine variables. */
export async function prepareCase(env: RuntimeEnvironment, input: StartCaseInput): Promise<PreparedCase> {
  const definition = await env.definitions.latest(input.itemCode);
  if (!definition) throw new NotFoundError(`no deployed item ${input.itemCode}`, { itemCode: input.itemCode });
  requireStarter(definition.item, input.startedBy ?? 'applicant');
  requireItemMaterials(definition.item, input.materials ?? []);
  const region = await windowRegion(env, definition, input.regionCode);
  const site = input.siteRegionCode ? await siteRegion(env, region, input.siteRegionCode) : undefined;
  const project = input.projectId ? await env.projects.get(input.projectId) : undefined;
  if (input.projectId && (!project || project.applicantId !== input.applicantId)) {
    throw new ValidationError('unknown project', [{ path: 'projectId', reason: 'no such project of this applicant' }]);
  }
  const participants = await resolveParticipants(definition.item, region, env.org, site);
  const now = env.clock.now();
  const green = (input.green ?? false) || (project?.keyProject ?? false);
  const row = {
    id: randomUUID(), definitionId: definition.id, itemCode: definition.itemCode, regionCode: region.code,
    applicantId: input.applicantId, green, helperId: input.helperId ?? project?.helperId ?? null,
    projectId: project?.id ?? null, queryCode: null, siteRegionCode: site?.code ?? null, form: definition.item.handlingForm, status: 'running' as const,
    acceptedAt: null, dueAt: null, dueProvisional: false, pausedAt: null, pauseReason: null, version: 0,
    createdAt: now, updatedAt: now, endedAt: null,
  };
  return { definition, row, variables: { participants, allParticipants: participants, rounds: {}, level: region.level } };
}

const STARTED_AS: Record<Starter, string> = {
  applicant: 'applied for',
  hotline: 'registered by the 12345 hotline',
  system: 'opened by the platform (差评核查 follows a 不满意 rating)',
};

// An internal item (a 12345 order, a 差评核查) is never opened by applying for it, nor the reverse.
function requireStarter(item: ItemModel, starter: Starter): void {
  if (item.startedBy === starter) return;
  throw new ValidationError(`item ${item.itemCode} is ${STARTED_AS[item.startedBy]}, not ${STARTED_AS[starter]}`, [
    { path: 'itemCode', reason: `${item.name} is ${STARTED_AS[item.startedBy]}` },
  ]);
}

// What an application says it hands in is checked against the item's list: a code the item does
// not ask for would show up nowhere (not in the window's check, not on the notice) yet count as given.
function requireItemMaterials(item: ItemModel, materials: readonly string[]): void {
  const known = new Set(item.materials.map((m) => m.code));
  const problems = materials.flatMap((code, i) => (known.has(code) ? [] : [{ path: `materials.${i}`, reason: `"${code}" is not a material of ${item.name}` }]));
  if (problems.length) throw new ValidationError('unknown materials', problems);
}

async function windowRegion(env: RuntimeEnvironment, definition: DeployedDefinition, code: string): Promise<Region> {
  const region = await env.org.region(code);
  if (!region) throw new ValidationError('unknown region', [{ path: 'regionCode', reason: `no region "${code}"` }]);
  if (definition.item.levels.length && !definition.item.levels.includes(region.level)) {
    throw new ValidationError('item not accepted at this level', [
      { path: 'regionCode', reason: `${definition.itemCode} is accepted at ${definition.item.levels.join('/')} level, not ${region.level}` },
    ]);
  }
  return region;
}

async function siteRegion(env: RuntimeEnvironment, window: Region, code: string): Promise<Region> {
  const site = await env.org.region(code);
  const within = site ? (await regionAtLevel(env.org, site, window.level))?.code === window.code : false;
  if (!site || !within) throw new ValidationError('unknown site', [{ path: 'siteRegionCode', reason: `must be a region within ${window.code}` }]);
  return site;
}
