/**
 * Schemas of the public catalogue (七公开): the query filters, and the shape of one entry
 * (for the OpenAPI document). The stored catalogue JSON is read tolerantly in catalogue-entry.
 */
import { z } from 'zod';
import { findDepartmentKind } from '../../engine/org/department-kinds.ts';
import { HANDLING_FORMS, STARTERS } from '../../engine/definitions/item-model.ts';
import { LEVELS } from '../../engine/org/levels.ts';

export const CatalogueQuery = z.object({
  level: z.enum(LEVELS).optional().meta({ description: 'Items accepted at this level (province, city, county, township).' }),
  region: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits').optional()
    .meta({ description: "A region code: items accepted at that region's level." }),
  department: z.string().max(32).refine((code) => findDepartmentKind(code) !== undefined, 'unknown department kind').optional()
    .meta({ description: 'A department kind code (`xf`, `zj`, `scjg` …): items in which that kind of department takes part.' }),
  q: z.string().trim().min(1).max(100).optional()
    .meta({ description: 'Text contained in the item code, name, category or implementing department.' }),
});
export type CatalogueFilters = z.infer<typeof CatalogueQuery>;

export const CatalogueItemParams = z.object({ itemCode: z.string().min(1).max(64) });

export const CatalogueEntrySchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  version: z.number().int(),
  category: z.string().nullable(),
  handlingForm: z.enum(HANDLING_FORMS),
  startedBy: z.enum(STARTERS).meta({ description: 'who starts a case: applicant (apply online or at a window), hotline (the 12345 hotline registers it), system (opened by the platform, e.g. 差评核查)' }),
  levels: z.array(z.enum(LEVELS)),
  implementingDepartment: z.string().nullable(),
  /** The kinds of department that take part (the `department` filter matches these codes). */
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
  legalBasis: z.array(z.object({ title: z.string(), articles: z.string().nullable() })),
  conditions: z.array(z.string()),
  materials: z.array(z.object({ code: z.string(), name: z.string(), essential: z.boolean() })),
  procedure: z.array(z.string()),
  promisedDays: z.number().int().meta({ description: 'working days' }),
  statutoryDays: z.number().int().meta({ description: 'working days' }),
  greenPromisedDays: z.number().int().nullable().meta({ description: 'working days on the green channel; null when the item has none' }),
  fees: z.array(z.object({ name: z.string(), amount: z.string(), basis: z.string().nullable() })),
  consultation: z.string().nullable(),
  notes: z.string().nullable(),
}).meta({ id: 'CatalogueEntry' });

export const CatalogueListSchema = z.object({ items: z.array(CatalogueEntrySchema) }).meta({ id: 'CatalogueList' });
