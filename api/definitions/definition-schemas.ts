/**
 * Schemas of the definitions resource (designers' BPMN uploads and version history). Request
 * schemas parse the path; response schemas exist for the OpenAPI document.
 */
import { z } from 'zod';
import { LEVELS } from '../../engine/org/levels.ts';
import { HANDLING_FORMS, TASK_KINDS } from '../../engine/definitions/item-model.ts';
import { CatalogueInputSchema } from './catalogue-input.ts';
import { MULTIPART } from './definition-upload.ts';
import { XML_MEDIA_TYPES, XML_UPLOAD_LIMIT_BYTES } from './xml-upload.ts';

/** Item codes are free text in the BPMN (`approval:itemCode`); bundled ones are 12 digits. */
export const ItemCodeParams = z.object({ itemCode: z.string().min(1).max(64) });

// A version id is a database id: digits only, so `1e3` or ` 7` never reach a query.
const versionId = z.string().regex(/^\d{1,15}$/, 'a version id (digits)').transform(Number);
export const VersionIdParams = z.object({ id: versionId });
export const DiffParams = z.object({ a: versionId, b: versionId });

/** The request body of validate and deploy: the BPMN file itself (documented, not parsed by zod). */
export const BpmnXmlBody = z.string().meta({
  description: `The BPMN 2.0 file with the \`approval:\` extension, UTF-8, as \`application/xml\` or \`text/xml\`; at most ${XML_UPLOAD_LIMIT_BYTES} bytes (2 MiB) — larger bodies get 413. DTDs, entities and processing instructions are refused before parsing.`,
});

/** The multipart form of validate and deploy: the file and, optionally, its catalogue text. */
export const BpmnFormBody = z.object({
  bpmn: z.string().meta({ format: 'binary', description: `the BPMN file (a file part, or a text field), UTF-8, at most ${XML_UPLOAD_LIMIT_BYTES} bytes` }),
  catalogue: z.string().optional().meta({ description: 'JSON text of the catalogue (七公开, schema CatalogueInput); on deploy it is stored with the version instead of carrying the previous one over' }),
});

/** Request body documentation of validate and deploy: raw XML, or the multipart form. */
export const BPMN_UPLOAD_BODY = {
  description: `${BpmnXmlBody.description} Or \`multipart/form-data\` with the file in \`bpmn\` and the catalogue JSON in \`catalogue\`.`,
  content: { ...Object.fromEntries(XML_MEDIA_TYPES.map((t) => [t, BpmnXmlBody])), [MULTIPART]: BpmnFormBody },
};

const Participant = z.object({ department: z.string(), level: z.enum(LEVELS), lead: z.boolean() });

export const ItemSummarySchema = z.object({
  itemCode: z.string(),
  name: z.string(),
  processId: z.string(),
  handlingForm: z.enum(HANDLING_FORMS),
  levels: z.array(z.enum(LEVELS)),
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  greenPromisedDays: z.number().int().nullable(),
  materials: z.array(z.object({ code: z.string(), name: z.string(), essential: z.boolean() })),
  tasks: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(TASK_KINDS), participants: z.array(Participant) })),
}).meta({ id: 'ItemSummary' });

/** A lint warning: shown to the designer, never blocks a deploy. */
export const LintWarningSchema = z.object({
  path: z.string().meta({ description: 'the BPMN element id' }),
  reason: z.string(),
  rule: z.string().meta({ description: '`approval/<rule>`, e.g. `approval/sign-for-limit`' }),
});

export const ValidationResultSchema = z.object({
  valid: z.literal(true),
  item: ItemSummarySchema,
  /** The item's current latest version, and whether this file is identical to it (deploy would store nothing). */
  latest: z.object({ id: z.number().int(), version: z.number().int(), identical: z.boolean() }).nullable(),
  warnings: z.array(LintWarningSchema),
  catalogue: CatalogueInputSchema.nullable().meta({ description: 'the catalogue sent with the file, as validated (null when none)' }),
}).meta({ id: 'DefinitionValidationResult' });

export const DeployResultSchema = z.object({
  id: z.number().int(),
  itemCode: z.string(),
  version: z.number().int(),
  name: z.string(),
  /** false when the file equals the latest version: nothing was stored (answer 200, not 201). */
  created: z.boolean(),
  deployedAt: z.iso.datetime(),
  warnings: z.array(LintWarningSchema),
}).meta({ id: 'DeployedVersion' });

const VersionSchema = z.object({
  id: z.number().int(), version: z.number().int(), name: z.string(), hasCatalogue: z.boolean(),
  deployedAt: z.iso.datetime(), deployedBy: z.string().nullable(),
});

export const DefinitionListSchema = z.object({
  items: z.array(z.object({
    itemCode: z.string(), name: z.string(), handlingForm: z.enum(HANDLING_FORMS), levels: z.array(z.enum(LEVELS)),
    versions: z.number().int(), latest: VersionSchema,
  })),
}).meta({ id: 'DefinitionList' });

export const VersionListSchema = z.object({ itemCode: z.string(), versions: z.array(VersionSchema) }).meta({ id: 'DefinitionVersions' });

const ElementRef = z.object({ id: z.string(), type: z.string(), name: z.string().nullable() });
export const DiffSchema = z.object({
  itemCode: z.string(),
  from: z.object({ id: z.number().int(), version: z.number().int() }),
  to: z.object({ id: z.number().int(), version: z.number().int() }),
  added: z.array(ElementRef),
  removed: z.array(ElementRef),
  changed: z.array(ElementRef.extend({
    changes: z.array(z.object({ field: z.string().meta({ description: '`name`, `approval:<attribute>`, `participants`, `materials`, `condition`, `sourceRef`, `targetRef`, `default`, `loop` …' }), from: z.unknown(), to: z.unknown() })),
  })),
}).meta({ id: 'DefinitionDiff' });
