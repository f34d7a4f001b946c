/**
 * Where PostgreSQL's time goes during one phase, by statement (pg_stat_statements, loaded by the
 * bench's cluster with tracking off): tracking is switched on for the phase only, so the timed
 * figures are measured without its overhead. Nested statements (triggers, functions) are counted
 * apart from the statement that ran them.
 */
import type { Pool } from '../engine/adapters/postgres/pool.ts';
import { round } from './stats.ts';

/**
 * Server settings for startEmbeddedPostgres: the module loaded. Tracking is switched with ALTER
 * SYSTEM (a `-c` setting would override it), off from `trackNoStatements` until a phase asks.
 */
export const STATEMENT_STATS_SETTINGS = { shared_preload_libraries: 'pg_stat_statements' } as const;

/** Tracking off for the whole server (call once after it started). */
export async function trackNoStatements(pool: Pool): Promise<void> {
  await new StatementMeter(pool).track('none');
}

export interface StatementShare {
  /** The statement's text, whitespace collapsed, cut at 140 characters. */
  query: string;
  calls: number;
  /** Execution time in total and per call (ms); the share is of all tracked statements' time. */
  totalMs: number;
  msPerCall: number;
  percent: number;
}

export interface StatementStats {
  statements: number;
  calls: number;
  totalMs: number;
  top: StatementShare[];
}

export class StatementMeter {
  constructor(private readonly pool: Pool) {}

  /** Forget what was counted so far and count every statement (nested ones too) from now on. */
  async start(): Promise<void> {
    await this.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await this.track('all');
    await this.pool.query('SELECT pg_stat_statements_reset()');
  }

  /** Stop counting; the costliest statements of this database since `start`. */
  async stop(top = 10): Promise<StatementStats> {
    await this.track('none');
    const { rows } = await this.pool.query<{ query: string; calls: number; ms: number }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query, calls::int AS calls, total_exec_time AS ms
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          -- the bench's own bookkeeping (this meter, the wait sampler) is not the app's work
          AND query !~* '(pg_stat_statements|pg_stat_activity|pg_reload_conf|^ALTER SYSTEM|^SHOW )'
        ORDER BY total_exec_time DESC`);
    const totalMs = rows.reduce((sum, r) => sum + r.ms, 0);
    return {
      statements: rows.length,
      calls: rows.reduce((sum, r) => sum + r.calls, 0),
      totalMs: round(totalMs, 1),
      top: rows.slice(0, top).map((r) => ({
        query: r.query, calls: r.calls, totalMs: round(r.ms, 1), msPerCall: round(r.ms / Math.max(1, r.calls), 3),
        percent: round((100 * r.ms) / Math.max(1e-9, totalMs), 1),
      })),
    };
  }

  async track(mode: 'all' | 'none'): Promise<void> {
    await this.pool.query(`ALTER SYSTEM SET pg_stat_statements.track = '${mode}'`);
    await this.pool.query('SELECT pg_reload_conf()');
    // Every backend applies a reload when it next reads a command: wait until this one has.
    for (let i = 0; i < 50; i += 1) {
      const { rows } = await this.pool.query<{ v: string }>('SHOW pg_stat_statements.track');
      if (rows[0]!.v === mode) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The statements as markdown list items. */
export function statementLines(stats: StatementStats): string[] {
  return stats.top.map((s) => `- ${s.percent}% · ${s.calls} calls · ${s.msPerCall} ms each — \`${s.query.replace(/`/g, "'")}\``);
}
