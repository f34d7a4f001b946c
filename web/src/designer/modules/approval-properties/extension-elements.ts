/**
 * Reading and writing the `approval:` children of `bpmn:extensionElements` (participants,
 * materials) as undoable commands: every change goes through the command stack, so undo/redo
 * and the linter see it like any edit on the canvas.
 */
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

export type Bo = any;
export type Shape = any;

interface Command {
  cmd: string;
  context: Record<string, unknown>;
}

/** The first `approval:<type>` child of the element's extension elements. */
export function extensionOf(bo: Bo, type: string): Bo | undefined {
  return (bo?.extensionElements?.get('values') ?? []).find((v: Bo) => is(v, type));
}

/** The process whose item attributes an element carries (the process itself or a pool's process). */
export function processOf(element: Shape): Bo | undefined {
  const bo = getBusinessObject(element);
  if (is(bo, 'bpmn:Process')) return bo;
  if (is(bo, 'bpmn:Participant')) return bo.processRef;
  return undefined;
}

const update = (element: Shape, moddleElement: Bo, properties: Record<string, unknown>): Command =>
  ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

/**
 * Append `item` to the `listProp` of the `approval:<listType>` container inside `owner`'s
 * extension elements, creating the extension elements and the container when missing.
 */
export function appendToList(injector: { get(name: string): any }, element: Shape, owner: Bo,
  listType: string, listProp: string, item: Bo): void {
  const bpmnFactory = injector.get('bpmnFactory');
  const commands: Command[] = [];
  let extensions = owner.extensionElements;
  if (!extensions) {
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = owner;
    commands.push(update(element, owner, { extensionElements: extensions }));
  }
  let list = extensionOf(owner, listType);
  if (!list) {
    list = bpmnFactory.create(listType, { [listProp]: [] });
    list.$parent = extensions;
    commands.push(update(element, extensions, { values: [...extensions.get('values'), list] }));
  }
  item.$parent = list;
  commands.push(update(element, list, { [listProp]: [...list.get(listProp), item] }));
  injector.get('commandStack').execute('properties-panel.multi-command-executor', commands);
}

/** Remove `item` from its container; an emptied container is removed too (no empty XML tags left). */
export function removeFromList(injector: { get(name: string): any }, element: Shape, owner: Bo,
  listType: string, listProp: string, item: Bo): void {
  const list = extensionOf(owner, listType);
  if (!list) return;
  const rest = list.get(listProp).filter((i: Bo) => i !== item);
  const extensions = owner.extensionElements;
  const command = rest.length
    ? update(element, list, { [listProp]: rest })
    : update(element, extensions, { values: extensions.get('values').filter((v: Bo) => v !== list) });
  injector.get('commandStack').execute('properties-panel.multi-command-executor', [command]);
}

/** Set attributes of a moddle element that is not the shape's own business object. */
export function updateModdle(injector: { get(name: string): any }, element: Shape, moddleElement: Bo,
  properties: Record<string, unknown>): void {
  injector.get('modeling').updateModdleProperties(element, moddleElement, properties);
}
