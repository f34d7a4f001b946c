/**
 * From every element a case reaches, some path must lead to an end event; an element with no
 * way on (a task left without an outgoing flow) would keep the case open forever, never 办结.
 */
import type { Problem } from '../../../errors/domain-error.ts';
import { flowGraph } from '../../rules/flow-graph.ts';
import { flowReach } from '../../rules/flow-paths.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const deadEnd = definitionsRule(({ process }) => {
  if (!process) return [];
  const graph = flowGraph(process);
  const { starts, ends, reached, finishing } = flowReach(graph);
  const problems: Problem[] = [];
  for (const [id, node] of graph.nodes) {
    // What no case reaches cannot hold one; while drawing, the start may not be connected yet.
    if (starts.length > 0 && !reached.has(id)) continue;
    if (node.$type === 'bpmn:EndEvent' || finishing.has(id)) continue;
    const noWayOn = (graph.outgoing.get(id) ?? []).length === 0 && node.$type !== 'bpmn:BoundaryEvent';
    problems.push({
      path: id,
      reason: noWayOn
        ? 'dead end: nothing leaves this element, so a case that gets here never reaches an end event'
        : ends.length === 0 ? 'no end event: a case never ends' : 'no path from here reaches an end event: a case that gets here never ends',
    });
  }
  return problems;
});
