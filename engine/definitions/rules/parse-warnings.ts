/**
 * Turns the reader's warnings into problems: bpmn-moddle skips what it does not understand
 * (unknown elements, duplicate ids) and leaves references dangling, which would otherwise pass
 * silently and surprise the designer at run time.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { localName, quoted } from './moddle-access.ts';
import { idOf, isModdleElement } from './moddle-tree.ts';
import { SCRIPT_ATTRIBUTES, SCRIPT_REASON, carriesCode } from './scripts.ts';

interface Warning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: unknown;
}

/** One problem per reader warning, naming the element when the warning knows it. */
export const parseWarnings: Rule = ({ warnings }) => warnings.flatMap((raw) => {
  const warning = asWarning(raw);
  return warning ? problemFor(warning) : [];
});

function asWarning(raw: unknown): Warning | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { message, element, property, value } = raw as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  return {
    message,
    ...(isModdleElement(element) ? { element } : {}),
    ...(typeof property === 'string' ? { property } : {}),
    value,
  };
}

function problemFor(warning: Warning): Problem[] {
  const { message } = warning;
  const attribute = /^unknown attribute <([^>]*)>/.exec(message)?.[1];
  if (attribute !== undefined) return unknownAttribute(warning, attribute);
  const reference = /^unresolved reference <([^>]*)>/.exec(message)?.[1];
  if (reference !== undefined) return [unresolvedReference(warning, reference)];
  if (message.startsWith('unparsable content')) return [unparsableContent(message)];
  return [{ path: ownerPath(warning.element), reason: firstLine(message) }];
}

function unknownAttribute(warning: Warning, attribute: string): Problem[] {
  // `language` / `scriptFormat` are reported by the scripts rule with a clearer reason.
  if (SCRIPT_ATTRIBUTES.has(localName(attribute))) return [];
  return [{
    path: `${ownerPath(warning.element)}.${attribute}`,
    reason: `unknown attribute ${quoted(attribute)}: it is not part of BPMN 2.0 or the approval extension (check its spelling)`,
  }];
}

function unresolvedReference(warning: Warning, reference: string): Problem {
  const property = localName(warning.property ?? 'reference');
  return {
    path: `${ownerPath(warning.element)}.${property}`,
    reason: `${property} refers to ${quoted(reference)}, but no element has that id`,
  };
}

// The reader drops the whole element (and everything inside it) and names only the tag.
function unparsableContent(message: string): Problem {
  const duplicate = /duplicate ID <([^>]*)>/.exec(message)?.[1];
  if (duplicate !== undefined) {
    return { path: duplicate, reason: `the id ${quoted(duplicate)} is used by more than one element; ids must be unique` };
  }
  const tag = /^unparsable content <([^>\s]*)/.exec(message)?.[1] ?? '';
  const where = `line ${/line: (\d+)/.exec(message)?.[1] ?? '?'}, column ${/column: (\d+)/.exec(message)?.[1] ?? '?'}`;
  if (carriesCode(localName(tag))) return { path: 'file', reason: `${where}: <${tag}>: ${SCRIPT_REASON}` };
  const nested = /nested error: (.*)/.exec(message)?.[1] ?? 'unreadable content';
  return { path: 'file', reason: `${where}: <${tag}> is not a BPMN 2.0 or approval element where it stands (${nested}), so it was not read` };
}

function ownerPath(element: ModdleElement | undefined): string {
  for (let el = element; el; el = el.$parent) {
    const id = idOf(el);
    if (id) return id;
  }
  return 'file';
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
