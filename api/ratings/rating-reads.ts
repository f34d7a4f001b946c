/** What the API reads about a case's rating: its window, the rating, the archive record, its verification (核查). */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { RATING_WINDOW_KEY } from '../../engine/rating/rating-window.ts';
import type { VerificationConclusion } from '../../engine/rating/verification/verification-conclusion.ts';
import type { VerificationState } from './verification-state.ts';

export interface VerificationView {
  state: VerificationState;
  dueSince: Date | null;
  case: { id: string; caseNumber: string; status: string; dueAt: Date | null; endedAt: Date | null } | null;
  /** The department asked to rectify. */
  departmentId: string | null;
  /** Steps waiting now (investigation, rectification, reply …) with their limits. */
  openSteps: { elementId: string; kind: string; departmentId: string | null; assignee: string | null; status: string; dueAt: Date | null }[];
  /** Red lights the verification has had (a limit — e.g. the reply's — was missed). */
  redWarnings: { elementId: string | null; limit: string | null; at: Date }[];
  /** The conclusion recorded with the rating (or, until that is written, the one the verification recorded when it ended). */
  outcome: VerificationConclusion | null;
}

export interface RatingView {
  window: { closesAt: Date; firedAt: Date | null; cancelledAt: Date | null } | null;
  rating: {
    scale: string; level: string; rank: number; dissatisfied: boolean; comment: string | null;
    aspects: Record<string, string>; verificationDue: boolean; ratedAt: Date;
  } | null;
  archived: { reason: string; at: Date } | null;
  verification: VerificationView;
}

export class RatingReads {
  constructor(private readonly pool: Pool) {}

  async ofCase(caseId: string): Promise<RatingView> {
    const { rows } = await this.pool.query(
      `SELECT t.due_at, t.fired_at, t.cancelled_at, r.scale, r.level, r.rank, r.dissatisfied, r.comment, r.aspects, r.verification_due, r.rated_at,
              a.reason AS archive_reason, a.archived_at
         FROM cases c
         LEFT JOIN case_timers t ON t.case_id = c.id AND t.key = $2
         LEFT JOIN ratings r ON r.case_id = c.id
         LEFT JOIN case_archive a ON a.case_id = c.id
        WHERE c.id = $1`, [caseId, RATING_WINDOW_KEY]);
    const r = rows[0];
    return {
      window: r?.due_at ? { closesAt: r.due_at, firedAt: r.fired_at, cancelledAt: r.cancelled_at } : null,
      rating: r?.level ? {
        scale: r.scale, level: r.level, rank: r.rank, dissatisfied: r.dissatisfied, comment: r.comment, aspects: r.aspects,
        verificationDue: r.verification_due, ratedAt: r.rated_at,
      } : null,
      archived: r?.archive_reason ? { reason: r.archive_reason, at: r.archived_at } : null,
      verification: await this.verificationOf(caseId),
    };
  }

  /** The verification of a rated case, from the rated case's events and the verification case itself. */
  async verificationOf(caseId: string): Promise<VerificationView> {
    const { rows: events } = await this.pool.query(
      `SELECT type, payload, at FROM case_events
        WHERE case_id = $1 AND type IN ('verification-due', 'verification-started', 'verification-concluded') ORDER BY seq`, [caseId]);
    const last = (type: string) => events.filter((e) => e.type === type).at(-1);
    const due = last('verification-due');
    const started = last('verification-started');
    const view: VerificationView = {
      state: due ? 'pending' : 'not-required', dueSince: due?.at ?? null, case: null, departmentId: null, openSteps: [], redWarnings: [], outcome: null,
    };
    if (!started) return view;
    const verificationId = String(started.payload.verificationCaseId);
    const [{ rows: cases }, { rows: tasks }, { rows: own }] = await Promise.all([
      this.pool.query('SELECT id, case_number, status, due_at, ended_at FROM cases WHERE id = $1', [verificationId]),
      this.pool.query(
        `SELECT element_id, kind, department_id, assignee, status, due_at FROM tasks
          WHERE case_id = $1 AND status <> ALL ('{done,cancelled}') ORDER BY created_at, element_id`, [verificationId]), // open tasks, as OPEN_TASKS_SQL in pg-case-store.ts reads them
      this.pool.query(
        `SELECT type, task_id, payload, at FROM case_events WHERE case_id = $1
            AND (type = 'verification-concluded' OR (type = 'warning' AND payload->>'light' = 'red')) ORDER BY seq`, [verificationId]),
    ]);
    const c = cases[0];
    const concluded = last('verification-concluded')?.payload ?? own.filter((e) => e.type === 'verification-concluded').at(-1)?.payload;
    return {
      ...view,
      state: concluded ? 'concluded' : 'in-progress',
      case: c ? { id: c.id, caseNumber: c.case_number, status: c.status, dueAt: c.due_at, endedAt: c.ended_at } : null,
      departmentId: concluded?.departmentId ?? started.payload.departmentId ?? null,
      openSteps: tasks.map((t) => ({
        elementId: t.element_id, kind: t.kind, departmentId: t.department_id, assignee: t.assignee, status: t.status, dueAt: t.due_at,
      })),
      redWarnings: own.filter((e) => e.type === 'warning').map((e) => ({
        elementId: e.payload.elementId ?? null, limit: e.payload.limit ?? e.payload.scope ?? null, at: e.at,
      })),
      outcome: concluded ? (concluded as VerificationConclusion) : null,
    };
  }
}
