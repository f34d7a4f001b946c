/** Request schemas of the project resource (工程建设项目). */
import { z } from 'zod';

export const ProjectIdParams = z.object({ projectId: z.uuid() });

export const ProjectCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  regionCode: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits'),
});
export type ProjectCreate = z.infer<typeof ProjectCreateSchema>;

export const ProjectListQuery = z.object({
  /** Supervisors and admins: projects sited in this region or below. */
  regionCode: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits').optional(),
});

export const HelpersQuery = z.object({
  /** Part of a name, username or department name. */
  q: z.string().trim().min(1).max(50).optional(),
});

export const KeyProjectSchema = z.object({
  /** 帮办: the staff member who follows every case of the project. */
  helperId: z.string().min(1).max(100).optional(),
});
