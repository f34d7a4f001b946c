/**
 * The part of bpmn-moddle we use. Its bundled types are not reachable under NodeNext, and we
 * only need the parse result: elements are read through their `$type` and property names.
 */
declare module 'bpmn-moddle' {
  /** What moddle knows about a property of an element's type (only the flags we read). */
  export interface ModdlePropertyDescriptor {
    name: string;
    isReference?: boolean;
    isAttr?: boolean;
    isMany?: boolean;
  }

  /** The type descriptor moddle attaches to every element; generic (foreign) elements have no properties. */
  export interface ModdleDescriptor {
    name: string;
    isGeneric?: boolean;
    propertiesByName?: Record<string, ModdlePropertyDescriptor | undefined>;
  }

  /** One parsed element: a BPMN, DI, `approval:` or generic foreign-namespace element. */
  export interface ModdleElement {
    $type: string;
    id?: string;
    /** Attributes moddle did not map to a property: foreign namespaces and `xmlns` declarations. */
    $attrs?: Record<string, string>;
    /** The containing element (non-enumerable; absent on the root). */
    $parent?: ModdleElement;
    $descriptor?: ModdleDescriptor;
    get(name: string): unknown;
    [key: string]: unknown;
  }

  /** A non-fatal complaint from the reader: unknown attribute, unresolved reference, skipped content. */
  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: unknown;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
  }
}
