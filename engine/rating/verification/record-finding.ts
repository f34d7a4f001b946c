/**
 * The 电子监察室's finding on a verification's investigation task: 属实 / 部分属实 (the
 * department rectifies) or 不属实 (straight to the reply). It is the department's opinion on
 * the review task — 不属实 approves the handling that was complained about, 属实 and 部分属实
 * reject it, with reasons — plus the finding itself, kept on the task row so that it outlives
 * the process. A plain opinion on the same task also works: reject reads as 属实, approve as 不属实.
 *
 * When the finding upholds the complaint the investigation may name the department that is to
 * rectify (e.g. after the first one returned the task as outside its remit).
 */
import type { CaseSession } from '../../cases/case-session.ts';
import { InvalidStateError, ValidationError } from '../../errors/domain-error.ts';
import { giveOpinion } from '../../joint-review/give-opinion.ts';
import { currentParticipantsOf, resolveDepartment } from '../../joint-review/participants.ts';
import { FINDINGS, isVerificationCase, VERIFICATION_TASKS, verificationLinkOf, type Finding } from './verification-item.ts';

export interface RecordFindingInput {
  taskId: string;
  finding: string;
  reasons?: string[];
  /** Upheld findings only: the department ('<region>:<kind>') that rectifies, if not the one named at the start. */
  departmentId?: string;
  actor: string;
}

export async function recordFinding(s: CaseSession, input: RecordFindingInput): Promise<void> {
  if (!isVerificationCase(s)) throw new InvalidStateError('a finding is recorded on a verification (核查) case', { caseId: s.row.id });
  const task = s.openTask(input.taskId);
  if (task.elementId !== VERIFICATION_TASKS.investigate) {
    throw new InvalidStateError('a finding belongs to the investigation task', { taskId: task.id, elementId: task.elementId });
  }
  const finding = checkFinding(input);
  const upheld = finding !== '不属实';
  const reasons = (input.reasons ?? []).map((r) => r.trim()).filter(Boolean);
  if (upheld && input.departmentId) await assignRectification(s, input.departmentId);
  s.event('verification-finding', { finding, reasons, round: task.round, by: input.actor, departmentId: input.departmentId ?? null }, task.id);
  await giveOpinion(s, { taskId: task.id, decision: upheld ? 'reject' : 'approve', reasons, actor: input.actor });
  task.outcome = { ...(task.outcome ?? {}), finding };
  s.touchTask(task);
}

function checkFinding(input: RecordFindingInput): Finding {
  const problems = [];
  const finding = FINDINGS.find((f) => f === input.finding);
  if (!finding) problems.push({ path: 'finding', reason: `must be one of ${FINDINGS.join(', ')}` });
  if (finding === '不属实' && input.departmentId) problems.push({ path: 'departmentId', reason: 'only an upheld finding names a department to rectify' });
  if (finding && finding !== '不属实' && !input.reasons?.some((r) => r.trim())) {
    problems.push({ path: 'reasons', reason: `required when the finding is ${finding}` });
  }
  if (problems.length || !finding) throw new ValidationError('the finding is invalid', problems);
  return finding;
}

// The rectification task takes its department from the `participants` variable (like a 12345 routing).
async function assignRectification(s: CaseSession, departmentId: string): Promise<void> {
  const target = await resolveDepartment(s.env.org, departmentId);
  const participants = { ...currentParticipantsOf(s), [VERIFICATION_TASKS.rectify]: [target] };
  s.engine.setVariable('participants', participants);
  const link = verificationLinkOf(s);
  if (link) s.engine.setVariable('verification', { ...link, departmentId: target.departmentId });
  s.engineTouched = true;
}
