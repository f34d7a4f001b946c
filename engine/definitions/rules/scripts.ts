/**
 * Uploaded definitions never run code on the server: no script tasks, no script languages on
 * expressions, and no vendor extensions (Camunda, Activiti, Flowable …) that carry scripts,
 * listeners or Java delegates, even though bpmn-engine would ignore most of them today.
 */
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { localName, quoted } from './moddle-access.ts';
import { type Visit, idOf } from './moddle-tree.ts';

export const SCRIPT_REASON = 'scripts are never executed on the server';

/** Attributes that name a script language. */
export const SCRIPT_ATTRIBUTES: ReadonlySet<string> = new Set(['language', 'scriptFormat']);

const OWN_NAMESPACES = new Set(['bpmn', 'bpmndi', 'dc', 'di', 'approval']);
// Local names of foreign elements/attributes that hold code or hook code into the engine.
const CODE_CARRIER = /script|listener|^class$|delegateexpression/i;

/** True when a foreign element or attribute with this local name carries code. */
export function carriesCode(name: string): boolean {
  return CODE_CARRIER.test(name);
}

/** Script tasks, script languages and code-carrying foreign extensions, each named by element. */
export const scripts: Rule = ({ visits }) => {
  const problems: Problem[] = [];
  const refused = new Set<unknown>();
  for (const visit of visits) {
    // Everything inside a refused element is already covered by its problem.
    if (refused.has(visit.parent)) {
      refused.add(visit.element);
      continue;
    }
    const own = elementProblems(visit);
    const found = own.length > 0 ? own : attributeProblems(visit);
    if (found.some((problem) => problem.path === elementPath(visit))) refused.add(visit.element);
    problems.push(...found);
  }
  return problems;
};

function elementProblems(visit: Visit): Problem[] {
  const { element } = visit;
  if (element.$type === 'bpmn:ScriptTask') return [{ path: elementPath(visit), reason: `script tasks are not accepted: ${SCRIPT_REASON}` }];
  if (isForeign(element.$type) && carriesCode(localName(element.$type))) {
    return [{ path: elementPath(visit), reason: `<${element.$type}> is not accepted: ${SCRIPT_REASON}` }];
  }
  return [];
}

function attributeProblems(visit: Visit): Problem[] {
  const { element } = visit;
  const problems: Problem[] = [];
  for (const name of SCRIPT_ATTRIBUTES) {
    const value = element[name] ?? element.$attrs?.[name];
    if (value === undefined || element.$type === 'bpmn:ScriptTask') continue;
    problems.push({ path: elementPath(visit), reason: `${name} ${quoted(String(value))} is not accepted: ${SCRIPT_REASON}` });
  }
  for (const name of Object.keys(element.$attrs ?? {})) {
    if (name.startsWith('xmlns') || !carriesCode(localName(name))) continue;
    problems.push({ path: `${visit.ownerId ?? 'file'}.${name}`, reason: `attribute ${name} is not accepted: ${SCRIPT_REASON}` });
  }
  return problems;
}

function isForeign(type: string): boolean {
  const prefix = type.includes(':') ? type.slice(0, type.indexOf(':')) : '';
  return !OWN_NAMESPACES.has(prefix);
}

// An element without an id (a condition, a listener) is named by its owner and property.
function elementPath(visit: Visit): string {
  const id = idOf(visit.element);
  if (id) return id;
  return visit.key && visit.key !== 'values' && visit.key !== '$children'
    ? `${visit.ownerId ?? 'file'}.${visit.key}`
    : visit.ownerId ?? 'file';
}
