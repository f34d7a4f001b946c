/**
 * bpmn-engine resolves `${…}` with a small path language that can also call functions
 * (`${environment.services.x()}`) and index with brackets. Uploaded files may only read plain
 * variables, so every expression must be a dotted path under `environment.variables.`, or
 * true/false, and must be the whole value: the engine re-reads text produced by interpolation,
 * so applicant-supplied values spliced into a template could become expressions themselves.
 */
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { quoted } from './moddle-access.ts';
import { type Visit, attributePath } from './moddle-tree.ts';

const EXPRESSION = /\$\{([^}]*)\}?/g;
const WHOLE_EXPRESSION = /^\$\{[^}]*\}$/;
export const PLAIN_PATH = /^environment\.variables(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
// Only text the engine never resolves (notes for people) is exempt.
const PROSE_TYPES = new Set(['bpmn:Documentation', 'bpmn:TextAnnotation']);

/** Why the inside of one `${…}` is not allowed, or undefined when it is. */
export function expressionProblem(inner: string): string | undefined {
  if (inner === 'true' || inner === 'false' || PLAIN_PATH.test(inner)) return undefined;
  if (inner.includes('environment.services')) return 'environment.services is not available: expressions may only read environment.variables';
  if (inner.includes('(')) return 'function calls are not allowed in expressions';
  if (inner.includes('[')) return 'brackets are not allowed in expressions: use a plain path such as ${environment.variables.review.approved}';
  return 'an expression may only be a plain path under environment.variables (letters, digits, underscores and dots) or true/false';
}

/** Why a whole attribute value holding `${` is not allowed, or undefined when it is. */
export function valueProblem(value: string): string | undefined {
  const text = value.trim();
  for (const match of text.matchAll(EXPRESSION)) {
    const inner = match[1] ?? '';
    if (!match[0].endsWith('}')) return `unterminated expression ${quoted(match[0])}`;
    const problem = expressionProblem(inner);
    if (problem) return `${quoted(match[0])}: ${problem}`;
  }
  if (!WHOLE_EXPRESSION.test(text)) return 'an expression must be the whole value, with no text around it or a second expression';
  return undefined;
}

/** Every `${…}` in every attribute or text of the file, except documentation. */
export const expressions: Rule = ({ visits }) => visits.flatMap((visit) => {
  if (PROSE_TYPES.has(visit.element.$type)) return [];
  return stringValues(visit).flatMap(([name, value]): Problem[] => {
    if (!value.includes('${')) return [];
    const reason = valueProblem(value);
    return reason ? [{ path: attributePath(visit, name), reason }] : [];
  });
});

function stringValues({ element }: Visit): [string, string][] {
  const own = Object.keys(element)
    .filter((key) => key !== '$type' && typeof element[key] === 'string')
    .map((key): [string, string] => [key, element[key] as string]);
  return [...own, ...Object.entries(element.$attrs ?? {})];
}
