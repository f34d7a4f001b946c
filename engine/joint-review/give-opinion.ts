/** A department's opinion on a review task: approve, reject (with reasons) or supplement (补正). */
import type { CaseSession } from '../cases/case-session.ts';
import type { Decision } from '../cases/case-types.ts';
import { InvalidStateError, ValidationError } from '../errors/domain-error.ts';
import { needsSignFor } from '../deadlines/plan-deadlines.ts';
import { recordOpinion } from './record-opinion.ts';

export interface GiveOpinionInput {
  taskId: string;
  decision: Decision;
  reasons?: string[];
  /** 附条件同意: conditions attached to an approval. */
  conditions?: string[];
  /** 一次性告知: every missing or faulty material, all at once. */
  materials?: string[];
  actor: string;
}

/** Validate and record an opinion given by the department that holds the task. */
export async function giveOpinion(s: CaseSession, input: GiveOpinionInput): Promise<void> {
  const task = s.openTask(input.taskId);
  if (task.kind !== 'review') throw new InvalidStateError(`a ${task.kind} task takes no opinion`, { taskId: task.id });
  if (needsSignFor(task) && task.status !== 'signed') throw new InvalidStateError('sign for the case (签收) before giving an opinion', { taskId: task.id });
  requireDetails(input);
  await recordOpinion(s, task, { ...input, basis: 'given', givenBy: input.actor });
}

function requireDetails(input: GiveOpinionInput): void {
  if (input.decision === 'reject' && !input.reasons?.some((r) => r.trim())) {
    throw new ValidationError('a rejection needs its reasons', [{ path: 'reasons', reason: 'required when decision is reject' }]);
  }
  if (input.decision === 'supplement' && !input.materials?.some((m) => m.trim())) {
    throw new ValidationError('a supplement request lists every missing material at once (一次性告知)', [
      { path: 'materials', reason: 'required when decision is supplement' },
    ]);
  }
}
