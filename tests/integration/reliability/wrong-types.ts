/**
 * Wrong-type bodies generated from an endpoint's own zod schema: for each field (and for the
 * items of list fields) a value of another JSON type, with the path the refusal must name.
 */
import { z } from 'zod';

export interface WrongTypeCase {
  /** The field the 400 must name, as validate() names body fields (`missingMaterials.0.code`). */
  path: string;
  body: Record<string, unknown>;
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Through optional/default/nullable/pipe wrappers to the schema that says what the value is. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

/** A JSON value no schema of `type` accepts. */
function wrongValueFor(type: string): unknown {
  switch (type) {
    case 'string': case 'enum': case 'literal': return 12345;
    case 'number': case 'int': case 'bigint': return 'not-a-number';
    case 'boolean': return 'yes';
    case 'array': return 'not-a-list';
    case 'object': case 'record': return ['not', 'an', 'object'];
    default: throw new Error(`no wrong value for zod type "${type}": teach wrong-types.ts about it`);
  }
}

/** Every wrong-type case of a body schema (an object schema). */
export function wrongTypeCases(schema: z.ZodType): WrongTypeCase[] {
  const root = unwrap(schema);
  const shape = defOf(root).shape;
  if (!shape) throw new Error(`body schema is a ${defOf(root).type}, not an object`);
  return casesOf(shape, []);
}

function casesOf(shape: Record<string, z.ZodType>, prefix: string[]): WrongTypeCase[] {
  const cases: WrongTypeCase[] = [];
  for (const [field, fieldSchema] of Object.entries(shape)) {
    const inner = unwrap(fieldSchema);
    const def = defOf(inner);
    const path = [...prefix, field];
    cases.push({ path: path.join('.'), body: nest(prefix, { [field]: wrongValueFor(def.type) }) });
    if (def.type === 'array' && def.element) {
      const item = unwrap(def.element);
      const itemDef = defOf(item);
      cases.push({ path: [...path, '0'].join('.'), body: nest(prefix, { [field]: [wrongValueFor(itemDef.type)] }) });
      // a list of objects: each field of its first item too
      if (itemDef.type === 'object' && itemDef.shape) {
        for (const sub of casesOf(itemDef.shape, [])) {
          cases.push({ path: [...path, '0', sub.path].join('.'), body: nest(prefix, { [field]: [sub.body] }) });
        }
      }
    }
    if (def.type === 'record' && def.valueType) {
      // a key every record of the API accepts (department ids, aspect names), so only the value is wrong
      const key = '990121:xf';
      cases.push({ path: [...path, key].join('.'), body: nest(prefix, { [field]: { [key]: wrongValueFor(defOf(unwrap(def.valueType)).type) } }) });
    }
  }
  return cases;
}

function nest(prefix: string[], value: Record<string, unknown>): Record<string, unknown> {
  return prefix.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value);
}
