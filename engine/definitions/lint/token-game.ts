/**
 * Play every way a case can move through the item's flow graph, with the conditions left open
 * (any way out of an exclusive gateway may be taken), and collect the joining parallel gateways
 * where a case can end up waiting for a branch that will never come. The state space of an
 * approval item is small; a graph too big to explore is left unjudged rather than guessed at.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { FlowGraph } from '../rules/flow-graph.ts';
import { elementList } from '../rules/moddle-access.ts';
import { idOf } from '../rules/moddle-tree.ts';

export interface StuckJoin {
  gatewayId: string;
  /** Incoming flows holding a token in the stuck state. */
  arrived: string[];
  /** Incoming flows the join still waits for. */
  missing: string[];
}

const MAX_STATES = 5_000;
// Approval items have tens of elements; a graph far larger is not explored (nor judged).
const MAX_NODES = 400;
// More tokens than this on one flow means an unbounded loop; such states are not explored further.
const MAX_TOKENS_PER_FLOW = 3;

interface Transition {
  /** Flow indexes consumed (one token each). */
  consume: number[];
  /** Alternative outputs: each is a list of flow indexes that get a token; `null` ends the case (terminate). */
  outputs: (number[] | null)[];
}

/** Joins that can be left waiting forever; undefined when the graph was too large to explore. */
export function stuckJoins(graph: FlowGraph): StuckJoin[] | undefined {
  if (graph.nodes.size > MAX_NODES) return undefined;
  const flowIds = graph.flows.map((flow) => idOf(flow) ?? '');
  const index = new Map(graph.flows.map((flow, i) => [flow, i]));
  const ins = new Map([...graph.nodes.keys()].map((id) => [id, (graph.incoming.get(id) ?? []).map((f) => index.get(f)!)]));
  const outs = new Map([...graph.nodes.keys()].map((id) => [id, (graph.outgoing.get(id) ?? []).map((f) => index.get(f)!)]));
  const incoming = (id: string) => ins.get(id) ?? [];
  const outgoing = (id: string) => outs.get(id) ?? [];
  const start = [...graph.nodes].find(([, node]) => node.$type === 'bpmn:StartEvent');
  if (!start) return [];

  const joins = [...graph.nodes].filter(([id, node]) => node.$type === 'bpmn:ParallelGateway' && incoming(id).length > 1);
  const initial = new Array<number>(graph.flows.length).fill(0);
  for (const flow of outgoing(start[0])) initial[flow]! += 1;

  const seen = new Set<string>([initial.join(',')]);
  const queue: number[][] = [initial];
  const stuck = new Map<string, StuckJoin>();
  while (queue.length > 0) {
    const marking = queue.pop()!;
    const successors = [...graph.nodes].flatMap(([id, node]) => enabled(id, node, marking, incoming(id), outgoing(id)))
      .flatMap((transition) => fire(marking, transition));
    if (successors.length === 0 && marking.some((count) => count > 0)) {
      for (const [id] of joins) {
        const arrived = incoming(id).filter((flow) => marking[flow]! > 0);
        if (arrived.length === 0 || stuck.has(id)) continue;
        stuck.set(id, {
          gatewayId: id,
          arrived: arrived.map((flow) => flowIds[flow]!),
          missing: incoming(id).filter((flow) => marking[flow] === 0).map((flow) => flowIds[flow]!),
        });
      }
    }
    for (const next of successors) {
      if (next.some((count) => count > MAX_TOKENS_PER_FLOW)) continue;
      const key = next.join(',');
      if (seen.has(key)) continue;
      if (seen.size >= MAX_STATES) return undefined;
      seen.add(key);
      queue.push(next);
    }
  }
  return [...stuck.values()];

  function enabled(id: string, node: ModdleElement, marking: number[], ins: number[], outs: number[]): Transition[] {
    if (node.$type === 'bpmn:BoundaryEvent' || ins.length === 0) return [];
    if (node.$type === 'bpmn:ParallelGateway') {
      return ins.every((flow) => marking[flow]! > 0) ? [{ consume: ins, outputs: [outs] }] : [];
    }
    const outputs = outputsOf(node, outs);
    return ins.filter((flow) => marking[flow]! > 0).map((flow) => ({ consume: [flow], outputs }));
  }

  function outputsOf(node: ModdleElement, outs: number[]): (number[] | null)[] {
    if (node.$type === 'bpmn:EndEvent') return [isTerminate(node) ? null : []];
    // Gateways that choose (exclusive, and the others the deploy rules refuse) take any one way.
    if (node.$type.endsWith('Gateway')) return outs.length > 0 ? outs.map((flow) => [flow]) : [[]];
    return [outs];
  }

  function fire(marking: number[], transition: Transition): number[][] {
    return transition.outputs.map((output) => {
      if (output === null) return new Array<number>(marking.length).fill(0);
      const next = [...marking];
      for (const flow of transition.consume) next[flow]! -= 1;
      for (const flow of output) next[flow]! += 1;
      return next;
    });
  }
}

function isTerminate(node: ModdleElement): boolean {
  return elementList(node, 'eventDefinitions').some((d) => d.$type === 'bpmn:TerminateEventDefinition');
}
