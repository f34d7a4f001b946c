/**
 * Deploy-time compilation of an uploaded BPMN file: refuse hostile XML before parsing, parse
 * with bpmn-moddle + the approval extension, validate, then keep what the runtime needs — the
 * item model and the serialized moddle context the engine is built from (parse once per
 * version, never per command).
 */
import { BpmnModdle } from 'bpmn-moddle';
import * as elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import { DefinitionRejectedError } from '../errors/domain-error.ts';
import { approvalDescriptor } from './approval-descriptor.ts';
import type { ItemModel } from './item-model.ts';
import { readItemModel } from './read-item-model.ts';
import { validateDefinition } from './validate-definition.ts';
import { guardXml } from './xml-guard.ts';

export interface CompiledDefinition {
  xml: string;
  item: ItemModel;
  /** JSON of the moddle context, handed to bpmn-engine as `sourceContext` after deserializing. */
  sourceContext: unknown;
}

/** Guard, parse and validate `xml`; throws DefinitionRejectedError naming every problem. */
export async function compileDefinition(input: string | Buffer): Promise<CompiledDefinition> {
  const xml = guardXml(input);
  const moddle = new BpmnModdle({ approval: approvalDescriptor });
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    throw new DefinitionRejectedError('the file is not well-formed BPMN XML', [
      { path: 'file', reason: (error as Error).message.split('\n')[0] ?? 'unreadable XML' },
    ]);
  }
  const problems = validateDefinition(parsed.rootElement, parsed.warnings);
  if (problems.length > 0) throw new DefinitionRejectedError(`the definition has ${problems.length} problem(s)`, problems);
  const serialized = Serializer(parsed, TypeResolver(elements)).serialize();
  return { xml, item: readItemModel(parsed.rootElement), sourceContext: JSON.parse(serialized) };
}
