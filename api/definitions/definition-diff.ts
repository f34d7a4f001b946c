/**
 * Element-level diff of two versions of an item, for designers and reviewers of a change:
 * which BPMN elements were added, removed, or changed and in what — name, `approval:`
 * attributes (limits, defaults, task kind …), participants, materials, flow ends and
 * conditions. Both files are parsed with bpmn-moddle and the approval descriptor, so a change
 * in attribute order, whitespace or diagram layout is not a change; layout (DI) is left out.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { approvalDescriptor } from '../../engine/definitions/approval-descriptor.ts';

export interface ElementRef {
  id: string;
  type: string;
  name: string | null;
}

export interface FieldChange {
  /** `name`, `approval:reviewDays`, `participants`, `materials`, `condition`, `targetRef` … */
  field: string;
  from: unknown;
  to: unknown;
}

export interface ChangedElement extends ElementRef {
  changes: FieldChange[];
}

export interface DefinitionDiff {
  added: ElementRef[];
  removed: ElementRef[];
  changed: ChangedElement[];
}

interface PropertyDescriptor {
  name: string;
  ns?: { prefix?: string };
  isAttr?: boolean;
  isMany?: boolean;
  isReference?: boolean;
}

type Fields = Record<string, unknown>;

/** Compare the semantic elements of `fromXml` and `toXml` (stored, already validated files). */
export async function diffDefinitions(fromXml: string, toXml: string): Promise<DefinitionDiff> {
  const [before, after] = await Promise.all([semanticElements(fromXml), semanticElements(toXml)]);
  const diff: DefinitionDiff = { added: [], removed: [], changed: [] };
  for (const [id, element] of after) {
    const old = before.get(id);
    if (!old) {
      diff.added.push(refOf(id, element));
      continue;
    }
    const changes = compare(describe(old), describe(element));
    if (changes.length) diff.changed.push({ ...refOf(id, element), changes });
  }
  for (const [id, element] of before) {
    if (!after.has(id)) diff.removed.push(refOf(id, element));
  }
  return diff;
}

// Every BPMN element with an id except the definitions root and the diagram (bpmndi/dc/di).
async function semanticElements(xml: string): Promise<Map<string, ModdleElement>> {
  const parsed = await new BpmnModdle({ approval: approvalDescriptor }).fromXML(xml);
  const elements = new Map<string, ModdleElement>();
  for (const [id, element] of Object.entries(parsed.elementsById)) {
    if (element.$type.startsWith('bpmn:') && element.$type !== 'bpmn:Definitions') elements.set(id, element);
  }
  return elements;
}

function refOf(id: string, element: ModdleElement): ElementRef {
  return { id, type: element.$type, name: typeof element.name === 'string' ? element.name : null };
}

function compare(before: Fields, after: Fields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}

/** What a designer can change about one element, as plain comparable values. */
function describe(element: ModdleElement): Fields {
  // The type first: an id reused for another kind of element is a change, not a coincidence.
  const fields: Fields = { type: element.$type, ...attributesOf(element) };
  delete fields.id;
  const documentation = listOf(element.documentation).map((d) => d.text).filter((t) => typeof t === 'string');
  if (documentation.length) fields.documentation = documentation.join('\n');
  const condition = asElement(element.conditionExpression);
  if (condition) fields.condition = condition.body ?? null;
  const loop = asElement(element.loopCharacteristics);
  if (loop) fields.loop = { type: loop.$type, ...attributesOf(loop) };
  const definitions = listOf(element.eventDefinitions);
  if (definitions.length) fields.eventDefinitions = definitions.map((d) => ({ type: d.$type, ...attributesOf(d) }));
  for (const value of listOf(asElement(element.extensionElements)?.values)) {
    if (value.$type === 'approval:Participants') {
      // Order of participants carries no meaning; sort so a reordering is not a change.
      fields.participants = listOf(value.participants).map(attributesOf)
        .sort((a, b) => `${a.level}:${a.department}`.localeCompare(`${b.level}:${b.department}`));
    } else if (value.$type === 'approval:Materials') {
      fields.materials = listOf(value.materials).map(attributesOf);
    }
  }
  return fields;
}

// Single-valued attributes and references of the element's type (BPMN and `approval:`),
// references by id; approval attributes are named as in the XML (`approval:reviewDays`).
function attributesOf(element: ModdleElement): Fields {
  const fields: Fields = {};
  const properties = (element.$descriptor as { properties?: PropertyDescriptor[] } | undefined)?.properties ?? [];
  for (const property of properties) {
    if (property.isMany || !(property.isAttr || property.isReference)) continue;
    const value = element[property.name];
    if (value === undefined) continue;
    const key = property.ns?.prefix === 'approval' && element.$type.startsWith('bpmn:') ? `approval:${property.name}` : property.name;
    fields[key] = property.isReference ? (asElement(value)?.id ?? null) : value;
  }
  return fields;
}

function asElement(value: unknown): ModdleElement | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string' ? value as ModdleElement : undefined;
}

function listOf(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? value.filter((v): v is ModdleElement => asElement(v) !== undefined) : [];
}
