/** Small typed readers for moddle elements, whose properties are all `unknown` to TypeScript. */
import type { ModdleElement } from 'bpmn-moddle';
import { isModdleElement } from './moddle-tree.ts';

/** The property `name` as a string, or undefined when absent or not a string. */
export function stringProp(element: ModdleElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

/** The property `name` as a list of elements (empty when absent). */
export function elementList(element: ModdleElement, name: string): ModdleElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** The property `name` as one element, or undefined. */
export function elementProp(element: ModdleElement, name: string): ModdleElement | undefined {
  const value = element[name];
  return isModdleElement(value) ? value : undefined;
}

/** The elements inside `<bpmn:extensionElements>` of `element`. */
export function extensionValues(element: ModdleElement): ModdleElement[] {
  const extensions = elementProp(element, 'extensionElements');
  return extensions ? elementList(extensions, 'values') : [];
}

/** `bpmn:ServiceTask` → `ServiceTask`; `camunda:executionListener` → `executionListener`. */
export function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

const FRIENDLY_NAMES: Record<string, string> = {
  SubProcess: 'sub-process',
  AdHocSubProcess: 'ad-hoc sub-process',
};

/** A type name a designer recognises: `bpmn:BusinessRuleTask` → `business rule task`. */
export function friendlyTypeName(type: string): string {
  const name = localName(type);
  return FRIENDLY_NAMES[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A designer-supplied string, quoted and shortened so a hostile value cannot flood a message. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}
