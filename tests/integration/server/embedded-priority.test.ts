/**
 * The embedded PostgreSQL runs a notch below the app (server-priority.ts): its postmaster, the
 * processes it had forked and every backend forked later have the configured niceness; 0 leaves
 * the server as started.
 */
import os from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_NICENESS } from '../../../engine/adapters/postgres/server-priority.ts';
import { throwAwayPostgres } from '../../support/throwaway-postgres.ts';

const servers = throwAwayPostgres('ls-nice-');

/** Niceness of a new session's backend and of the checkpointer (forked before the server was lowered). */
async function priorities(url: string): Promise<{ backend: number; checkpointer: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ backend: number; checkpointer: number }>(
      `SELECT pg_backend_pid() AS backend, (SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer') AS checkpointer`);
    return { backend: os.getPriority(rows[0]!.backend), checkpointer: os.getPriority(rows[0]!.checkpointer) };
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL’s priority', () => {
  it('runs every server process, later backends included, at the default niceness', async () => {
    const server = await servers.start();
    expect(EMBEDDED_NICENESS).toBeGreaterThan(0);
    expect(await priorities(server.url)).toEqual({ backend: EMBEDDED_NICENESS, checkpointer: EMBEDDED_NICENESS });
  }, 60_000);

  it('leaves the server as started with niceness 0', async () => {
    const server = await servers.start({ niceness: 0 });
    expect(await priorities(server.url)).toEqual({ backend: os.getPriority(), checkpointer: os.getPriority() });
  }, 60_000);
});
