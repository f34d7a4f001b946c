/**
 * 并联审批 participants: the item names department kinds and levels; the case's region turns
 * each into one concrete department — a county case's county-level participant is that county's
 * department, its city-level participant the parent city's.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { ItemModel, ParticipantSpec } from '../definitions/item-model.ts';
import { ValidationError } from '../errors/domain-error.ts';
import { levelRank } from '../org/levels.ts';
import { departmentId, regionAtLevel, type OrgDirectory, type Region } from '../org/region.ts';

export interface ResolvedParticipant extends ParticipantSpec {
  departmentId: string;
}

/** Every step's participants as resolved when the case started (the `allParticipants` variable), by element id. */
export function allParticipantsOf(s: CaseSession): Record<string, ResolvedParticipant[]> {
  return (s.engine.variable('allParticipants') as Record<string, ResolvedParticipant[]> | undefined) ?? {};
}

/** The departments each step waits on now (the `participants` variable: a 补正 round narrows it, a dispatch fills it), by element id. */
export function currentParticipantsOf(s: CaseSession): Record<string, ResolvedParticipant[]> {
  return (s.engine.variable('participants') as Record<string, ResolvedParticipant[]> | undefined) ?? {};
}

/** Participants of every task with static participants, resolved for the case's region. */
export async function resolveParticipants(item: ItemModel, region: Region, org: OrgDirectory, site?: Region): Promise<Record<string, ResolvedParticipant[]>> {
  const result: Record<string, ResolvedParticipant[]> = {};
  const problems: { path: string; reason: string }[] = [];
  for (const spec of Object.values(item.tasks)) {
    if (spec.participants.length === 0) continue;
    result[spec.id] = [];
    for (const participant of spec.participants) {
      // A level below the window's is delegated down (市县联动): it resolves at the project's site.
      const below = levelRank(participant.level) > levelRank(region.level);
      const home = below ? (site && (await regionAtLevel(org, site, participant.level))) : await regionAtLevel(org, region, participant.level);
      if (!home) {
        const reason = below
          ? `the ${participant.level}-level task needs the project's site (siteRegionCode) within ${region.code}`
          : `region ${region.code} (${region.level}) has no ${participant.level}-level region above it`;
        problems.push({ path: `${spec.id}.${participant.department}`, reason });
        continue;
      }
      result[spec.id]!.push({ ...participant, departmentId: departmentId(home.code, participant.department) });
    }
  }
  await requireDepartments(result, org, problems);
  if (problems.length) throw new ValidationError(`item ${item.itemCode} cannot run in region ${region.code}`, problems);
  return result;
}

async function requireDepartments(resolved: Record<string, ResolvedParticipant[]>, org: OrgDirectory, problems: { path: string; reason: string }[]): Promise<void> {
  const ids = [...new Set(Object.values(resolved).flat().map((p) => p.departmentId))];
  const existing = await org.existingDepartments(ids);
  for (const [taskId, list] of Object.entries(resolved)) {
    for (const p of list) {
      if (!existing.has(p.departmentId)) problems.push({ path: `${taskId}.${p.department}`, reason: `department ${p.departmentId} is not registered` });
    }
  }
}

/** Resolve one department chosen at run time (e.g. a 12345 dispatcher's routing). */
export async function resolveDepartment(org: OrgDirectory, id: string, lead = true): Promise<ResolvedParticipant> {
  const [regionCode, kind] = id.split(':');
  const region = regionCode ? await org.region(regionCode) : undefined;
  const exists = (await org.existingDepartments([id])).has(id);
  if (!region || !kind || !exists) throw new ValidationError('unknown department', [{ path: 'department', reason: `no department "${id}"` }]);
  return { department: kind, level: region.level, lead, departmentId: id };
}
