/**
 * The approval items shipped in processes/: every *.bpmn must parse with the `approval`
 * extension, draw completely in the designer, use only what the runtime executes, branch only
 * on task outcome flags, name real departments, and come with its public catalogue (七公开).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { departmentProblem } from '../../../engine/org/department-kinds.ts';
import { isLevel } from '../../../engine/org/levels.ts';
import { OUTCOME_FLAGS } from '../../../engine/definitions/item-model.ts';

const PROCESSES = new URL('../../../processes/', import.meta.url);
const descriptor: unknown = JSON.parse(readFileSync(new URL('approval-moddle.json', PROCESSES), 'utf8'));

/** The parts of a parsed moddle element these tests read. */
interface Element {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  [property: string]: unknown;
}
interface Bounds { x: number; y: number; width: number; height: number }
interface Point { x: number; y: number }

const FLAGS: Record<string, readonly string[]> = OUTCOME_FLAGS;
/** Kinds done by departments; every other kind goes to one fixed assignee. */
const DEPARTMENT_KINDS = ['review', 'handle', 'meeting', 'decide'];
const ASSIGNEE_OF: Record<string, string> = {
  accept: 'window', supplement: 'applicant', dispatch: 'dispatcher', callback: 'dispatcher', supervise: 'supervisor',
};
const HANDLING_FORMS = ['instant', 'promised', 'joint'];
const END_OUTCOMES = ['completed', 'returned', 'closed'];
const DEFAULT_RULES = ['approve', 'none'];
const LIMITS = [
  'signForDays', 'reviewDays', 'greenSignForDays', 'greenReviewDays', 'warnDaysBefore',
  'remindBeforeDays', 'maxReminders', 'escalateAfterDays',
];
const FLOW_NODE_TYPES = [
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:UserTask', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway',
  'bpmn:BoundaryEvent', 'bpmn:IntermediateCatchEvent',
];
const CONDITION = /^\$\{environment\.variables\.([A-Za-z][A-Za-z0-9]*)\.([A-Za-z]+)\}$/;
const CATALOGUE_KEYS = [
  'itemCode', 'name', 'category', 'implementingDepartment', 'levels', 'legalBasis', 'conditions',
  'procedure', 'fees', 'consultation', 'handlingForm', 'notes',
];

interface Item {
  file: string;
  xml: string;
  warnings: string[];
  rootElements: Element[];
  process: Element;
  nodes: Element[];
  flows: Element[];
  tasks: Element[];
  shapes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
  diElements: Element[];
  catalogueFile: URL;
}

const list = (value: unknown): Element[] => (Array.isArray(value) ? (value as Element[]) : []);
const ref = (value: unknown): Element | undefined => (value && typeof value === 'object' ? (value as Element) : undefined);
const idOf = (value: unknown): string | undefined => ref(value)?.id;
const extensionValues = (element: Element): Element[] => list(ref(element.extensionElements)?.values);
const participantsOf = (task: Element): Element[] =>
  extensionValues(task).filter((value) => value.$type === 'approval:Participants').flatMap((group) => list(group.participants));
const kindOf = (task: Element): string => String(task.taskKind);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

async function load(file: string): Promise<Item> {
  const xml = readFileSync(new URL(file, PROCESSES), 'utf8');
  const moddle = new BpmnModdle({ approval: descriptor });
  const parsed = await moddle.fromXML(xml);
  const definitions = parsed.rootElement as unknown as Element;
  const rootElements = list(definitions.rootElements);
  const process = rootElements.find((element) => element.$type === 'bpmn:Process');
  if (!process) throw new Error(`${file} has no process`);
  const flowElements = list(process.flowElements);
  const diElements = list(definitions.diagrams).flatMap((diagram) => list(ref(diagram.plane)?.planeElement));
  const shapes = new Map<string, Bounds>();
  const edges = new Map<string, Point[]>();
  for (const di of diElements) {
    const target = idOf(di.bpmnElement);
    if (!target) continue;
    if (di.$type === 'bpmndi:BPMNShape') shapes.set(target, di.bounds as Bounds);
    if (di.$type === 'bpmndi:BPMNEdge') edges.set(target, list(di.waypoint) as unknown as Point[]);
  }
  return {
    file,
    xml,
    warnings: parsed.warnings.map((warning) => warning.message),
    rootElements,
    process,
    nodes: flowElements.filter((element) => element.$type !== 'bpmn:SequenceFlow'),
    flows: flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow'),
    tasks: flowElements.filter((element) => element.$type === 'bpmn:UserTask'),
    shapes,
    edges,
    diElements,
    catalogueFile: new URL(file.replace(/\.bpmn$/, '.catalogue.json'), PROCESSES),
  };
}

const files = readdirSync(PROCESSES).filter((file) => file.endsWith('.bpmn')).sort();
const items = await Promise.all(files.map(load));
const byFile = (file: string): Item => {
  const item = items.find((candidate) => candidate.file === file);
  if (!item) throw new Error(`processes/${file} is missing`);
  return item;
};

/** Every moddle element in the tree under `root`, each once. */
function allElements(root: Element): Element[] {
  const seen = new Set<Element>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    const element = ref(value);
    if (!element || typeof element.$type !== 'string' || seen.has(element)) return;
    seen.add(element);
    Object.values(element).forEach(walk);
  };
  walk(root);
  return [...seen];
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when `point` lies inside `bounds` or on its border (1px tolerance). */
function touches(bounds: Bounds, point: Point): boolean {
  return point.x >= bounds.x - 1 && point.x <= bounds.x + bounds.width + 1
    && point.y >= bounds.y - 1 && point.y <= bounds.y + bounds.height + 1;
}

function catalogueOf(item: Item): Record<string, unknown> {
  return JSON.parse(readFileSync(item.catalogueFile, 'utf8')) as Record<string, unknown>;
}

describe('the approval items in processes/', () => {
  it('ships the four real items, each as a BPMN file with its public catalogue', () => {
    expect(files).toEqual(expect.arrayContaining([
      'construction-permit.bpmn', 'food-business-licence.bpmn', 'hazardous-chemicals-licence.bpmn', 'work-order-12345.bpmn',
    ]));
    for (const item of items) expect(existsSync(item.catalogueFile), `${item.file} has a catalogue`).toBe(true);
  });

  it('gives every item its own twelve-digit item code', () => {
    const codes = items.map((item) => item.process.itemCode);
    for (const code of codes) expect(code).toMatch(/^\d{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe.each(items.map((item) => [item.file, item] as const))('%s', (_file, item) => {
  it('parses with the approval extension without a single warning', () => {
    expect(item.warnings).toEqual([]);
  });

  it('uses no approval attribute the extension does not define (a typo would be silently ignored)', () => {
    const unknown = allElements(item.process).flatMap((element) =>
      Object.keys(element.$attrs ?? {}).filter((name) => name.startsWith('approval:')).map((name) => `${element.id ?? element.$type} ${name}`));
    expect(unknown).toEqual([]);
  });

  it('declares one executable item with its code, handling form, levels and working-day limits (green ≤ promised ≤ statutory)', () => {
    const { process } = item;
    expect(item.rootElements.filter((element) => element.$type === 'bpmn:Process')).toHaveLength(1);
    expect(process.isExecutable).toBe(true);
    expect(process.itemCode).toMatch(/^\d{12}$/);
    expect(HANDLING_FORMS).toContain(process.handlingForm);
    const levels = String(process.levels).split(',');
    expect(levels.length).toBeGreaterThan(0);
    for (const level of levels) expect(isLevel(level), `level "${level}"`).toBe(true);
    expect(isCount(process.statutoryDays) && process.statutoryDays > 0).toBe(true);
    expect(isCount(process.promisedDays)).toBe(true);
    expect(process.promisedDays as number).toBeLessThanOrEqual(process.statutoryDays as number);
    if (process.greenPromisedDays !== undefined) {
      expect(isCount(process.greenPromisedDays)).toBe(true);
      expect(process.greenPromisedDays as number).toBeLessThanOrEqual(process.promisedDays as number);
    }
  });

  it('describes the item and lists its materials, with unique codes, only in the BPMN', () => {
    const documentation = list(item.process.documentation).map((doc) => String(doc.text ?? '')).join('');
    expect(documentation.trim().length).toBeGreaterThan(20);
    const materials = extensionValues(item.process)
      .filter((value) => value.$type === 'approval:Materials')
      .flatMap((group) => list(group.materials));
    expect(materials.length).toBeGreaterThan(0);
    for (const material of materials) {
      expect(material.code).toMatch(/\S/);
      expect(material.name).toMatch(/\S/);
      expect(typeof material.essential).toBe('boolean');
    }
    expect(materials.some((material) => material.essential === true)).toBe(true);
    expect(new Set(materials.map((material) => material.code)).size).toBe(materials.length);
    expect(catalogueOf(item)).not.toHaveProperty('materials');
  });

  it('uses only the elements the runtime executes: no script, service or timer elements', () => {
    expect(item.rootElements.map((element) => element.$type).filter((type) => type !== 'bpmn:Process' && type !== 'bpmn:Signal')).toEqual([]);
    for (const node of item.nodes) {
      expect(FLOW_NODE_TYPES, `${node.id}`).toContain(node.$type);
      const definitions = list(node.eventDefinitions).map((definition) => definition.$type);
      if (node.$type === 'bpmn:StartEvent') expect(definitions, `${node.id} is a none start event`).toEqual([]);
      if (node.$type === 'bpmn:EndEvent') {
        expect(definitions.filter((type) => type !== 'bpmn:TerminateEventDefinition'), `${node.id}`).toEqual([]);
      }
      if (node.$type === 'bpmn:BoundaryEvent' || node.$type === 'bpmn:IntermediateCatchEvent') {
        expect(definitions, `${node.id} waits for exactly one signal`).toEqual(['bpmn:SignalEventDefinition']);
        expect(idOf(list(node.eventDefinitions)[0]?.signalRef), `${node.id} names its signal`).toBeDefined();
      }
    }
    expect(item.nodes.filter((node) => node.$type === 'bpmn:StartEvent')).toHaveLength(1);
    expect(item.xml).not.toMatch(/\b(scriptFormat|language)=/);
    expect(item.xml).not.toMatch(/<bpmn:(script|timer)/i);
  });

  it('states how the case ends (办结, 退办 or closed) at every end event', () => {
    for (const end of item.nodes.filter((node) => node.$type === 'bpmn:EndEvent')) {
      expect(END_OUTCOMES, `${end.id}`).toContain(end.outcome);
    }
  });

  it('draws every flow node, boundary events included, as a shape and every sequence flow as an edge with waypoints', () => {
    for (const node of item.nodes) {
      const bounds = item.shapes.get(String(node.id));
      expect(bounds, `shape of ${node.id}`).toBeDefined();
      expect(bounds!.width).toBeGreaterThan(0);
      expect(bounds!.height).toBeGreaterThan(0);
    }
    for (const flow of item.flows) {
      expect(item.edges.get(String(flow.id))?.length ?? 0, `waypoints of ${flow.id}`).toBeGreaterThanOrEqual(2);
    }
    // nothing drawn twice, nothing drawn that is not in the process
    const drawn = item.diElements.map((di) => idOf(di.bpmnElement));
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn.sort()).toEqual([...item.nodes, ...item.flows].map((element) => element.id).sort());
  });

  it('starts and ends every edge on the shapes of its source and target', () => {
    for (const flow of item.flows) {
      const points = item.edges.get(String(flow.id)) ?? [];
      const source = item.shapes.get(String(idOf(flow.sourceRef)));
      const target = item.shapes.get(String(idOf(flow.targetRef)));
      expect(source && touches(source, points[0]!), `${flow.id} leaves its source`).toBe(true);
      expect(target && touches(target, points.at(-1)!), `${flow.id} enters its target`).toBe(true);
    }
  });

  it('lays shapes out without overlaps, each boundary event sitting on its host task\'s border', () => {
    const hostOf = new Map(item.nodes.filter((node) => node.$type === 'bpmn:BoundaryEvent')
      .map((node) => [String(node.id), String(idOf(node.attachedToRef))]));
    const entries = [...item.shapes.entries()];
    const clashes: string[] = [];
    entries.forEach(([a, boundsA], index) => {
      for (const [b, boundsB] of entries.slice(index + 1)) {
        if (hostOf.get(a) === b || hostOf.get(b) === a) continue;
        if (overlaps(boundsA, boundsB)) clashes.push(`${a} × ${b}`);
      }
    });
    expect(clashes).toEqual([]);
    for (const [boundary, host] of hostOf) {
      const b = item.shapes.get(boundary)!;
      const h = item.shapes.get(host)!;
      const centre = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      const onBorder = touches(h, centre) && (
        Math.abs(centre.y - h.y) <= 1 || Math.abs(centre.y - (h.y + h.height)) <= 1
        || Math.abs(centre.x - h.x) <= 1 || Math.abs(centre.x - (h.x + h.width)) <= 1);
      expect(onBorder, `${boundary} sits on ${host}`).toBe(true);
    }
  });

  it('gives every exclusive gateway a default flow so no case can get stuck', () => {
    for (const gateway of item.nodes.filter((node) => node.$type === 'bpmn:ExclusiveGateway')) {
      const outgoing = list(gateway.outgoing);
      const fallback = ref(gateway.default);
      expect(fallback, `${gateway.id} has a default flow`).toBeDefined();
      expect(outgoing.map((flow) => flow.id), `${gateway.id}'s default leaves it`).toContain(fallback!.id);
      expect(fallback!.conditionExpression, `${gateway.id}'s default has no condition`).toBeUndefined();
      for (const flow of outgoing.filter((candidate) => candidate !== fallback)) {
        expect(flow.conditionExpression, `${flow.id} has a condition`).toBeDefined();
      }
    }
  });

  it('branches only at gateways, on a flag of the task just before the gateway, as ${environment.variables.TASKID.FLAG}', () => {
    const tasks = new Map(item.tasks.map((task) => [String(task.id), task]));
    for (const flow of item.flows.filter((candidate) => candidate.conditionExpression !== undefined)) {
      const source = ref(flow.sourceRef)!;
      expect(source.$type, `${flow.id} leaves a gateway`).toBe('bpmn:ExclusiveGateway');
      const expression = ref(flow.conditionExpression)!;
      expect(expression.$type).toBe('bpmn:FormalExpression');
      expect(expression.language).toBeUndefined();
      const match = CONDITION.exec(String(expression.body ?? '').trim());
      expect(match, `${flow.id}: ${String(expression.body)}`).not.toBeNull();
      const [, taskId = '', flag = ''] = match!;
      const task = tasks.get(taskId);
      expect(task, `${flow.id} refers to the task "${taskId}"`).toBeDefined();
      expect(FLAGS[kindOf(task!)], `${flow.id}: flags of a ${kindOf(task!)} task`).toContain(flag);
      const before = list(source.incoming).map((incoming) => idOf(incoming.sourceRef));
      expect(before, `${flow.id} tests the task right before ${source.id}`).toContain(taskId);
    }
  });

  it('gives every task a known kind, the right actor and the limits and defaults its kind requires', () => {
    for (const task of item.tasks) {
      const kind = kindOf(task);
      const where = `${task.id} (${kind})`;
      expect(Object.keys(FLAGS), where).toContain(kind);
      expect(String(task.name ?? ''), `${where} has a Chinese name`).toMatch(/[\u4e00-\u9fff]/);
      if (DEPARTMENT_KINDS.includes(kind)) {
        expect(task.assignee, where).toBeUndefined();
        if (kind === 'handle') expect(participantsOf(task), `${where} is routed at run time`).toEqual([]);
        else expect(participantsOf(task).length, `${where} names its departments`).toBeGreaterThan(0);
      } else {
        expect(task.assignee, where).toBe(ASSIGNEE_OF[kind]);
        expect(participantsOf(task), where).toEqual([]);
      }
      for (const limit of LIMITS) {
        if (task[limit] !== undefined) expect(isCount(task[limit]), `${where} ${limit}`).toBe(true);
      }
      if (kind !== 'supplement') expect(isCount(task.reviewDays) && task.reviewDays > 0, `${where} has reviewDays`).toBe(true);
      if (kind === 'review' || kind === 'handle') expect(DEFAULT_RULES, `${where} onTimeout`).toContain(task.onTimeout);
      if (kind === 'meeting') expect(DEFAULT_RULES, `${where} onAbsence`).toContain(task.onAbsence);
      for (const rule of ['onTimeout', 'onInaction', 'onAbsence']) {
        if (task[rule] !== undefined) expect(DEFAULT_RULES, `${where} ${rule}`).toContain(task[rule]);
      }
      const pairs = [['greenSignForDays', 'signForDays'], ['greenReviewDays', 'reviewDays']] as const;
      for (const [green, normal] of pairs) {
        if (task[green] !== undefined) expect(task[green] as number, `${where} ${green} ≤ ${normal}`).toBeLessThanOrEqual(task[normal] as number);
      }
      if (kind === 'handle') {
        expect(task.signForDays, `${where} may be returned within 2 working days`).toBe(2);
        expect(isCount(task.remindBeforeDays), `${where} remindBeforeDays`).toBe(true);
        expect(task.maxReminders).toBe(2);
        expect(task.escalateAfterDays).toBe(10);
      } else {
        for (const limit of ['remindBeforeDays', 'maxReminders', 'escalateAfterDays']) expect(task[limit], `${where} ${limit}`).toBeUndefined();
      }
    }
  });

  it('runs joint reviews (会签) as parallel multi-instance tasks over their own participant collection', () => {
    for (const task of item.tasks) {
      const loop = ref(task.loopCharacteristics);
      const departments = participantsOf(task).length;
      const joint = kindOf(task) === 'review' && departments > 1;
      expect(loop !== undefined, `${task.id} is multi-instance exactly when it is a joint review`).toBe(joint);
      if (!loop) continue;
      expect(loop.$type).toBe('bpmn:MultiInstanceLoopCharacteristics');
      expect(loop.isSequential).not.toBe(true);
      expect(loop.collection).toBe(`\${environment.variables.participants.${task.id}}`);
      expect(loop.elementVariable).toBe('participant');
    }
  });

  it('names only departments that exist at their level, each task led by at most one, every joint task by exactly one', () => {
    for (const task of item.tasks) {
      const participants = participantsOf(task);
      for (const participant of participants) {
        const problem = departmentProblem(String(participant.department), String(participant.level));
        expect(problem, `${task.id}: ${participant.department}@${participant.level}`).toBeUndefined();
        for (const limit of ['signForDays', 'reviewDays', 'greenReviewDays']) {
          if (participant[limit] !== undefined) expect(isCount(participant[limit]), `${task.id} ${participant.department} ${limit}`).toBe(true);
        }
        const green = participant.greenReviewDays ?? task.greenReviewDays;
        const normal = participant.reviewDays ?? task.reviewDays;
        if (green !== undefined && normal !== undefined) expect(green as number).toBeLessThanOrEqual(normal as number);
      }
      const leads = participants.filter((participant) => participant.lead === true).length;
      expect(leads, `${task.id} leads`).toBeLessThanOrEqual(1);
      if (participants.length > 1 || kindOf(task) === 'meeting') expect(leads, `${task.id} has a lead department`).toBe(1);
      const keys = participants.map((participant) => `${participant.department}@${participant.level}`);
      expect(new Set(keys).size, `${task.id} names no department twice`).toBe(keys.length);
    }
  });

  it('lets a case reach every step from the start and an end from every step', () => {
    const next = new Map<string, string[]>();
    const add = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
    for (const flow of item.flows) add(String(idOf(flow.sourceRef)), String(idOf(flow.targetRef)));
    for (const node of item.nodes.filter((candidate) => candidate.$type === 'bpmn:BoundaryEvent')) {
      add(String(idOf(node.attachedToRef)), String(node.id));
    }
    const reach = (starts: string[], edges: Map<string, string[]>): Set<string> => {
      const seen = new Set(starts);
      const queue = [...starts];
      while (queue.length > 0) {
        for (const to of edges.get(queue.pop()!) ?? []) if (!seen.has(to)) { seen.add(to); queue.push(to); }
      }
      return seen;
    };
    const ids = item.nodes.map((node) => String(node.id));
    const starts = item.nodes.filter((node) => node.$type === 'bpmn:StartEvent').map((node) => String(node.id));
    expect([...reach(starts, next)].sort()).toEqual([...ids].sort());
    const back = new Map<string, string[]>();
    for (const [from, tos] of next) for (const to of tos) back.set(to, [...(back.get(to) ?? []), from]);
    const ends = item.nodes.filter((node) => node.$type === 'bpmn:EndEvent').map((node) => String(node.id));
    expect([...reach(ends, back)].sort()).toEqual([...ids].sort());
  });

  it('fits the task limits of the straight-through path within the promised limit, normal and green', () => {
    // The straight-through path follows each gateway's default flow. Sign-for runs inside the
    // opinion limit (both count from the task's start), so a task costs its longest reviewDays.
    const byId = new Map(item.nodes.map((node) => [String(node.id), node]));
    const path: Element[] = [];
    let node = item.nodes.find((candidate) => candidate.$type === 'bpmn:StartEvent');
    while (node && node.$type !== 'bpmn:EndEvent' && !path.includes(node)) {
      path.push(node);
      const outgoing = list(node.outgoing);
      const flow = ref(node.default) ?? (outgoing.length === 1 ? outgoing[0] : undefined);
      node = byId.get(String(idOf(flow?.targetRef)));
    }
    expect(node?.$type, 'the default path ends').toBe('bpmn:EndEvent');
    const cost = (task: Element, green: boolean): number => {
      const own = (green ? task.greenReviewDays : undefined) ?? task.reviewDays;
      const limits = participantsOf(task).map((participant) =>
        (green ? participant.greenReviewDays : undefined) ?? participant.reviewDays ?? own);
      return Math.max(Number(own ?? 0), ...limits.map(Number));
    };
    const tasks = path.filter((step) => step.$type === 'bpmn:UserTask');
    const normal = tasks.reduce((sum, task) => sum + cost(task, false), 0);
    expect(normal, tasks.map((task) => task.id).join(' → ')).toBeLessThanOrEqual(item.process.promisedDays as number);
    if (item.process.greenPromisedDays !== undefined) {
      const green = tasks.reduce((sum, task) => sum + cost(task, true), 0);
      expect(green).toBeLessThanOrEqual(item.process.greenPromisedDays as number);
    }
  });

  it('publishes a catalogue (七公开) with every key, in Chinese, matching the BPMN\'s code, levels and handling form', () => {
    const catalogue = catalogueOf(item);
    for (const key of CATALOGUE_KEYS) expect(catalogue, `catalogue key ${key}`).toHaveProperty(key);
    expect(catalogue.itemCode).toBe(item.process.itemCode);
    expect(catalogue.levels).toEqual(String(item.process.levels).split(','));
    expect(catalogue.handlingForm).toBe(item.process.handlingForm);
    expect(catalogue.consultation).toBe('12345');
    for (const key of ['name', 'category', 'implementingDepartment', 'notes']) {
      expect(String(catalogue[key]), `${key} is Chinese text`).toMatch(/[\u4e00-\u9fff]/);
    }
    const legalBasis = catalogue.legalBasis as { title?: unknown; articles?: unknown }[];
    expect(legalBasis.length).toBeGreaterThan(0);
    for (const basis of legalBasis) {
      expect(String(basis.title)).toMatch(/^《.+》/);
      expect(String(basis.articles)).toMatch(/\S/);
    }
    for (const key of ['conditions', 'procedure']) {
      const entries = catalogue[key] as unknown[];
      expect(entries.length, key).toBeGreaterThan(0);
      for (const entry of entries) expect(typeof entry).toBe('string');
    }
    const fees = catalogue.fees as { name?: unknown; amount?: unknown; basis?: unknown }[];
    expect(fees.length).toBeGreaterThan(0);
    for (const fee of fees) for (const key of ['name', 'amount', 'basis'] as const) expect(String(fee[key])).toMatch(/\S/);
    // limits come from the BPMN only
    for (const key of ['promisedDays', 'statutoryDays', 'greenPromisedDays']) expect(catalogue).not.toHaveProperty(key);
  });
});

describe('construction-permit.bpmn', () => {
  const item = byFile('construction-permit.bpmn');
  const task = (id: string) => item.tasks.find((candidate) => candidate.id === id)!;

  it('reviews in parallel across county and city departments led by the county 住建 and defaults silence to approval', () => {
    const review = task('jointReview');
    const participants = participantsOf(review);
    expect(participants.length).toBeGreaterThanOrEqual(6);
    expect(new Set(participants.map((participant) => participant.level))).toEqual(new Set(['county', 'city']));
    expect(participants.find((participant) => participant.lead === true)).toMatchObject({ department: 'zj', level: 'county' });
    expect(review).toMatchObject({ onTimeout: 'approve', onInaction: 'approve', signForDays: 1 });
    expect(isCount(review.greenReviewDays) && isCount(review.greenSignForDays)).toBe(true);
    expect(isCount(item.process.greenPromisedDays)).toBe(true);
  });

  it('invites the same departments to the joint review meeting, counting absence as approval', () => {
    const invitees = participantsOf(task('jointMeeting')).map((p) => `${p.department}@${p.level}${p.lead === true ? '*' : ''}`);
    const reviewers = participantsOf(task('jointReview')).map((p) => `${p.department}@${p.level}${p.lead === true ? '*' : ''}`);
    expect(invitees.sort()).toEqual(reviewers.sort());
    expect(task('jointMeeting').onAbsence).toBe('approve');
  });

  it('issues the permit by the county 住建 after the meeting approves', () => {
    expect(participantsOf(task('issuePermit'))).toEqual([expect.objectContaining({ department: 'zj', level: 'county' })]);
    const meetingGateway = item.nodes.find((node) => node.id === 'meetingGateway')!;
    expect(idOf(ref(meetingGateway.default)?.targetRef)).toBe('issuePermit');
  });
});

describe('hazardous-chemicals-licence.bpmn', () => {
  const item = byFile('hazardous-chemicals-licence.bpmn');
  const task = (id: string) => item.tasks.find((candidate) => candidate.id === id)!;

  it('is accepted and pre-reviewed in the county, reviewed jointly and decided by the city (市县联动)', () => {
    expect(participantsOf(task('countyPreReview'))).toEqual([expect.objectContaining({ department: 'yjgl', level: 'county' })]);
    const city = participantsOf(task('cityReview'));
    expect(city.map((p) => p.department).sort()).toEqual(['sthj', 'xf', 'yjgl']);
    expect(city.every((p) => p.level === 'city')).toBe(true);
    expect(city.find((p) => p.lead === true)?.department).toBe('yjgl');
    expect(participantsOf(task('cityDecision'))).toEqual([expect.objectContaining({ department: 'yjgl', level: 'city' })]);
  });
});

describe('work-order-12345.bpmn', () => {
  const item = byFile('work-order-12345.bpmn');

  it('routes each order at run time and lets the department return it to the dispatcher', () => {
    const handle = item.tasks.find((task) => task.id === 'handle')!;
    expect(handle.taskKind).toBe('handle');
    expect(participantsOf(handle)).toEqual([]);
    const returned = item.flows.find((flow) => ref(flow.conditionExpression)?.body === '${environment.variables.handle.returned}');
    expect(idOf(returned?.targetRef)).toBe('dispatch');
  });

  it('escalates a late order to supervision with a non-interrupting "escalated" signal, without stopping the handling', () => {
    const boundary = item.nodes.find((node) => node.$type === 'bpmn:BoundaryEvent')!;
    expect(idOf(boundary.attachedToRef)).toBe('handle');
    expect(boundary.cancelActivity).toBe(false);
    const signal = ref(list(boundary.eventDefinitions)[0]?.signalRef);
    expect(signal).toMatchObject({ id: 'escalationSignal', name: 'escalated' });
    const supervise = idOf(list(boundary.outgoing)[0]?.targetRef);
    expect(item.tasks.find((task) => task.id === supervise)).toMatchObject({ taskKind: 'supervise', assignee: 'supervisor' });
  });
});
