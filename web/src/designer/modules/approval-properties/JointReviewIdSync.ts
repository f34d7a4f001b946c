/**
 * A joint review's collection names its own task id (`participants.<id>`); when a designer
 * renames the task's id, the collection follows in the same undoable step, so the runtime still
 * finds the participants it resolved.
 */
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { participantsCollection } from './joint-review-entry.ts';

type Context = { element: any; properties?: Record<string, unknown>; moddleElement?: unknown; oldTaskId?: string };

export class JointReviewIdSync extends CommandInterceptor {
  static $inject = ['eventBus', 'modeling'];

  constructor(eventBus: any, modeling: any) {
    super(eventBus);
    const renamesTask = (context: Context) => {
      const bo = getBusinessObject(context.element);
      const sameObject = context.moddleElement === undefined || context.moddleElement === bo;
      return is(bo, 'bpmn:UserTask') && sameObject && typeof context.properties?.id === 'string' && context.properties.id !== bo.id;
    };
    this.preExecute(['element.updateProperties', 'element.updateModdleProperties'], (event: { context: Context }) => {
      if (renamesTask(event.context)) event.context.oldTaskId = getBusinessObject(event.context.element).id;
    });
    this.postExecute(['element.updateProperties', 'element.updateModdleProperties'], (event: { context: Context }) => {
      const { element, oldTaskId } = event.context;
      if (!oldTaskId) return;
      const loop = getBusinessObject(element).loopCharacteristics;
      if (loop?.get?.('approval:collection') !== participantsCollection(oldTaskId)) return;
      modeling.updateModdleProperties(element, loop, { 'approval:collection': participantsCollection(getBusinessObject(element).id) });
    });
  }
}
