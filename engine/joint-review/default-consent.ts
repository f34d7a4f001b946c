/**
 * 超时默认 / 不作为默认 / 签收默认: a department that lets its limit pass is recorded as
 * approving, and an accountability record (问责记录) names it.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { OpinionBasis, TaskRecord } from '../cases/case-types.ts';
import { recordOpinion } from './record-opinion.ts';

/** Record a default approval for `task` on `basis`, with its accountability record. */
export async function recordDefaultConsent(s: CaseSession, task: TaskRecord, basis: Exclude<OpinionBasis, 'given'>, limitAt: Date): Promise<void> {
  s.changes.accountability.push({
    caseId: s.row.id, taskId: task.id, departmentId: task.departmentId, level: task.level, basis, limitAt, recordedAt: s.now,
  });
  await recordOpinion(s, task, { decision: 'approve', basis, reasons: [defaultReason(basis)] });
}

function defaultReason(basis: Exclude<OpinionBasis, 'given'>): string {
  switch (basis) {
    case 'timeout': return '超时默认：审查时限届满未出具意见，视为同意';
    case 'inaction': return '不作为默认：已签收但时限届满未办理，视为同意';
    case 'unsigned': return '签收超时：签收时限届满未签收，视为同意';
    case 'absence': return '缺席默认：未出席联审会，视为同意会议决定';
  }
}
