/**
 * One public catalogue entry (七公开) from a deployed version: what the item is, its legal
 * basis, conditions, materials, procedure, limits and fees. The BPMN (ItemModel) is the source
 * of truth for code, name, levels, form, limits, materials and participants; the catalogue
 * JSON stored with the version adds the text. A version deployed without catalogue JSON still
 * gets an entry, with those text fields empty.
 */
import { z } from 'zod';
import type { ItemModel } from '../../engine/definitions/item-model.ts';
import { findDepartmentKind } from '../../engine/org/department-kinds.ts';
import type { Level } from '../../engine/org/levels.ts';
import type { CatalogueFilters } from './catalogue-schemas.ts';

// Tolerant: stored JSON was written by designers; a malformed field is shown as absent
// rather than breaking the public page for every item.
const text = z.string().optional().catch(undefined);
const texts = z.array(z.string()).optional().catch(undefined);
const StoredCatalogue = z.object({
  category: text,
  implementingDepartment: text,
  legalBasis: z.array(z.object({ title: z.string(), articles: z.string().optional() })).optional().catch(undefined),
  conditions: texts,
  procedure: texts,
  fees: z.array(z.object({ name: z.string(), amount: z.string(), basis: z.string().optional() })).optional().catch(undefined),
  consultation: text,
  notes: text,
}).catch({});

export interface DeployedItem {
  version: number;
  item: ItemModel;
  catalogue: unknown;
}

export type CatalogueEntry = ReturnType<typeof catalogueEntry>;

export function catalogueEntry({ version, item, catalogue }: DeployedItem) {
  const c = StoredCatalogue.parse(catalogue ?? {});
  const departments = participantKinds(item);
  return {
    itemCode: item.itemCode,
    name: item.name,
    version,
    category: c.category ?? null,
    handlingForm: item.handlingForm,
    startedBy: item.startedBy,
    levels: item.levels,
    implementingDepartment: c.implementingDepartment ?? leadDepartmentName(item),
    departments: departments.map((code) => ({ code, name: findDepartmentKind(code)?.name ?? code })),
    legalBasis: (c.legalBasis ?? []).map((l) => ({ title: l.title, articles: l.articles ?? null })),
    conditions: c.conditions ?? [],
    materials: item.materials.map((m) => ({ code: m.code, name: m.name, essential: m.essential })),
    procedure: c.procedure ?? [],
    promisedDays: item.promisedDays,
    statutoryDays: item.statutoryDays,
    greenPromisedDays: item.greenPromisedDays ?? null,
    fees: (c.fees ?? []).map((f) => ({ name: f.name, amount: f.amount, basis: f.basis ?? null })),
    consultation: c.consultation ?? null,
    notes: c.notes ?? null,
  };
}

/** Does the entry pass every filter given? `regionLevel` is the level of the `region` filter, already resolved. */
export function matches(entry: CatalogueEntry, filters: CatalogueFilters, regionLevel?: Level): boolean {
  if (filters.level && !entry.levels.includes(filters.level)) return false;
  if (regionLevel && !entry.levels.includes(regionLevel)) return false;
  if (filters.department && !entry.departments.some((d) => d.code === filters.department)) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    const haystack = [entry.itemCode, entry.name, entry.category, entry.implementingDepartment];
    if (!haystack.some((field) => field?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

// Department kinds named by any task's participants, in first-mention order, each once.
function participantKinds(item: ItemModel): string[] {
  return [...new Set(Object.values(item.tasks).flatMap((t) => t.participants.map((p) => p.department)))];
}

function leadDepartmentName(item: ItemModel): string | null {
  const lead = Object.values(item.tasks).flatMap((t) => t.participants).find((p) => p.lead);
  return lead ? (findDepartmentKind(lead.department)?.name ?? lead.department) : null;
}
