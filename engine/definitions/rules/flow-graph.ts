/** The sequence-flow graph of the item's process, for the gateway and path rules. */
import type { ModdleElement } from 'bpmn-moddle';
import { elementList, elementProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

export interface FlowGraph {
  /** Flow nodes (events, tasks, gateways) by id. */
  nodes: Map<string, ModdleElement>;
  /** Sequence flows whose source and target both resolved. */
  flows: ModdleElement[];
  outgoing: Map<string, ModdleElement[]>;
  incoming: Map<string, ModdleElement[]>;
}

/** Build the graph of the process's top-level flow elements (sub-processes are refused anyway). */
export function flowGraph(process: ModdleElement): FlowGraph {
  const graph: FlowGraph = { nodes: new Map(), flows: [], outgoing: new Map(), incoming: new Map() };
  for (const element of elementList(process, 'flowElements')) {
    const id = idOf(element);
    if (element.$type === 'bpmn:SequenceFlow') addFlow(graph, element);
    else if (id && !element.$type.includes('Data')) graph.nodes.set(id, element);
  }
  return graph;
}

function addFlow(graph: FlowGraph, flow: ModdleElement): void {
  const source = endpoint(flow, 'sourceRef');
  const target = endpoint(flow, 'targetRef');
  // A dangling reference is reported from the reader's warnings.
  if (!source || !target) return;
  graph.flows.push(flow);
  push(graph.outgoing, source, flow);
  push(graph.incoming, target, flow);
}

/** The id of the source or target of a flow. */
export function endpoint(flow: ModdleElement, name: 'sourceRef' | 'targetRef'): string | undefined {
  const ref = elementProp(flow, name);
  return ref ? idOf(ref) : undefined;
}

function push(map: Map<string, ModdleElement[]>, key: string, flow: ModdleElement): void {
  const list = map.get(key) ?? [];
  list.push(flow);
  map.set(key, list);
}
