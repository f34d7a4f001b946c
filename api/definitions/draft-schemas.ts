/** Schemas of drafts: work in progress on an item, saved without deploying. */
import { z } from 'zod';
import { XML_UPLOAD_LIMIT_BYTES } from './xml-upload.ts';

const revision = z.number().int().min(0).max(2_147_483_647).meta({ description: 'the revision you loaded; 0 to create the draft' });

/** A catalogue in progress: any JSON object (it is validated on deploy, not while drafting). */
export const DraftCatalogue = z.record(z.string(), z.unknown()).nullable();

export const DraftJsonBody = z.object({
  xml: z.string().min(1, 'the BPMN is empty').meta({ description: 'the BPMN as drawn; it passes the XML guard but need not be valid' }),
  catalogue: DraftCatalogue.optional(),
  revision,
}).strict().meta({ id: 'DraftSave' });

export const DraftFormBody = z.object({
  bpmn: z.string().meta({ format: 'binary', description: `the BPMN (file part or text), at most ${XML_UPLOAD_LIMIT_BYTES} bytes` }),
  catalogue: z.string().optional().meta({ description: 'JSON text of the catalogue (an object)' }),
  revision: z.string().regex(/^\d{1,10}$/).meta({ description: 'the revision you loaded; 0 to create the draft' }),
});

/** The multipart `revision` field (digits). */
export const FormRevision = z.string().regex(/^\d{1,9}$/, 'a revision number (digits)').transform(Number);

const DraftSummarySchema = z.object({
  itemCode: z.string(),
  name: z.string().nullable().meta({ description: 'the process name in the XML, when it shows one' }),
  revision: z.number().int(),
  savedBy: z.string(),
  savedByName: z.string().nullable(),
  savedAt: z.iso.datetime(),
});

export const DraftSavedSchema = DraftSummarySchema.meta({ id: 'DraftSaved' });
export const DraftSchema = DraftSummarySchema.extend({ xml: z.string(), catalogue: DraftCatalogue }).meta({ id: 'Draft' });
export const DraftListSchema = z.object({ drafts: z.array(DraftSummarySchema) }).meta({ id: 'DraftList' });
