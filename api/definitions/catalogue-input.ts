/**
 * The catalogue text (七公开) a designer edits beside the diagram and deploys with the BPMN. The
 * BPMN stays the source of code, name, levels, form, limits and materials; the catalogue adds the
 * text. Strict: a misspelt key is named rather than silently dropped from the public page.
 */
import { z } from 'zod';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { HttpError } from '../http/problem.ts';
import { CATALOGUE_LIMIT_BYTES } from './definition-upload.ts';

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const CatalogueInputSchema = z.object({
  itemCode: z.string().max(64).optional().meta({ description: 'when present, must equal the BPMN\'s `approval:itemCode`' }),
  // Bundled catalogue files repeat these from the BPMN; accepted, the BPMN's values are published.
  name: z.string().max(200).optional(),
  levels: z.array(z.string().max(20)).max(4).optional(),
  handlingForm: z.string().max(20).optional(),
  category: line(50).optional().meta({ description: '事项类型, e.g. 行政许可' }),
  implementingDepartment: line(500).optional().meta({ description: '实施主体' }),
  legalBasis: z.array(z.object({ title: line(300), articles: z.string().trim().max(500).optional() }).strict()).max(50).optional().meta({ description: '设定依据' }),
  conditions: z.array(line(1000)).max(100).optional().meta({ description: '申请条件' }),
  procedure: z.array(line(1000)).max(100).optional().meta({ description: '办理流程' }),
  fees: z.array(z.object({ name: line(200), amount: line(100), basis: z.string().trim().max(500).optional() }).strict()).max(50).optional().meta({ description: '收费标准' }),
  consultation: line(100).optional().meta({ description: '咨询方式' }),
  notes: z.string().trim().max(5000).optional(),
}).strict().meta({ id: 'CatalogueInput' });
export type CatalogueInput = z.infer<typeof CatalogueInputSchema>;

/** JSON text of a form field as a value; not JSON → 400 naming the field, too large → 413. */
export function jsonField(text: string, field: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > CATALOGUE_LIMIT_BYTES) {
    throw new HttpError(413, 'payload_too_large', `the field ${field} is too large`, [{ path: field, reason: `larger than ${CATALOGUE_LIMIT_BYTES} bytes` }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('the request is invalid', [{ path: field, reason: 'not valid JSON' }]);
  }
}

/** The catalogue field of a deploy or validate form, validated; undefined when none was sent. */
export function readCatalogue(text: string | undefined): CatalogueInput | undefined {
  if (text === undefined) return undefined;
  const parsed = CatalogueInputSchema.safeParse(jsonField(text, 'catalogue'));
  if (!parsed.success) {
    throw new ValidationError('the catalogue is invalid', parsed.error.issues.map((issue) => ({
      path: ['catalogue', ...issue.path].join('.'), reason: issue.message,
    })));
  }
  return parsed.data;
}

/** The catalogue belongs to the item it is deployed with. */
export function checkCatalogueItem(catalogue: CatalogueInput | undefined, itemCode: string): void {
  if (catalogue?.itemCode !== undefined && catalogue.itemCode !== itemCode) {
    throw new ValidationError('the catalogue is for another item', [
      { path: 'catalogue.itemCode', reason: `the BPMN is item ${itemCode}, the catalogue says ${catalogue.itemCode}` },
    ]);
  }
}
