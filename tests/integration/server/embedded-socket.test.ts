/**
 * The embedded PostgreSQL serves the app over a Unix socket under DATA_DIR (cheaper per
 * statement than loopback TCP), keeps TCP on 127.0.0.1 for tools, and falls back to TCP when
 * DATA_DIR is too deep for a socket path.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { throwAwayPostgres } from '../../support/throwaway-postgres.ts';

const servers = throwAwayPostgres('ls-sock-');

/** The client address PostgreSQL sees for a connection (null over a Unix socket). */
async function clientAddress(config: string | pg.ClientConfig): Promise<string | null> {
  const client = new pg.Client(typeof config === 'string' ? { connectionString: config } : config);
  await client.connect();
  try {
    const { rows } = await client.query<{ addr: string | null }>('SELECT host(inet_client_addr()) AS addr');
    return rows[0]!.addr;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  it('connects the app over a Unix socket under its data folder and still accepts TCP on 127.0.0.1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ls-sock-'));
    servers.removeAfterwards(dir);
    const server = await servers.start({}, dir);
    expect(new URL(server.url).searchParams.get('host')).toBe(path.join(dir, 'run'));
    expect(await clientAddress(server.url)).toBeNull();
    const { password } = new URL(server.url);
    expect(await clientAddress({ host: '127.0.0.1', port: server.port, user: 'postgres', password: decodeURIComponent(password), database: 'postgres' }))
      .toBe('127.0.0.1');
  }, 60_000);

  it('falls back to TCP when the data folder is too deep for a socket path', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'ls-deep-'));
    await chmod(base, 0o755); // as root, PostgreSQL runs as `postgres` and must pass through it
    const dir = path.join(base, 'a-folder-name-long-enough-'.repeat(4));
    servers.removeAfterwards(base);
    const server = await servers.start({}, dir);
    expect(new URL(server.url).searchParams.has('host')).toBe(false);
    expect(await clientAddress(server.url)).toBe('127.0.0.1');
  }, 60_000);
});
