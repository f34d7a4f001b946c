/**
 * Deploy-time compilation of an uploaded BPMN file: refuse hostile XML before parsing, parse
 * with bpmn-moddle + the approval extension, validate, then keep what the runtime needs — the
 * item model and the serialized moddle context the engine is built from (parse once per
 * version, never per command). Parsing and compiling are separate steps so a caller can run
 * more checks (the designer's lint rules) on the one parsed tree.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import * as elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import { DefinitionRejectedError, type Problem } from '../errors/domain-error.ts';
import { approvalDescriptor } from './approval-descriptor.ts';
import { engineContext } from './engine-context.ts';
import type { ItemModel } from './item-model.ts';
import { readItemModel } from './read-item-model.ts';
import { MAX_PROBLEMS, validateDefinition } from './validate-definition.ts';
import { guardXml } from './xml-guard.ts';

export interface CompiledDefinition {
  xml: string;
  item: ItemModel;
  /** JSON of the moddle context in the engine's form (engine-context.ts), handed to bpmn-engine as `sourceContext` after deserializing. */
  sourceContext: unknown;
}

/** A guarded, parsed (not yet validated) file. */
export interface ParsedDefinition {
  xml: string;
  definitions: ModdleElement;
  warnings: unknown[];
  /** bpmn-moddle's whole parse result (the serializer needs its references). */
  context: Awaited<ReturnType<BpmnModdle['fromXML']>>;
}

/** Guard, parse and validate `xml`; throws DefinitionRejectedError naming every problem. */
export async function compileDefinition(input: string | Buffer): Promise<CompiledDefinition> {
  return compileParsed(await parseDefinition(input));
}

/** Guard and parse `xml`; throws DefinitionRejectedError when it is hostile or not XML. */
export async function parseDefinition(input: string | Buffer): Promise<ParsedDefinition> {
  const xml = guardXml(input);
  const moddle = new BpmnModdle({ approval: approvalDescriptor });
  let context;
  try {
    context = await moddle.fromXML(xml);
  } catch (error) {
    throw new DefinitionRejectedError('the file is not well-formed BPMN XML', [
      { path: 'file', reason: (error as Error).message.split('\n')[0] ?? 'unreadable XML' },
    ]);
  }
  return { xml, definitions: context.rootElement, warnings: context.warnings, context };
}

/**
 * Validate a parsed file and compile it; `extra` are problems other checks found on the same
 * tree, refused together with the deploy rules' (one already reported for the same element and
 * reason is not repeated).
 */
export function compileParsed(parsed: ParsedDefinition, extra: readonly Problem[] = []): CompiledDefinition {
  const own = validateDefinition(parsed.definitions, parsed.warnings);
  const problems = capped([...own, ...extra.filter((problem) => !own.some((o) => sameComplaint(o, problem)))]);
  if (problems.length > 0) throw new DefinitionRejectedError(`the definition has ${problems.length} problem(s)`, problems);
  const item = readItemModel(parsed.definitions);
  return { xml: parsed.xml, item, sourceContext: engineContext(authoredContext(parsed), item) };
}

/** The serialized moddle context of the file as written (bare bpmn-engine's own reading of it). */
export function authoredContext(parsed: ParsedDefinition): unknown {
  return JSON.parse(Serializer(parsed.context, TypeResolver(elements)).serialize());
}

// A hostile file can fail a rule per element; the designer needs the first ones, not 100 000.
function capped(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS + 1) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { path: 'file', reason: `… and ${problems.length - MAX_PROBLEMS} more problems` }];
}

// `Task_review.onTimeout` and `Task_review` with the same reason are one complaint.
function sameComplaint(a: Problem, b: Problem): boolean {
  return a.reason === b.reason && (a.path === b.path || a.path.startsWith(`${b.path}.`) || b.path.startsWith(`${a.path}.`));
}
