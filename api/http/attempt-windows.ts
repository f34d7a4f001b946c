/**
 * Attempt counters in PostgreSQL (table attempt_windows): fixed windows per key, shared by every
 * app process on the database and kept across restarts — sign-in lock-out and the public
 * lookup's guessing limit. Time is the app's clock, so a
 * lock-out ends when the clock says so (tests move it instead of waiting).
 */
import { createHash } from 'node:crypto';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Clock } from '../../engine/clock/clock.ts';

export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  hits: number;
  /** When the window ends (app clock). */
  resetsAt: Date;
  /** Time left in the window. */
  msLeft: number;
}

// Expired rows are harmless (the next hit restarts their window) but pile up under a spread-out
// attack, one per key; a process deletes them at most this often.
const PURGE_EVERY_MS = 10 * 60_000;

export class AttemptWindows {
  private lastPurge = 0;

  constructor(private readonly pool: Pool, private readonly clock: Clock) {}

  /** Count one attempt against `key`; a window that has ended starts again with this one. */
  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.clock.now();
    await this.purgeNowAndThen(now);
    // One statement: concurrent attempts on any process serialise on the row, none is lost.
    const { rows } = await this.pool.query<{ hits: number; resets_at: Date }>(
      `INSERT INTO attempt_windows AS a (key, hits, resets_at) VALUES ($1, 1, $2::timestamptz + $3 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN a.resets_at <= $2 THEN 1 ELSE a.hits + 1 END,
         resets_at = CASE WHEN a.resets_at <= $2 THEN EXCLUDED.resets_at ELSE a.resets_at END
       RETURNING hits, resets_at`,
      [hashed(key), now, windowMs],
    );
    const resetsAt = rows[0]!.resets_at;
    return { hits: rows[0]!.hits, resetsAt, msLeft: resetsAt.getTime() - now.getTime() };
  }

  /** Take back one attempt from each key (a success that must not count as a failure). */
  async forgive(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.pool.query(
      `UPDATE attempt_windows SET hits = hits - 1 WHERE key = ANY($1) AND hits > 0 AND resets_at > $2`,
      [keys.map(hashed), this.clock.now()],
    );
  }

  // Awaited, so that what an attempt changed is all written when its answer goes out.
  private async purgeNowAndThen(now: Date): Promise<void> {
    if (Math.abs(now.getTime() - this.lastPurge) < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.pool.query('DELETE FROM attempt_windows WHERE resets_at <= $1', [now]);
  }
}

const hashed = (key: string): string => createHash('sha256').update(key).digest('base64url');
