/** 审批 group of an end event: how a case that reaches it ends (办结 / 退办 / closed). */
import { choiceEntry, type EntryDefinition } from './entries.ts';
import type { Bo, Shape } from './extension-elements.ts';
import { outcomeOptions } from './vocabulary.ts';

export function endEntries(element: Shape, end: Bo, translate: (s: string) => string): EntryDefinition[] {
  return [choiceEntry({
    element, target: end, attr: 'approval:outcome', id: 'approval-outcome', label: translate('Case outcome'),
    description: translate('Without it the case counts as completed'), options: outcomeOptions(translate),
  })];
}
