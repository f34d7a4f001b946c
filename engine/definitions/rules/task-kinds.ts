/**
 * Every user task says what kind of work it is (`approval:taskKind`) and so who does it:
 * departments named as participants, or one of the fixed assignees (window, applicant …).
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import { type Assignee, TASK_KINDS } from '../item-model.ts';
import type { Rule } from './definition-model.ts';
import { quoted, stringProp } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

/** Kinds done by departments listed in `approval:participants`. */
export const PARTICIPANT_KINDS: readonly string[] = ['review', 'handle', 'meeting', 'decide'];
/** Kinds that must name at least one participant (a handle task may get its departments from dispatch). */
export const PARTICIPANTS_REQUIRED: readonly string[] = ['review', 'meeting', 'decide'];
const ASSIGNEES = ['window', 'applicant', 'dispatcher', 'supervisor'] as const satisfies readonly Assignee[];

/** The task's kind when it is a known one. */
export function taskKind(task: ModdleElement): string | undefined {
  const kind = stringProp(task, 'taskKind');
  return kind !== undefined && (TASK_KINDS as readonly string[]).includes(kind) ? kind : undefined;
}

/** Each user task has a known kind, and an assignee exactly when its kind needs one. */
export const taskKinds: Rule = ({ userTasks }) => userTasks.flatMap((task) => {
  const id = idOf(task) ?? 'file';
  const raw = stringProp(task, 'taskKind');
  if (raw === undefined) return [{ path: `${id}.taskKind`, reason: `every user task needs approval:taskKind (${TASK_KINDS.join(', ')})` }];
  const kind = taskKind(task);
  if (!kind) return [{ path: `${id}.taskKind`, reason: `unknown task kind ${quoted(raw)}: use ${TASK_KINDS.join(', ')}` }];
  return assigneeProblems(task, id, kind);
});

function assigneeProblems(task: ModdleElement, id: string, kind: string): Problem[] {
  const assignee = stringProp(task, 'assignee');
  if (PARTICIPANT_KINDS.includes(kind)) {
    return assignee === undefined ? [] : [{ path: `${id}.assignee`, reason: `${kind} tasks go to the departments in approval:participants, not to an assignee` }];
  }
  if (assignee === undefined) return [{ path: `${id}.assignee`, reason: `${kind} tasks need approval:assignee (${ASSIGNEES.join(', ')})` }];
  if (!(ASSIGNEES as readonly string[]).includes(assignee)) {
    return [{ path: `${id}.assignee`, reason: `unknown assignee ${quoted(assignee)}: use ${ASSIGNEES.join(', ')}` }];
  }
  return [];
}
