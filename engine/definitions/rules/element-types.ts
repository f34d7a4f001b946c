/**
 * Only the BPMN our runtime implements may be uploaded: user tasks, exclusive and parallel
 * gateways, a none start event, none/terminate end events and signal/message catch events,
 * plus what only draws or documents the diagram. Anything else is refused by name rather than
 * silently ignored or half-executed.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { elementList, friendlyTypeName } from './moddle-access.ts';
import { type Visit, idOf } from './moddle-tree.ts';

export const TIMER_REASON = 'timer events are not supported: time limits are approval attributes counted in working days';

const SUPPORTED = 'an item may only use user tasks, exclusive and parallel gateways, a none start event, end events and signal or message events';

const ALLOWED_BPMN = new Set([
  'Definitions', 'Process', 'StartEvent', 'EndEvent', 'UserTask', 'ExclusiveGateway', 'ParallelGateway',
  'SequenceFlow', 'BoundaryEvent', 'IntermediateCatchEvent', 'Signal', 'Message',
  'SignalEventDefinition', 'MessageEventDefinition', 'TerminateEventDefinition',
  'MultiInstanceLoopCharacteristics', 'Expression', 'FormalExpression', 'ExtensionElements',
  // drawing and documentation only
  'Documentation', 'TextAnnotation', 'Association', 'Group', 'Category', 'CategoryValue',
  'LaneSet', 'Lane', 'Collaboration', 'Participant',
]);
// Diagram interchange and our own extension; foreign extension elements are the scripts rule's.
const ALLOWED_NAMESPACES = new Set(['bpmndi', 'dc', 'di', 'approval']);
const CATCH_DEFINITIONS = new Set(['bpmn:SignalEventDefinition', 'bpmn:MessageEventDefinition']);

/** Every element whose type the runtime does not implement, named by id with its type. */
export const elementTypes: Rule = ({ visits }) => visits.flatMap((visit) => [...typeProblems(visit), ...eventProblems(visit.element)]);

function typeProblems(visit: Visit): Problem[] {
  const { element } = visit;
  const [prefix, name = ''] = element.$type.split(':');
  if (element.$descriptor?.isGeneric || ALLOWED_NAMESPACES.has(prefix ?? '')) return [];
  // script tasks get the scripts rule's reason
  if (element.$type === 'bpmn:ScriptTask' || (prefix === 'bpmn' && ALLOWED_BPMN.has(name))) return [];
  const path = name.endsWith('EventDefinition') ? definitionOwner(visit) : idOf(element) ?? visit.ownerId ?? 'file';
  if (element.$type === 'bpmn:TimerEventDefinition') return [{ path, reason: TIMER_REASON }];
  const what = plural(friendlyTypeName(name.replace(/EventDefinition$/, 'Event')));
  return [{ path, reason: `${what} are not supported: ${SUPPORTED}` }];
}

// An event definition is reported on its event, which is what the designer sees and selects.
function definitionOwner(visit: Visit): string {
  return (visit.parent && idOf(visit.parent)) ?? visit.ownerId ?? 'file';
}

// Allowed definitions in the wrong kind of event (a message start, a signal end …).
function eventProblems(element: ModdleElement): Problem[] {
  const path = idOf(element) ?? 'file';
  const definitions = elementList(element, 'eventDefinitions').map((d) => d.$type);
  const allowedKinds = definitions.filter((type) => ALLOWED_BPMN.has(type.slice(5)));
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return allowedKinds.length > 0 ? [{ path, reason: `only a none start event may start an item, not a ${kinds(allowedKinds)} start event` }] : [];
    case 'bpmn:EndEvent':
      return allowedKinds.some((type) => type !== 'bpmn:TerminateEventDefinition')
        ? [{ path, reason: 'end events must be none or terminate end events' }] : [];
    case 'bpmn:BoundaryEvent':
    case 'bpmn:IntermediateCatchEvent':
      return definitions.length === 1 && allowedKinds.every((type) => CATCH_DEFINITIONS.has(type))
        ? [] : [{ path, reason: `a ${friendlyTypeName(element.$type)} must wait for exactly one signal or message` }];
    default:
      return [];
  }
}

function kinds(types: string[]): string {
  return types.map((type) => friendlyTypeName(type).replace(/ event definition$/, '')).join(' and ');
}

function plural(name: string): string {
  if (name.endsWith('s')) return `${name}es`;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}
