/**
 * Every case must be able to start and finish: every element is reachable from the start
 * event, and from every element some path leads to an end event (otherwise a case that gets
 * there never ends, and never gets rated or archived).
 */
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { type FlowGraph, endpoint, flowGraph } from './flow-graph.ts';
import { elementProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

/** One start event; all elements reachable from it; an end event reachable from all of them. */
export const flowPaths: Rule = ({ process }) => {
  if (!process) return [];
  const processId = idOf(process) ?? 'process';
  const graph = flowGraph(process);
  const { starts, ends, reached, finishing } = flowReach(graph);
  const problems: Problem[] = [];
  if (starts.length === 0) problems.push({ path: processId, reason: 'the process needs a start event' });
  for (const id of starts.slice(1)) {
    problems.push({ path: id, reason: 'an item has exactly one start event; a second one would start the case twice' });
  }
  if (ends.length === 0) problems.push({ path: processId, reason: 'the process needs an end event' });
  for (const id of graph.nodes.keys()) {
    if (!reached.has(id)) {
      if (starts.length > 0 && !starts.includes(id)) problems.push({ path: id, reason: 'cannot be reached from the start event' });
    } else if (ends.length > 0 && !finishing.has(id)) {
      problems.push({ path: id, reason: 'no path from here reaches an end event: a case that gets here would never end' });
    }
  }
  return problems;
};

/** Where tokens can go: nodes reached from the start events, and nodes from which an end event is reached. */
export function flowReach(graph: FlowGraph): { starts: string[]; ends: string[]; reached: Set<string>; finishing: Set<string> } {
  const starts = idsOfType(graph, 'bpmn:StartEvent');
  const ends = idsOfType(graph, 'bpmn:EndEvent');
  const boundaries = boundariesByHost(graph);
  const reached = spread(starts, (id) => [...targets(graph, id), ...(boundaries.get(id) ?? [])]);
  const finishing = spread(ends, (id) => (graph.incoming.get(id) ?? []).map((f) => endpoint(f, 'sourceRef') ?? ''));
  return { starts, ends, reached, finishing };
}

function idsOfType(graph: FlowGraph, type: string): string[] {
  return [...graph.nodes].filter(([, node]) => node.$type === type).map(([id]) => id);
}

function targets(graph: FlowGraph, id: string): string[] {
  return (graph.outgoing.get(id) ?? []).map((flow) => endpoint(flow, 'targetRef') ?? '');
}

// Boundary events are entered from the task they are attached to, not by a sequence flow.
function boundariesByHost(graph: FlowGraph): Map<string, string[]> {
  const byHost = new Map<string, string[]>();
  for (const [id, node] of graph.nodes) {
    const host = node.$type === 'bpmn:BoundaryEvent' ? elementProp(node, 'attachedToRef') : undefined;
    const hostId = host ? idOf(host) : undefined;
    if (!hostId) continue;
    const list = byHost.get(hostId) ?? [];
    list.push(id);
    byHost.set(hostId, list);
  }
  return byHost;
}

function spread(from: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const id of next(queue.pop() as string)) {
      if (id && !seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}
