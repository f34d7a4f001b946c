/** Schemas of the organisation resource: the department picker's filters and its answer. */
import { z } from 'zod';
import { LEVELS } from '../../engine/org/levels.ts';

export const DepartmentsQuery = z.object({
  level: z.enum(LEVELS).optional().meta({ description: 'Only departments at this level (province, city, county, township).' }),
  regionCode: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits').optional()
    .meta({ description: 'Only the departments of this region (it must be in the caller\'s scope, else 404).' }),
});
export type DepartmentsFilter = z.infer<typeof DepartmentsQuery>;

export const DepartmentSchema = z.object({
  id: z.string().meta({ description: '`<region code>:<kind>`, e.g. `990121:xf`' }),
  name: z.string(),
  kind: z.string().meta({ description: 'the department kind a BPMN participant names (`approval:participant department="xf"`)' }),
  kindName: z.string(),
  level: z.enum(LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
});

export const DepartmentListSchema = z.object({
  departments: z.array(DepartmentSchema),
  /** true when more departments matched than one answer carries: narrow by level or region. */
  truncated: z.boolean(),
}).meta({ id: 'DepartmentList' });
