/** How a case ends at each end event (`approval:outcome`): 办结, 退办 or closed (12345 orders). */
import type { EndOutcome } from '../item-model.ts';
import type { Rule } from './definition-model.ts';
import { quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

const OUTCOMES = ['completed', 'returned', 'closed'] as const satisfies readonly EndOutcome[];

/** An end event's outcome, when given, is one the runtime knows. */
export const endOutcomes: Rule = ({ visits }) => visits.flatMap(({ element }) => {
  const outcome = element.$type === 'bpmn:EndEvent' ? stringProp(element, 'outcome') : undefined;
  if (outcome === undefined || (OUTCOMES as readonly string[]).includes(outcome)) return [];
  return [{ path: `${idOf(element) ?? 'file'}.outcome`, reason: `unknown outcome ${quoted(outcome)}: use ${OUTCOMES.join(', ')}` }];
});
