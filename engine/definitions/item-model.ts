/**
 * What the runtime needs to know about an approval item, read once at deploy time from the
 * BPMN and its `approval:` attributes, stored as JSON with the version.
 */
import type { Level } from '../org/levels.ts';

export const TASK_KINDS = ['accept', 'review', 'meeting', 'supplement', 'decide', 'dispatch', 'handle', 'callback', 'supervise'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The outcome flags each kind of task ends with; the BPMN's gateways branch on them. */
export const OUTCOME_FLAGS: Record<TaskKind, readonly string[]> = {
  accept: ['accepted', 'refused'],
  review: ['approved', 'rejected', 'supplement'],
  meeting: ['approved', 'rejected'],
  supplement: ['supplied'],
  decide: ['approved', 'returned', 'reopen'],
  dispatch: ['routed', 'closed'],
  handle: ['answered', 'returned'],
  callback: ['satisfied', 'unsatisfied'],
  supervise: ['done'],
};

export const HANDLING_FORMS = ['instant', 'promised', 'joint'] as const;
export type HandlingForm = (typeof HANDLING_FORMS)[number];

/**
 * Who starts a case of an item (approval:startedBy): an applicant (申请, online or at the
 * window — the default), the 12345 hotline (登记), or the platform itself (差评核查, from a
 * 不满意 rating). Nobody else may: the public cannot open an internal process by applying.
 */
export const STARTERS = ['applicant', 'hotline', 'system'] as const;
export type Starter = (typeof STARTERS)[number];

export type Assignee = 'window' | 'applicant' | 'dispatcher' | 'supervisor';
/** What happens when a limit passes: 'approve' records a default approval, 'none' only warns. */
export type DefaultRule = 'approve' | 'none';

export interface ParticipantSpec {
  department: string;
  level: Level;
  lead: boolean;
  signForDays?: number;
  reviewDays?: number;
  greenReviewDays?: number;
}

export interface TaskSpec {
  id: string;
  name: string;
  kind: TaskKind;
  assignee?: Assignee;
  multiInstance: boolean;
  participants: ParticipantSpec[];
  signForDays?: number;
  reviewDays?: number;
  greenSignForDays?: number;
  greenReviewDays?: number;
  warnDaysBefore?: number;
  onTimeout: DefaultRule;
  onAbsence: DefaultRule;
  onInaction: DefaultRule;
  remindBeforeDays?: number;
  maxReminders?: number;
  escalateAfterDays?: number;
  /** Signal id of a boundary event on this task that the runtime triggers on escalation. */
  escalationSignal?: string;
}

export interface MaterialSpec {
  code: string;
  name: string;
  essential: boolean;
}

export interface ItemModel {
  itemCode: string;
  name: string;
  processId: string;
  handlingForm: HandlingForm;
  startedBy: Starter;
  levels: Level[];
  promisedDays: number;
  statutoryDays: number;
  greenPromisedDays?: number;
  materials: MaterialSpec[];
  tasks: Record<string, TaskSpec>;
  /** How a case ends at each end event (`approval:outcome`): 办结, 退办 or closed (12345). */
  endOutcomes: Record<string, EndOutcome>;
}

export type EndOutcome = 'completed' | 'returned' | 'closed';

/** The task spec of an element, or an error when the element is not an approval task. */
export function taskSpec(item: ItemModel, elementId: string): TaskSpec {
  const spec = item.tasks[elementId];
  if (!spec) throw new Error(`item ${item.itemCode} has no task "${elementId}"`);
  return spec;
}
