/** Builds the ItemModel from a parsed (and already validated) moddle definitions tree. */
import type { ModdleElement } from 'bpmn-moddle';
import type { Level } from '../org/levels.ts';
import type {
  Assignee, DefaultRule, EndOutcome, HandlingForm, ItemModel, MaterialSpec, ParticipantSpec, Starter, TaskKind, TaskSpec,
} from './item-model.ts';

type Attrs = Record<string, unknown>;

/** Read the single executable process of `definitions` into an ItemModel. */
export function readItemModel(definitions: ModdleElement): ItemModel {
  const process = rootElements(definitions).find((el) => el.$type === 'bpmn:Process' && el.isExecutable !== false);
  if (!process) throw new Error('no executable process');
  const p = process as unknown as Attrs;
  const flowElements = (p.flowElements as ModdleElement[] | undefined) ?? [];
  const tasks: Record<string, TaskSpec> = {};
  for (const el of flowElements) {
    if (el.$type === 'bpmn:UserTask') tasks[el.id as string] = readTask(el, flowElements);
  }
  return {
    itemCode: String(p.itemCode),
    name: String(p.name ?? p.itemCode),
    processId: String(p.id),
    handlingForm: p.handlingForm as HandlingForm,
    startedBy: (p.startedBy as Starter | undefined) ?? 'applicant',
    levels: String(p.levels ?? '').split(',').map((l) => l.trim()).filter(Boolean) as Level[],
    promisedDays: Number(p.promisedDays ?? 0),
    statutoryDays: Number(p.statutoryDays ?? 0),
    ...optionalNumber('greenPromisedDays', p.greenPromisedDays),
    materials: readMaterials(process),
    tasks,
    endOutcomes: readEndOutcomes(flowElements),
  };
}

function readEndOutcomes(flowElements: ModdleElement[]): Record<string, EndOutcome> {
  const outcomes: Record<string, EndOutcome> = {};
  for (const el of flowElements) {
    const e = el as unknown as Attrs;
    if (e.$type === 'bpmn:EndEvent') outcomes[String(e.id)] = (e.outcome as EndOutcome | undefined) ?? 'completed';
  }
  return outcomes;
}

function rootElements(definitions: ModdleElement): ModdleElement[] {
  return ((definitions as unknown as Attrs).rootElements as ModdleElement[] | undefined) ?? [];
}

function readTask(el: ModdleElement, flowElements: ModdleElement[]): TaskSpec {
  const t = el as unknown as Attrs;
  const loop = t.loopCharacteristics as Attrs | undefined;
  return {
    id: String(t.id),
    name: String(t.name ?? t.id),
    kind: t.taskKind as TaskKind,
    ...(t.assignee ? { assignee: t.assignee as Assignee } : {}),
    multiInstance: loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics',
    participants: readParticipants(el),
    ...optionalNumber('signForDays', t.signForDays),
    ...optionalNumber('reviewDays', t.reviewDays),
    ...optionalNumber('greenSignForDays', t.greenSignForDays),
    ...optionalNumber('greenReviewDays', t.greenReviewDays),
    ...optionalNumber('warnDaysBefore', t.warnDaysBefore),
    onTimeout: defaultRule(t.onTimeout),
    onAbsence: defaultRule(t.onAbsence),
    onInaction: defaultRule(t.onInaction),
    ...optionalNumber('remindBeforeDays', t.remindBeforeDays),
    ...optionalNumber('maxReminders', t.maxReminders),
    ...optionalNumber('escalateAfterDays', t.escalateAfterDays),
    ...escalationSignal(String(t.id), flowElements),
  };
}

function readParticipants(el: ModdleElement): ParticipantSpec[] {
  const group = extensionValues(el).find((v) => v.$type === 'approval:Participants') as Attrs | undefined;
  const list = (group?.participants as Attrs[] | undefined) ?? [];
  return list.map((p) => ({
    department: String(p.department),
    level: p.level as Level,
    lead: p.lead === true,
    ...optionalNumber('signForDays', p.signForDays),
    ...optionalNumber('reviewDays', p.reviewDays),
    ...optionalNumber('greenReviewDays', p.greenReviewDays),
  }));
}

function readMaterials(process: ModdleElement): MaterialSpec[] {
  const group = extensionValues(process).find((v) => v.$type === 'approval:Materials') as Attrs | undefined;
  const list = (group?.materials as Attrs[] | undefined) ?? [];
  return list.map((m) => ({ code: String(m.code), name: String(m.name), essential: m.essential === true }));
}

function extensionValues(el: ModdleElement): ModdleElement[] {
  const ext = (el as unknown as Attrs).extensionElements as Attrs | undefined;
  return (ext?.values as ModdleElement[] | undefined) ?? [];
}

// The runtime escalates a task by signalling the boundary signal event attached to it.
function escalationSignal(taskId: string, flowElements: ModdleElement[]): { escalationSignal?: string } {
  for (const el of flowElements) {
    const e = el as unknown as Attrs;
    if (e.$type !== 'bpmn:BoundaryEvent' || (e.attachedToRef as Attrs | undefined)?.id !== taskId) continue;
    const defs = (e.eventDefinitions as Attrs[] | undefined) ?? [];
    const signal = defs.find((d) => d.$type === 'bpmn:SignalEventDefinition');
    const ref = signal?.signalRef as Attrs | undefined;
    if (ref?.id) return { escalationSignal: String(ref.id) };
  }
  return {};
}

function defaultRule(value: unknown): DefaultRule {
  return value === 'approve' ? 'approve' : 'none';
}

function optionalNumber<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === 'number' && Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}
