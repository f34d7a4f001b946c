/**
 * A production centre's organisation: its regions (province › city › county › township), each
 * getting every department kind that exists at its level. Imported from JSON, validated whole
 * before anything is written; importing again adds what is new and changes nothing else.
 */
import { z } from 'zod';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { seedOrg } from '../../engine/adapters/postgres/seed-org.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { LEVELS, levelRank } from '../../engine/org/levels.ts';
import type { Region } from '../../engine/org/region.ts';

const OrgFileSchema = z.object({
  regions: z.array(z.object({
    code: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits'),
    name: z.string().trim().min(1).max(100),
    level: z.enum(LEVELS),
    parentCode: z.string().regex(/^\d{6,12}$/).nullable().default(null),
  }).strict()).min(1).max(10_000),
}).strict();

/** Validate an organisation file; returns its regions parents first. */
export async function readOrgFile(pool: Pool, data: unknown): Promise<Region[]> {
  const parsed = OrgFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ValidationError('invalid organisation file', parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })));
  }
  const regions = parsed.data.regions;
  const known = new Map<string, Region>((await pool.query('SELECT code, name, level, parent_code FROM regions')).rows
    .map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }]));
  for (const r of regions) known.set(r.code, r);
  const problems = regions.flatMap((r, i) => parentProblem(r, known).map((reason) => ({ path: `regions.${i}.parentCode`, reason })));
  if (problems.length) throw new ValidationError('invalid organisation file', problems);
  return [...regions].sort((a, b) => levelRank(a.level) - levelRank(b.level));
}

function parentProblem(region: Region, known: ReadonlyMap<string, Region>): string[] {
  if (region.level === 'province') return region.parentCode ? ['a province has no parent'] : [];
  const parent = region.parentCode ? known.get(region.parentCode) : undefined;
  if (!parent) return [`the parent region "${region.parentCode ?? ''}" is neither in the file nor in the database`];
  if (levelRank(parent.level) !== levelRank(region.level) - 1) return [`a ${region.level} belongs to a ${LEVELS[levelRank(region.level) - 1]}, not a ${parent.level}`];
  return [];
}

/** Import (idempotently) the regions of an organisation file and their departments. */
export async function importOrg(pool: Pool, data: unknown): Promise<{ regions: number }> {
  const regions = await readOrgFile(pool, data);
  await seedOrg(pool, regions);
  return { regions: regions.length };
}
