/**
 * Decisions happen at exclusive gateways. With several outgoing flows and no default flow a
 * case whose conditions are all false would wait forever, and conditions anywhere else are
 * either ignored (parallel gateways) or easy to leave without a way out (flows out of tasks).
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { type FlowGraph, endpoint, flowGraph } from './flow-graph.ts';
import { elementProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

/** Exclusive gateways have a default flow; only their other flows carry conditions. */
export const gateways: Rule = ({ process }) => {
  if (!process) return [];
  const graph = flowGraph(process);
  return [...graph.nodes.values()].flatMap((node) => nodeProblems(node, graph));
};

function nodeProblems(node: ModdleElement, graph: FlowGraph): Problem[] {
  const id = idOf(node) ?? 'file';
  const outgoing = graph.outgoing.get(id) ?? [];
  if (node.$type === 'bpmn:ExclusiveGateway') return exclusiveProblems(node, id, outgoing);
  return outgoing.filter(hasCondition).map((flow) => ({
    path: idOf(flow) ?? id,
    reason: 'only flows leaving an exclusive gateway may have a condition: put the decision in an exclusive gateway',
  }));
}

function exclusiveProblems(gateway: ModdleElement, id: string, outgoing: ModdleElement[]): Problem[] {
  const fallback = elementProp(gateway, 'default');
  const problems: Problem[] = [];
  if (fallback && endpoint(fallback, 'sourceRef') !== id) {
    problems.push({ path: `${id}.default`, reason: 'the default flow must be one of the flows leaving this gateway' });
  } else if (fallback && hasCondition(fallback)) {
    problems.push({ path: idOf(fallback) ?? id, reason: 'the default flow of a gateway must not have a condition' });
  }
  if (outgoing.length < 2) return problems;
  if (!fallback) {
    problems.push({ path: id, reason: 'an exclusive gateway with more than one outgoing flow needs a default flow, or a case whose conditions are all false gets stuck' });
  }
  for (const flow of outgoing) {
    if (flow !== fallback && !hasCondition(flow)) {
      problems.push({ path: idOf(flow) ?? id, reason: 'a flow leaving an exclusive gateway needs a condition unless it is the default flow' });
    }
  }
  return problems;
}

function hasCondition(flow: ModdleElement): boolean {
  return elementProp(flow, 'conditionExpression') !== undefined;
}
