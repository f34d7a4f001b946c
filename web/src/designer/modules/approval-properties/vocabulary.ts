/**
 * The closed vocabularies of the `approval:` attributes (processes/README.md), as choices in
 * the panel. Labels are English keys; the translate module shows them in Chinese.
 */
import type { Option } from './entries.ts';

export const LEVELS = ['province', 'city', 'county', 'township'] as const;
const LEVEL_LABELS: Record<string, string> = { province: 'Province', city: 'City', county: 'County', township: 'Township' };

export const TASK_KINDS: Record<string, string> = {
  accept: 'Acceptance (window)', review: 'Review', meeting: 'Joint review meeting', supplement: 'Supplement (applicant)',
  decide: 'Decision', dispatch: '12345 dispatch', handle: '12345 handling', callback: '12345 call-back', supervise: 'Supervision',
};

/** Kinds that name departments as participants; the others go to a fixed assignee. */
export const PARTICIPANT_KINDS = ['review', 'meeting', 'decide'];
export const ASSIGNED_KINDS: Record<string, string> = {
  accept: 'window', supplement: 'applicant', dispatch: 'dispatcher', callback: 'dispatcher', supervise: 'supervisor',
};

const ASSIGNEES: Record<string, string> = { window: 'Window', applicant: 'Applicant', dispatcher: 'Dispatcher', supervisor: 'Supervisor' };
const HANDLING_FORMS: Record<string, string> = { instant: 'Instant (即办件)', promised: 'Promised (承诺件)', joint: 'Joint (联办件)' };
// Not set means an applicant: the public applies for the item.
const STARTERS: Record<string, string> = { hotline: 'The 12345 hotline registers it', system: 'The platform opens it (差评核查)' };
const DEFAULT_RULES: Record<string, string> = { approve: 'Counts as approval', none: 'No default (warn only)' };
const OUTCOMES: Record<string, string> = { completed: 'Completed (办结)', returned: 'Returned (退办)', closed: 'Closed (12345)' };

type Translate = (s: string) => string;

function options(labels: Record<string, string>, translate: Translate, unset = true): Option[] {
  const list = Object.entries(labels).map(([value, label]) => ({ value, label: translate(label) }));
  return unset ? [{ value: '', label: translate('(not set)') }, ...list] : list;
}

export const levelLabel = (level: string, translate: Translate) => translate(LEVEL_LABELS[level] ?? level);
export const levelOptions = (t: Translate) => options(LEVEL_LABELS, t);
export const taskKindOptions = (t: Translate) => options(TASK_KINDS, t);
export const assigneeOptions = (t: Translate) => options(ASSIGNEES, t);
export const handlingFormOptions = (t: Translate) => options(HANDLING_FORMS, t);
export const starterOptions = (t: Translate) => [{ value: '', label: t('Applicants apply for it') }, ...options(STARTERS, t, false)];
export const defaultRuleOptions = (t: Translate) => options(DEFAULT_RULES, t);
export const outcomeOptions = (t: Translate) => options(OUTCOMES, t);
