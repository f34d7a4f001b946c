/**
 * bpmn-js module: after a file from another modeler is opened, strip what our platform never
 * runs and say so — foreign extension elements and attributes (camunda:, zeebe:, activiti: …),
 * script bodies and script-language conditions — and report bpmn-js's own import warnings and
 * elements without a diagram position (they exist but are not drawn).
 */
export type NoticeKind = 'import-warning' | 'foreign-extension' | 'foreign-attribute' | 'script' | 'script-condition' | 'not-drawn';

export interface ImportNotice {
  kind: NoticeKind;
  /** The element concerned, when there is one. */
  elementId?: string;
  /** What was dropped or what bpmn-js said (tag name, attribute name, warning text). */
  detail: string;
}

type Moddle = any;

const OURS = 'approval:';
// Prefixes of the BPMN schema itself and of ours: their attributes are never foreign.
const KNOWN_PREFIXES = new Set(['xmlns', 'xsi', 'bpmn', 'bpmn2', 'bpmndi', 'dc', 'di', 'approval']);

function isModdle(value: unknown): value is Moddle {
  return typeof value === 'object' && value !== null && typeof (value as Moddle).$type === 'string';
}

// Containment children only: references (sourceRef, default …) point back into the tree.
function children(element: Moddle): Moddle[] {
  const found: Moddle[] = [];
  for (const property of element.$descriptor?.properties ?? []) {
    if (property.isReference || property.isAttr) continue;
    const value = element[property.name];
    for (const child of Array.isArray(value) ? value : [value]) if (isModdle(child)) found.push(child);
  }
  return found;
}

function ownerId(element: Moddle): string | undefined {
  for (let e = element; e; e = e.$parent) if (typeof e.id === 'string' && !e.$type.startsWith('bpmndi:')) return e.id;
  return undefined;
}

export class ImportReport {
  static $inject = ['bpmnjs', 'elementRegistry'];
  constructor(private bpmnjs: any, private registry: any) {}

  /**
   * Clean the imported definitions in place (before any editing, so nothing enters the undo
   * stack) and list every notice. `warnings` are the ones importXML returned.
   */
  inspect(warnings: Array<{ message?: string; element?: Moddle }>): ImportNotice[] {
    const notices: ImportNotice[] = warnings.map((w) => ({
      kind: 'import-warning', detail: String(w.message ?? w).split('\n')[0]!, elementId: isModdle(w.element) ? w.element.id : undefined,
    }));
    const definitions = this.bpmnjs.getDefinitions();
    if (definitions) this.walk(definitions, notices);
    return notices;
  }

  private walk(element: Moddle, notices: ImportNotice[]): void {
    if (element.$type.startsWith('bpmndi:') || element.$type.startsWith('dc:') || element.$type.startsWith('di:')) return;
    this.dropForeignAttributes(element, notices);
    this.dropScripts(element, notices);
    const extensions = element.extensionElements;
    if (extensions?.values?.length) {
      const kept = extensions.values.filter((v: Moddle) => v.$type.startsWith(OURS));
      for (const v of extensions.values) if (!v.$type.startsWith(OURS)) notices.push({ kind: 'foreign-extension', elementId: ownerId(element), detail: v.$type });
      extensions.values = kept;
      if (!kept.length) element.extensionElements = undefined;
    }
    if (this.isDrawable(element) && !this.registry.get(element.id)) notices.push({ kind: 'not-drawn', elementId: element.id, detail: element.$type });
    for (const child of children(element)) this.walk(child, notices);
  }

  private dropForeignAttributes(element: Moddle, notices: ImportNotice[]): void {
    const attrs: Record<string, unknown> = element.$attrs ?? {};
    for (const name of Object.keys(attrs)) {
      // Namespace declarations and xsi:type stay; any other prefixed attribute bpmn-moddle did not know is foreign.
      const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined;
      if (!prefix || name.startsWith('xmlns') || KNOWN_PREFIXES.has(prefix)) continue;
      delete attrs[name];
      notices.push({ kind: 'foreign-attribute', elementId: ownerId(element), detail: name });
    }
  }

  private dropScripts(element: Moddle, notices: ImportNotice[]): void {
    if (element.$type === 'bpmn:ScriptTask' && (element.script || element.scriptFormat)) {
      element.script = undefined;
      element.scriptFormat = undefined;
      notices.push({ kind: 'script', elementId: element.id, detail: element.name ?? element.id });
    }
    const condition = element.conditionExpression;
    if (condition?.language) {
      element.conditionExpression = undefined;
      notices.push({ kind: 'script-condition', elementId: element.id, detail: condition.language });
    }
  }

  private isDrawable(element: Moddle): boolean {
    return ['bpmn:FlowNode', 'bpmn:SequenceFlow'].some((type) => element.$instanceOf?.(type)) && typeof element.id === 'string';
  }
}

export default {
  __init__: ['importReport'],
  importReport: ['type', ImportReport],
};
