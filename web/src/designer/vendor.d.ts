/**
 * The bpmn-io packages the designer uses ship no TypeScript types (bpmn-js and diagram-js do);
 * these declarations name only what the designer calls.
 */
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: any;
  export const BpmnPropertiesProviderModule: any;
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: any;
  export const TextAreaEntry: any;
  export const SelectEntry: any;
  export const CheckboxEntry: any;
  export const ListGroup: any;
  export const Group: any;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}

declare module '@bpmn-io/properties-panel/preact/jsx-runtime' {
  export function jsx(type: any, props: Record<string, any>, key?: string): any;
}

declare module 'bpmn-js-bpmnlint' {
  const lintModule: any;
  export default lintModule;
}

declare module 'bpmn-js-differ' {
  export function diff(a: unknown, b: unknown): {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, unknown>;
    _layoutChanged: Record<string, unknown>;
  };
}

