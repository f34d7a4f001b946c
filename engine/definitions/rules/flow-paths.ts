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
  const starts = idsOfType(graph, 'bpmn:StartEvent');
  const ends = idsOfType(graph, 'bpmn:EndEvent');
  const problems: Problem[] = [];
  if (starts.length === 0) problems.push({ path: processId, reason: 'the process needs a start event' });
  problems.push(...starts.slice(1).map((id) => ({ path: id, reason: 'an item has exactly one start event; a second one would start the case twice' })));
  if (ends.length === 0) problems.push({ path: processId, reason: 'the process needs an end event' });
  const reached = spread(starts, (id) => forward(graph, id));
  const finishing = spread(ends, (id) => (graph.incoming.get(id) ?? []).map((f) => endpoint(f, 'sourceRef') ?? ''));
  for (const id of graph.nodes.keys()) {
    if (!reached.has(id)) {
      if (starts.length > 0 && !starts.includes(id)) problems.push({ path: id, reason: 'cannot be reached from the start event' });
    } else if (ends.length > 0 && !finishing.has(id)) {
      problems.push({ path: id, reason: 'no path from here reaches an end event: a case that gets here would never end' });
    }
  }
  return problems;
};

function idsOfType(graph: FlowGraph, type: string): string[] {
  return [...graph.nodes].filter(([, node]) => node.$type === type).map(([id]) => id);
}

// Boundary events are entered from the task they are attached to, not by a sequence flow.
function forward(graph: FlowGraph, id: string): string[] {
  const targets = (graph.outgoing.get(id) ?? []).map((flow) => endpoint(flow, 'targetRef') ?? '');
  const boundaries = [...graph.nodes]
    .filter(([, node]) => node.$type === 'bpmn:BoundaryEvent' && idOf(elementProp(node, 'attachedToRef') ?? node) === id)
    .map(([boundaryId]) => boundaryId);
  return [...targets, ...boundaries];
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
