/**
 * 容缺受理: a green-channel case is accepted with non-essential materials missing and a date
 * promised for each. Not supplied by then → the case clock stops and the applicant is told;
 * supplying the last one restarts it.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { CaseMaterial } from '../cases/case-types.ts';
import { pauseClock, resumeClock } from '../cases/case-clock.ts';
import { ValidationError } from '../errors/domain-error.ts';
import type { Problem } from '../errors/domain-error.ts';

export interface MissingMaterial {
  code: string;
  promisedBy: Date;
}

const PAUSE_REASON = 'missing-materials';
const timerKey = (code: string) => `material:${code}`;

/** Record the materials accepted as missing at acceptance, each with its promised date. */
export function acceptWithMissing(s: CaseSession, missing: MissingMaterial[]): void {
  const problems = missingProblems(s, missing);
  if (problems.length) throw new ValidationError('容缺受理 refused', problems);
  for (const m of missing) {
    const name = s.item.materials.find((x) => x.code === m.code)!.name;
    s.changes.materials.push({ caseId: s.row.id, code: m.code, name, status: 'promised', promisedBy: m.promisedBy, suppliedAt: null });
    s.setTimer({ key: timerKey(m.code), kind: 'material-due', taskId: null, dueAt: m.promisedBy, provisional: false });
  }
  s.event('accepted-with-missing-materials', { materials: missing.map((m) => ({ code: m.code, promisedBy: m.promisedBy.toISOString() })) });
}

function missingProblems(s: CaseSession, missing: MissingMaterial[]): Problem[] {
  if (!s.row.green) return [{ path: 'missingMaterials', reason: '容缺受理 is only for green-channel cases' }];
  return missing.flatMap((m, i): Problem[] => {
    const spec = s.item.materials.find((x) => x.code === m.code);
    if (!spec) return [{ path: `missingMaterials.${i}.code`, reason: `unknown material "${m.code}"` }];
    if (spec.essential) return [{ path: `missingMaterials.${i}.code`, reason: `"${spec.name}" is essential and cannot be missing` }];
    if (m.promisedBy.getTime() <= s.now.getTime()) return [{ path: `missingMaterials.${i}.promisedBy`, reason: 'must be in the future' }];
    return [];
  });
}

/** The applicant supplies promised materials; the clock restarts once none is overdue. */
export async function supplyMaterials(s: CaseSession, codes: string[], actor: string): Promise<void> {
  const promised = (await s.tx.materials()).filter((m) => m.status === 'promised');
  const unknown = codes.filter((c) => !promised.some((m) => m.code === c));
  if (unknown.length) throw new ValidationError('not awaited', unknown.map((c) => ({ path: `codes.${c}`, reason: 'no promised material with this code' })));
  for (const m of promised.filter((x) => codes.includes(x.code))) {
    s.changes.materials.push({ ...m, status: 'supplied', suppliedAt: s.now });
  }
  s.cancelTimers(codes.map(timerKey));
  s.event('materials-supplied', { codes, by: actor });
  const stillOwed = promised.filter((m) => !codes.includes(m.code) && m.promisedBy && m.promisedBy <= s.now);
  if (s.row.pauseReason === PAUSE_REASON && stillOwed.length === 0) await resumeClock(s);
}

/** A promised date passed: stop the clock and tell the applicant what is still owed. */
export async function materialOverdue(s: CaseSession, key: string): Promise<void> {
  const code = key.slice('material:'.length);
  const material = (await s.tx.materials()).find((m: CaseMaterial) => m.code === code);
  if (!material || material.status !== 'promised') return;
  s.event('materials-overdue', { code, name: material.name, promisedBy: material.promisedBy?.toISOString() ?? null });
  s.notify(s.row.applicantId, 'materials-overdue', { code, name: material.name });
  if (!s.row.pausedAt) await pauseClock(s, PAUSE_REASON);
}
