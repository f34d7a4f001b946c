/**
 * A flat, document-ordered view of a parsed definitions tree, so each rule can look at every
 * element (BPMN, DI, `approval:` and foreign extension elements alike) without its own walker.
 */
import type { ModdleElement } from 'bpmn-moddle';

/** One element of the tree and where it sits. */
export interface Visit {
  element: ModdleElement;
  parent: ModdleElement | undefined;
  /** The parent's property holding this element: `flowElements`, `conditionExpression`, `$children` … */
  key: string;
  /** The element's own id, or that of its nearest ancestor with one (for naming it in a problem). */
  ownerId: string | undefined;
}

/** True when `value` looks like a moddle element (anything with a string `$type`). */
export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** Every element contained in `root` (root first), following containment, never references. */
export function walk(root: ModdleElement): Visit[] {
  const visits: Visit[] = [];
  const seen = new Set<ModdleElement>();
  // An explicit stack: a deeply nested hostile file must not overflow the call stack.
  const stack: Visit[] = [{ element: root, parent: undefined, key: '', ownerId: idOf(root) }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (seen.has(visit.element)) continue;
    seen.add(visit.element);
    visits.push(visit);
    // pushed in reverse so children come out in document order (no spread: lists can be huge)
    const children = childVisits(visit);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as Visit);
  }
  return visits;
}

function childVisits({ element, ownerId }: Visit): Visit[] {
  const children: Visit[] = [];
  for (const key of Object.keys(element)) {
    if (key === '$attrs' || isReference(element, key)) continue;
    for (const child of asElements(element[key])) {
      children.push({ element: child, parent: element, key, ownerId: idOf(child) ?? ownerId });
    }
  }
  return children;
}

function isReference(element: ModdleElement, key: string): boolean {
  return element.$descriptor?.propertiesByName?.[key]?.isReference === true;
}

function asElements(value: unknown): ModdleElement[] {
  if (Array.isArray(value)) return value.filter(isModdleElement);
  return isModdleElement(value) ? [value] : [];
}

/** The element's id when it is a non-empty string. */
export function idOf(element: ModdleElement): string | undefined {
  const id = element.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The `path` of a problem about `attribute` of the visited element: `<id>.<attribute>`. An
 * element without an id (a condition, loop characteristics) is named by its owner and by the
 * property holding it when the attribute is its text body.
 */
export function attributePath(visit: Visit, attribute: string): string {
  const owner = visit.ownerId ?? 'file';
  if (idOf(visit.element)) return `${owner}.${attribute}`;
  const isBody = attribute === 'body' || attribute === '$body';
  const label = !isBody ? attribute : visit.element.$descriptor?.isGeneric ? visit.element.$type : visit.key;
  return `${owner}.${label}`;
}
