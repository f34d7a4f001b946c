/** Request schemas of the case resource (the OpenAPI document is generated from these). */
import { z } from 'zod';
import { MaterialFilesSchema } from '../uploads/upload-schemas.ts';

export const CaseIdParams = z.object({ caseId: z.uuid() });

export const CaseCreateSchema = z.object({
  itemCode: z.string().min(1).max(64),
  regionCode: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits'),
  projectId: z.uuid().optional(),
  siteRegionCode: z.string().regex(/^\d{6,12}$/).optional(),
  materials: z.array(z.string().min(1).max(64)).max(200).default([]),
  /** Uploaded files (POST /api/uploads) per material code; their materials count as handed in. */
  files: MaterialFilesSchema.default([]),
  urgent: z.boolean().optional(),
});
export type CaseCreate = z.infer<typeof CaseCreateSchema>;

export const AcceptSchema = z.object({
  missingMaterials: z.array(z.object({ code: z.string().min(1).max(64), promisedBy: z.iso.datetime({ offset: true }).transform((s) => new Date(s)) })).max(50).default([]),
  /** Optional materials the applicant did not hand in: the 受理通知书 says 未提交 for them, not 已收取. */
  notReceived: z.array(z.string().min(1).max(64)).max(200).default([]),
});

export const RefuseSchema = z.object({ reasons: z.array(z.string().trim().min(1).max(500)).min(1).max(50) });
export const CancelSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const SupplementSchema = z.object({
  materials: z.array(z.string().min(1).max(64)).min(1).max(200),
  comment: z.string().max(2000).optional(),
  /** Uploaded files per requested item (the text of the 补正 request, or a material code). */
  files: MaterialFilesSchema.default([]),
});
export const GreenSchema = z.object({ reason: z.string().trim().min(1).max(500), helperId: z.string().min(1).max(100).optional() });
export const CaseListQuery = z.object({
  status: z.enum(['running', 'completed', 'returned', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
});

export const PublicLookupQuery = z.object({ caseNumber: z.string().regex(/^\d{8,20}$/), queryCode: z.string().regex(/^\d{6}$/) });
