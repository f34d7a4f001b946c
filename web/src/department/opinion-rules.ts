/**
 * What an opinion needs before it is sent — the same rules the server applies, checked in the
 * form so a reviewer learns at once what is missing: a rejection names its reasons, a 补正
 * request lists every missing material at once (一次性告知), and no entry is blank or too long.
 */

export type Decision = 'approve' | 'reject' | 'supplement';

export interface OpinionDraft {
  decision?: Decision;
  reasons: string[];
  conditions: string[];
  materials: string[];
}

export type OpinionProblem = 'decisionRequired' | 'reasonsRequired' | 'materialsRequired' | 'entryTooLong' | 'tooMany';
export type OpinionProblems = Partial<Record<'decision' | 'reasons' | 'conditions' | 'materials', OpinionProblem>>;

const MAX_TEXT = 2000;
const MAX_ENTRIES = { reasons: 50, conditions: 50, materials: 200 } as const;

/** Trimmed, without blank entries: what is actually sent. */
export function cleanEntries(entries: readonly string[]): string[] {
  return entries.map((e) => e.trim()).filter(Boolean);
}

/** The problems of a draft, by field; empty when it may be sent. */
export function checkOpinion(draft: OpinionDraft): OpinionProblems {
  const problems: OpinionProblems = {};
  if (!draft.decision) problems.decision = 'decisionRequired';
  for (const field of ['reasons', 'conditions', 'materials'] as const) {
    const entries = cleanEntries(draft[field]);
    if (entries.some((e) => e.length > MAX_TEXT)) problems[field] = 'entryTooLong';
    else if (entries.length > MAX_ENTRIES[field]) problems[field] = 'tooMany';
  }
  if (draft.decision === 'reject' && cleanEntries(draft.reasons).length === 0) problems.reasons = 'reasonsRequired';
  if (draft.decision === 'supplement' && cleanEntries(draft.materials).length === 0) problems.materials = 'materialsRequired';
  return problems;
}

/** The request body of `POST /api/tasks/:id/opinion` for a valid draft. */
export function opinionBody(draft: OpinionDraft & { decision: Decision }) {
  return {
    decision: draft.decision,
    reasons: cleanEntries(draft.reasons),
    // Conditions belong to an approval (附条件同意); materials to a 补正 request.
    conditions: draft.decision === 'approve' ? cleanEntries(draft.conditions) : [],
    materials: draft.decision === 'supplement' ? cleanEntries(draft.materials) : [],
  };
}
