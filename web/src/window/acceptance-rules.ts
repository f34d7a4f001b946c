/**
 * What the window may do with an application, from its check of the materials: accept when every
 * essential material is there; on the green channel an optional material may be owed (容缺) with a
 * promised date; otherwise refuse, telling everything missing at once (一次性告知).
 */

export interface MaterialCheck {
  code: string;
  name: string;
  essential: boolean;
  /** The clerk found it complete. */
  verified: boolean;
  /** Green channel only: accepted as owed, to be supplied by this date ('YYYY-MM-DD'). */
  owedBy?: string;
}

export interface AcceptanceDecision {
  canAccept: boolean;
  missingEssential: MaterialCheck[];
  /** Owed materials without a date (accepting would be refused). */
  undated: MaterialCheck[];
  /** The body of POST /api/cases/:id/accept. */
  acceptBody: { missingMaterials: { code: string; promisedBy: string }[]; notReceived: string[] };
  /** Reasons to start a refusal with: every essential material not found complete. */
  refusalReasons(format: (name: string) => string): string[];
}

export function decideAcceptance(checks: MaterialCheck[], green: boolean): AcceptanceDecision {
  const missingEssential = checks.filter((c) => c.essential && !c.verified);
  const owed = green ? checks.filter((c) => !c.essential && !c.verified && c.owedBy !== undefined) : [];
  const undated = owed.filter((c) => !c.owedBy);
  return {
    canAccept: missingEssential.length === 0 && undated.length === 0,
    missingEssential,
    undated,
    // The promised date runs to the close of office hours that day, Beijing time.
    acceptBody: {
      missingMaterials: owed.filter((c) => c.owedBy).map((c) => ({ code: c.code, promisedBy: `${c.owedBy}T17:30:00+08:00` })),
      // Optional materials neither found complete nor owed: the 受理通知书 says 未提交, not 已收取.
      notReceived: checks.filter((c) => !c.essential && !c.verified && !owed.includes(c)).map((c) => c.code),
    },
    refusalReasons: (format) => missingEssential.map((c) => format(c.name)),
  };
}
