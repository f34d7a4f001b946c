/**
 * 差评核查 as supervision follows them: every 不满意 (or worse) rating given in a period on a
 * case in scope, with where its verification stands (pending / in-progress / concluded), what
 * it found and whether the department rectified. The per-case detail stays at
 * `GET /api/cases/:id/rating`; this is the list a supervisor works down.
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { RatingReads } from '../ratings/rating-reads.ts';
import type { VerificationState } from '../ratings/verification-state.ts';
import type { VerificationRow } from './supervision-answers.ts';
import type { Scope } from './supervision-scope.ts';

const STATES: VerificationState[] = ['pending', 'in-progress', 'concluded', 'not-required'];

/** Dissatisfied ratings of [from, to) on cases in scope, oldest first, at most `limit`. */
export async function verificationList(pool: Pool, scope: Scope, from: Date, to: Date, limit: number): Promise<{ rows: VerificationRow[]; byState: Record<string, number> }> {
  const { rows } = await pool.query(
    `SELECT r.case_id, c.case_number, c.item_code, c.region_code, r.level, r.comment, r.rated_at
       FROM ratings r
       JOIN cases c ON c.id = r.case_id
       JOIN regions cr ON cr.code = c.region_code
      WHERE r.dissatisfied AND r.rated_at >= $1 AND r.rated_at < $2
        AND ($3::text[] IS NULL OR c.region_code = ANY($3))
        AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department_id = $4))
        AND ($5::text IS NULL OR cr.level = $5)
      ORDER BY r.rated_at, c.case_number
      LIMIT $6`,
    [from, to, scope.regionCodes, scope.departmentId, scope.level, limit]);
  const ratings = new RatingReads(pool);
  const list: VerificationRow[] = [];
  // One read per dissatisfied rating: they are few in a month, and the state lives in events.
  for (const r of rows) {
    const v = await ratings.verificationOf(r.case_id);
    list.push({
      caseId: r.case_id, caseNumber: r.case_number, itemCode: r.item_code, regionCode: r.region_code, ratingLevel: r.level,
      comment: r.comment, ratedAt: r.rated_at, state: v.state, verificationCaseNumber: v.case?.caseNumber ?? null,
      departmentId: v.departmentId, outcome: v.outcome?.outcome ?? null, finding: v.outcome?.finding ?? null,
      rectified: v.outcome ? v.outcome.rectified : null, openSteps: v.openSteps.length, redWarnings: v.redWarnings.length,
    });
  }
  const byState: Record<string, number> = Object.fromEntries(STATES.map((s) => [s, 0]));
  for (const row of list) byState[row.state] = (byState[row.state] ?? 0) + 1;
  return { rows: list, byState };
}
