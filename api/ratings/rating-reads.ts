/** What the API reads about a case's rating: its window, the rating, the archive record. */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { RATING_WINDOW_KEY } from '../../engine/rating/rating-window.ts';

export interface RatingView {
  window: { closesAt: Date; firedAt: Date | null; cancelledAt: Date | null } | null;
  rating: {
    scale: string; level: string; rank: number; dissatisfied: boolean; comment: string | null;
    aspects: Record<string, string>; verificationDue: boolean; ratedAt: Date;
  } | null;
  archived: { reason: string; at: Date } | null;
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
    };
  }
}
