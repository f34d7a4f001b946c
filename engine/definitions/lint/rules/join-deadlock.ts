/**
 * A joining parallel gateway waits for every incoming branch. Fed from an exclusive choice, or by
 * a branch that only comes back after the join, it can wait forever and the case is stuck.
 */
import { flowGraph } from '../../rules/flow-graph.ts';
import { definitionsRule } from '../definitions-rule.ts';
import { stuckJoins } from '../token-game.ts';

export const joinDeadlock = definitionsRule(({ process }) => {
  if (!process) return [];
  return (stuckJoins(flowGraph(process)) ?? []).map((join) => ({
    path: join.gatewayId,
    reason: `this joining parallel gateway can wait forever: a case can arrive on ${list(join.arrived)} but never on ${list(join.missing)} `
      + '(an exclusive gateway chose another way, or that branch only comes back after the join)',
  }));
});

function list(ids: string[]): string {
  return ids.map((id) => id || '(a flow without id)').join(', ');
}
