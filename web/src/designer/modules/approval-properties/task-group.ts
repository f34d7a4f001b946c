/**
 * 审批 group of a user task: its kind, who acts, limits in working days (normal and green
 * channel), and what silence means (超时默认 / 缺席默认 / 不作为默认).
 */
import { choiceEntry, daysEntry, type EntryDefinition } from './entries.ts';
import type { Bo, Shape } from './extension-elements.ts';
import { assigneeOptions, defaultRuleOptions, PARTICIPANT_KINDS, taskKindOptions } from './vocabulary.ts';
import { jointReviewEntry } from './joint-review-entry.ts';

type Translate = (s: string) => string;

export function taskEntries(element: Shape, task: Bo, translate: Translate): EntryDefinition[] {
  const kind: string = task.get('approval:taskKind') ?? '';
  const attr = (name: string) => ({ element, target: task, attr: `approval:${name}`, id: `approval-${name}` });
  const days = (name: string, label: string) => daysEntry({ ...attr(name), label: translate(label) });
  const rule = (name: string, label: string, description: string) =>
    choiceEntry({ ...attr(name), label: translate(label), description: translate(description), options: defaultRuleOptions(translate) });
  const entries: EntryDefinition[] = [choiceEntry({ ...attr('taskKind'), label: translate('Task kind'), options: taskKindOptions(translate) })];
  if (!PARTICIPANT_KINDS.includes(kind)) {
    entries.push(choiceEntry({ ...attr('assignee'), label: translate('Assignee'), options: assigneeOptions(translate) }));
  }
  if (kind === 'review') entries.push(jointReviewEntry(element, task, translate));
  if (kind !== 'supplement') {
    entries.push(
      days('signForDays', 'Sign-for limit (working days)'),
      days('reviewDays', 'Review limit (working days)'),
      days('greenSignForDays', 'Green-channel sign-for limit (working days)'),
      days('greenReviewDays', 'Green-channel review limit (working days)'),
      days('warnDaysBefore', 'Yellow light (working days before the limit)'),
      rule('onTimeout', 'Default on timeout', 'A department that misses its limit …'),
      rule('onInaction', 'Default on inaction', 'A department that signed for the case but does nothing …'),
    );
  }
  if (kind === 'meeting') entries.push(rule('onAbsence', 'Default on absence', 'An invited department that does not attend …'));
  if (kind === 'handle') {
    entries.push(
      days('remindBeforeDays', 'Remind (working days before the limit)'),
      daysEntry({ ...attr('maxReminders'), label: translate('Reminders before escalation') }),
      days('escalateAfterDays', 'Escalate after (working days)'),
    );
  }
  return entries;
}
