/**
 * The embedded PostgreSQL runs a notch below the app (server-priority.ts): its postmaster, the
 * processes it had forked and every backend forked later have the configured niceness; 0 leaves
 * the server as started.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../engine/adapters/postgres/embedded-server.ts';
import { EMBEDDED_NICENESS } from '../../../engine/adapters/postgres/server-priority.ts';

const started: Array<{ server: EmbeddedServer; dir: string }> = [];

async function start(niceness?: number): Promise<EmbeddedServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ls-nice-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, ...(niceness === undefined ? {} : { niceness }) });
  started.push({ server, dir });
  return server;
}

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

afterAll(async () => {
  for (const { server, dir } of started) {
    await server.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('the embedded PostgreSQL’s priority', () => {
  it('runs every server process, later backends included, at the default niceness', async () => {
    const server = await start();
    expect(EMBEDDED_NICENESS).toBeGreaterThan(0);
    expect(await priorities(server.url)).toEqual({ backend: EMBEDDED_NICENESS, checkpointer: EMBEDDED_NICENESS });
  }, 60_000);

  it('leaves the server as started with niceness 0', async () => {
    const server = await start(0);
    expect(await priorities(server.url)).toEqual({ backend: os.getPriority(), checkpointer: os.getPriority() });
  }, 60_000);
});
