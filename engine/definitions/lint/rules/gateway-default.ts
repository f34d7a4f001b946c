/**
 * An exclusive gateway picks one way out; when every way out has a condition and none is the
 * default, a case whose conditions are all false waits there forever. The deploy rule covers
 * gateways with several flows; a single conditional flow without a default is stuck the same way.
 */
import type { Problem } from '../../../errors/domain-error.ts';
import { flowGraph } from '../../rules/flow-graph.ts';
import { gateways } from '../../rules/gateways.ts';
import { elementProp } from '../../rules/moddle-access.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const gatewayDefault = definitionsRule((model) => [...gateways(model), ...singleConditionalExit(model.process)]);

function singleConditionalExit(process: Parameters<typeof flowGraph>[0] | undefined): Problem[] {
  if (!process) return [];
  const graph = flowGraph(process);
  const problems: Problem[] = [];
  for (const [id, node] of graph.nodes) {
    if (node.$type !== 'bpmn:ExclusiveGateway' || elementProp(node, 'default')) continue;
    const outgoing = graph.outgoing.get(id) ?? [];
    if (outgoing.length === 1 && elementProp(outgoing[0]!, 'conditionExpression')) {
      problems.push({ path: id, reason: 'the only way out of this gateway has a condition and there is no default flow: a case whose condition is false gets stuck' });
    }
  }
  return problems;
}
