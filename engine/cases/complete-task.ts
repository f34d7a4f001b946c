/**
 * Completing a non-review task (acceptance, supplement, decision, meeting, dispatch, callback)
 * with the outcome flag its kind allows.
 */
import { OUTCOME_FLAGS } from '../definitions/item-model.ts';
import { InvalidStateError, ValidationError } from '../errors/domain-error.ts';
import { acceptCase } from './accept-case.ts';
import { checkNotReceived } from './acceptance-materials.ts';
import { currentParticipantsOf, resolveDepartment } from '../joint-review/participants.ts';
import type { CaseSession } from './case-session.ts';
import { resumeClock } from './case-clock.ts';
import { finishTask } from './finish-task.ts';
import { acceptWithMissing, type MissingMaterial } from '../green-channel/missing-materials.ts';
import { checkHandling, recordFirstDepartment } from '../work-orders/handling-rules.ts';


export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  actor: string;
  comment?: string;
  /** dispatch: the department ('<region>:<kind>') the order is routed to. */
  department?: string;
  /** handle, outcome returned: one of the fixed 12345 return reasons. */
  returnReason?: string;
  /** accept, green channel only (容缺受理): non-essential materials still to come, with dates. */
  missingMaterials?: MissingMaterial[];
  /** accept: optional materials the applicant did not hand in (codes); the notice says so. */
  notReceived?: string[];
}

/** Complete an open task with one of its kind's outcomes. */
export async function completeTask(s: CaseSession, input: CompleteTaskInput): Promise<void> {
  const task = s.openTask(input.taskId);
  if (task.kind === 'review') throw new InvalidStateError('review tasks take an opinion, not a completion', { taskId: task.id });
  if (task.kind === 'meeting') throw new InvalidStateError('a meeting task ends by closing its meeting (attendance recorded)', { taskId: task.id });
  const allowed = OUTCOME_FLAGS[task.kind];
  if (!allowed.includes(input.outcome)) {
    throw new ValidationError(`invalid outcome for a ${task.kind} task`, [{ path: 'outcome', reason: `must be one of ${allowed.join(', ')}` }]);
  }
  const returnText = task.kind === 'handle' ? checkHandling(s, task, input.outcome, input.returnReason) : undefined;
  const accepting = task.kind === 'accept' && input.outcome === 'accepted';
  if (accepting && input.notReceived?.length) checkNotReceived(s.item, input.notReceived, (input.missingMaterials ?? []).map((m) => m.code));
  if (task.kind === 'dispatch' && input.outcome === 'routed') await routeTo(s, input.department);
  const flags = Object.fromEntries(allowed.map((o) => [o, o === input.outcome]));
  s.event('task-completed', {
    elementId: task.elementId, outcome: input.outcome, by: input.actor, comment: input.comment ?? null,
    ...(returnText ? { returnReason: input.returnReason, returnReasonText: returnText } : {}),
  }, task.id);
  if (accepting) {
    acceptCase(s, input.actor, input.notReceived);
    if (input.missingMaterials?.length) acceptWithMissing(s, input.missingMaterials);
  }
  if (task.kind === 'supplement' && s.row.pausedAt) await resumeClock(s);
  await finishTask(s, task, flags, { outcome: input.outcome, comment: input.comment ?? null });
}

// 12345: the dispatcher's choice fills the participants of the handling task(s).
async function routeTo(s: CaseSession, department: string | undefined): Promise<void> {
  if (!department) throw new ValidationError('routing needs a department', [{ path: 'department', reason: 'required when outcome is routed' }]);
  const target = await resolveDepartment(s.env.org, department);
  const all = { ...currentParticipantsOf(s) };
  for (const spec of Object.values(s.item.tasks)) if (spec.kind === 'handle') all[spec.id] = [target];
  s.engine.setVariable('participants', all);
  s.event('routed', { departmentId: target.departmentId, coordinator: recordFirstDepartment(s, target.departmentId) });
}
