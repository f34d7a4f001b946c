/**
 * What the chaos suites share: a fresh database with the ten-department item deployed and the
 * people who act on it, limits made to fall due within seconds, and the checks that nothing
 * happened twice.
 */
import { createRuntimeOn } from '../../../engine/adapters/postgres/create-runtime.ts';
import type { Pool } from '../../../engine/adapters/postgres/pool.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { COUNTY, createReviewers, tenDepartmentXml } from '../../integration/reliability/ten-departments.ts';

export const PASSWORD = 'chaos monkey battery staple';
export const APPLICANT = 'ent-chaos';
export const WINDOW = 'window-chaos';
export const SUPERVISOR = 'supervisor-chaos';

/** A migrated database with the demo org, the ten-department item and its people. */
export async function chaosDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await createRuntimeOn(db.pool).deploy(await tenDepartmentXml());
  await createReviewers(db.pool, PASSWORD, [
    { username: APPLICANT, role: 'applicant', regionCode: COUNTY },
    { username: WINDOW, role: 'window', regionCode: COUNTY },
    { username: SUPERVISOR, role: 'supervisor', regionCode: '990100' },
  ]);
  return db;
}

/**
 * Make a task's limit fall due `inSeconds` from now. The nodes run on the wall clock and the
 * limits are working days, so the test moves the deadline itself: the timer row is what the
 * sweep looks for and what a wake checks, and the agenda job is moved with it so that both
 * paths race for it. The deadline arithmetic is covered by the runtime tests (manual clock).
 */
export async function makeDue(pool: Pool, taskIds: string[], kind: 'sign-due' | 'review-due', inSeconds: number): Promise<number> {
  const { rows } = await pool.query(
    `UPDATE case_timers SET due_at = now() + make_interval(secs => $3)
      WHERE task_id = ANY($1::uuid[]) AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL RETURNING case_id, key`,
    [taskIds, kind, inSeconds]);
  if (rows.length) {
    await pool.query(
      `UPDATE agenda_jobs SET next_run_at = now() + make_interval(secs => $2)
        WHERE name = 'case-timer' AND (data->>'caseId', data->>'key') IN (SELECT * FROM unnest($1::text[], $3::text[]))`,
      [rows.map((r) => r.case_id), inSeconds, rows.map((r) => r.key)]);
  }
  return rows.length;
}

/** Effects that must each happen once: one row per (case, task, type[, light/limit]) that occurred more than once. */
export async function duplicatedEffects(pool: Pool): Promise<Array<Record<string, unknown>>> {
  const { rows } = await pool.query(
    `SELECT case_id, task_id, type, payload->>'light' AS light, payload->>'limit' AS "limit", count(*)::int AS n FROM case_events
      WHERE type IN ('task-created', 'signed', 'opinion', 'default-consent', 'task-completed', 'review-concluded', 'completed', 'returned', 'warning')
      GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1`);
  return rows;
}

/** Poll (bounded) until `done` holds: the app nodes are other processes, there is no event to await. */
export async function eventually(what: string, done: () => Promise<boolean>, timeoutMs = 90_000): Promise<number> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Math.round(performance.now() - started);
}
