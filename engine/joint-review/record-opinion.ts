/**
 * Records one participant's opinion — given, or by default — and, when it is the last one of
 * the round, works out the round's outcome before the engine moves on.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { Decision, OpinionBasis, TaskRecord } from '../cases/case-types.ts';
import { closeUntilJoin, finishTask } from '../cases/finish-task.ts';
import { allParticipantsOf, currentParticipantsOf } from './participants.ts';
import { reviewOutcome } from './review-outcome.ts';

export interface OpinionInput {
  decision: Decision;
  basis: OpinionBasis;
  reasons?: string[];
  conditions?: string[];
  materials?: string[];
  givenBy?: string | null;
}

/**
 * Store the opinion and close the task. The round's last opinion signals the engine for every
 * instance of the round (the join happens in the engine); an earlier one leaves the engine alone.
 */
export async function recordOpinion(s: CaseSession, task: TaskRecord, input: OpinionInput): Promise<void> {
  const opinion = {
    caseId: s.row.id, taskId: task.id, elementId: task.elementId, round: task.round, departmentId: task.departmentId,
    decision: input.decision, basis: input.basis, reasons: input.reasons ?? [], conditions: input.conditions ?? [],
    materials: input.materials ?? [], givenBy: input.givenBy ?? null, givenAt: s.now,
  };
  s.changes.opinions.push(opinion);
  s.event(input.basis === 'given' ? 'opinion' : 'default-consent', {
    elementId: task.elementId, departmentId: task.departmentId, decision: input.decision, basis: input.basis,
    reasons: opinion.reasons, conditions: opinion.conditions, materials: opinion.materials,
  }, task.id);
  const stillOpen = s.openTasks.some((t) => t.id !== task.id && t.elementId === task.elementId && t.round === task.round);
  if (stillOpen) return closeUntilJoin(s, task, { decision: input.decision });
  await s.requireEngine();
  await finishTask(s, task, await roundOutcome(s, task), { decision: input.decision });
}

async function roundOutcome(s: CaseSession, task: TaskRecord) {
  const stored = await s.tx.opinionsOf(task.elementId, task.round);
  const fresh = s.changes.opinions.filter((o) => o.elementId === task.elementId && o.round === task.round);
  const outcome = reviewOutcome([...stored, ...fresh]);
  narrowNextRound(s, task.elementId, outcome.nextRound);
  s.event('review-concluded', { elementId: task.elementId, round: task.round, ...outcome.flags, nextRound: outcome.nextRound });
  return outcome.flags;
}

// When the review is entered again (补正 or reopened), only these departments take part.
function narrowNextRound(s: CaseSession, elementId: string, departments: string[]): void {
  const all = { ...currentParticipantsOf(s) };
  const original = allParticipantsOf(s)[elementId] ?? all[elementId] ?? [];
  const next = original.filter((p) => departments.includes(p.departmentId));
  if (next.length === 0) return;
  all[elementId] = next;
  s.engine.setVariable('participants', all);
}
