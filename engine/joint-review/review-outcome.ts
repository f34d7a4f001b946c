/**
 * The outcome of a joint review round once every participant has an opinion (given or by
 * default). Reject outweighs supplement: a rejection goes to the lead department, which may
 * still reopen the review; asking the applicant for materials first would waste their effort.
 */
import type { Decision, OpinionRecord } from '../cases/case-types.ts';

export interface ReviewOutcome {
  flags: { approved: boolean; rejected: boolean; supplement: boolean };
  /** Departments that take part if the review is entered again (补正 or reopened). */
  nextRound: string[];
}

/** Combine the opinions of one round into the flags the BPMN branches on. */
export function reviewOutcome(opinions: Pick<OpinionRecord, 'decision' | 'departmentId'>[]): ReviewOutcome {
  const by = (decision: Decision) => opinions.filter((o) => o.decision === decision);
  const rejected = by('reject').length > 0;
  const supplement = !rejected && by('supplement').length > 0;
  const approved = !rejected && !supplement;
  // Only the departments that asked (or rejected) review again; the others' approvals stand.
  const again = rejected ? by('reject') : supplement ? by('supplement') : opinions;
  return { flags: { approved, rejected, supplement }, nextRound: again.map((o) => o.departmentId).filter((d): d is string => !!d) };
}
