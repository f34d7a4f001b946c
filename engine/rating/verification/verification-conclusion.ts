/**
 * What a verification concluded, from its task rows (they outlive the engine's variables):
 * the investigation's finding, whether the department rectified after it, how the applicant
 * took the reply, and whether supervision stepped in. Recorded on the verification case in the
 * transaction that ends it, and then with the rating of the rated case.
 */
import type { CaseSession } from '../../cases/case-session.ts';
import type { TaskRecord } from '../../cases/case-types.ts';
import { RATING_WINDOW_KIND } from '../rating-window.ts';
import { lastDone, taskHistory } from './task-history.ts';
import {
  FINDINGS, reportKey, VERIFICATION_TASKS, type Finding, type VerificationLink, type VerificationOutcome,
} from './verification-item.ts';

export interface VerificationConclusion {
  verificationCaseId: string;
  verificationCaseNumber: string;
  /** How the verification case ended. */
  status: string;
  outcome: VerificationOutcome;
  finding: Finding | null;
  /** The investigation's reasons (the 电子监察室's opinion). */
  reasons: string[];
  /** The department that was to rectify (the last one asked to). */
  departmentId: string | null;
  rectified: boolean;
  /** What the department reported it did (its completion comment). */
  rectification: string | null;
  /** The applicant's answer at the 回访: satisfied, unsatisfied, or not reached (null). */
  applicantSatisfied: boolean | null;
  reply: string | null;
  /** 效能监察复核 after an unsatisfied reply. */
  reviewedBySupervisor: boolean;
  /** The rectification was escalated to 督办 after the reminders. */
  escalated: boolean;
  concludedAt: string;
}

const flag = (task: TaskRecord | undefined, name: string): boolean => task?.outcome?.[name] === true;
const text = (task: TaskRecord | undefined, name: string): string | null => {
  const value = task?.outcome?.[name];
  return typeof value === 'string' && value.trim() ? value : null;
};

/** The conclusion of the locked verification case as it stands (call it once the case ended). */
export async function verificationConclusion(s: CaseSession): Promise<VerificationConclusion> {
  const tasks = await taskHistory(s, Object.values(VERIFICATION_TASKS));
  const investigation = lastDone(tasks, VERIFICATION_TASKS.investigate);
  const finding = findingOf(investigation);
  const rectify = lastDone(tasks, VERIFICATION_TASKS.rectify);
  // Only a rectification after the finding counts (a return sends the case back to investigation).
  const rectified = flag(rectify, 'answered') && (rectify?.completedAt?.getTime() ?? 0) >= (investigation?.completedAt?.getTime() ?? 0);
  const reply = lastDone(tasks, VERIFICATION_TASKS.reply);
  const reasons = investigation
    ? [...(await s.tx.opinionsOf(investigation.elementId, investigation.round)), ...s.changes.opinions]
      .filter((o) => o.taskId === investigation.id).flatMap((o) => o.reasons)
    : [];
  const lastRectify = tasks.filter((t) => t.elementId === VERIFICATION_TASKS.rectify).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
  return {
    verificationCaseId: s.row.id,
    verificationCaseNumber: s.row.caseNumber,
    status: s.row.status,
    outcome: outcomeOf(s.row.status, finding, rectified),
    finding,
    reasons,
    departmentId: lastRectify?.departmentId ?? null,
    rectified,
    rectification: rectified ? text(rectify, 'comment') : null,
    applicantSatisfied: reply ? flag(reply, 'satisfied') : null,
    reply: text(reply, 'comment'),
    reviewedBySupervisor: !!lastDone(tasks, VERIFICATION_TASKS.superviseReply),
    escalated: tasks.some((t) => t.elementId === VERIFICATION_TASKS.superviseRectification),
    concludedAt: (s.row.endedAt ?? s.now).toISOString(),
  };
}

/**
 * In the command that ended the verification case: record its conclusion on it and arm the
 * report to the rated case (a timer the store keeps on the ended case, due now). Returns
 * whether the case ended in this command.
 */
export async function concludeIfEnded(s: CaseSession, link: VerificationLink): Promise<boolean> {
  if (s.row.status === 'running') return false;
  const conclusion = await verificationConclusion(s);
  s.event('verification-concluded', { ratedCaseId: link.ratedCaseId, ratedCaseNumber: link.ratedCaseNumber, ...conclusion });
  s.notify(s.row.applicantId, 'verification-concluded', { ratedCaseNumber: link.ratedCaseNumber, outcome: conclusion.outcome });
  s.setTimer({ key: reportKey(link.ratedCaseId), kind: RATING_WINDOW_KIND, taskId: null, dueAt: s.now, provisional: false });
  return true;
}

function findingOf(task: TaskRecord | undefined): Finding | null {
  const given = task?.outcome?.finding;
  if ((FINDINGS as readonly unknown[]).includes(given)) return given as Finding;
  // An opinion given without a finding: a rejection upholds the complaint, an approval does not.
  if (flag(task, 'rejected')) return '属实';
  if (flag(task, 'approved')) return '不属实';
  return null;
}

function outcomeOf(status: string, finding: Finding | null, rectified: boolean): VerificationOutcome {
  if (status === 'cancelled') return '核查撤销';
  if (!finding) return '未作结论';
  if (finding === '不属实') return '不属实';
  return rectified ? `${finding}已整改` : `${finding}未整改`;
}
