/** Reading a task's `approval:participants` and naming one participant in a problem. */
import type { ModdleElement } from 'bpmn-moddle';
import { elementList, extensionValues, stringProp } from './moddle-access.ts';

/** The participants of a task, from every `approval:participants` block, in document order. */
export function participantsOf(task: ModdleElement): ModdleElement[] {
  return extensionValues(task)
    .filter((value) => value.$type === 'approval:Participants')
    .flatMap((group) => elementList(group, 'participants'));
}

/** `participant 2 (xf, city)`: participants have no id, so they are named by position. */
export function describeParticipant(participant: ModdleElement, index: number): string {
  const department = stringProp(participant, 'department') ?? '?';
  const level = stringProp(participant, 'level') ?? '?';
  return `participant ${index + 1} (${department.slice(0, 40)}, ${level.slice(0, 20)})`;
}
