/** Embedded PostgreSQL servers a test file starts for itself, each in its own folder, all removed after it. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedServer } from '../../engine/adapters/postgres/embedded-server.ts';

export interface ThrowAwayPostgres {
  /** Start a server in `dataDir`, or in a new temporary folder. */
  start(options?: Omit<EmbeddedOptions, 'dataDir'>, dataDir?: string): Promise<EmbeddedServer>;
  /** Remove `dir` too once the file's tests are done. */
  removeAfterwards(dir: string): void;
}

/** Servers stopped and folders removed after the calling file's tests. */
export function throwAwayPostgres(prefix: string): ThrowAwayPostgres {
  const servers: EmbeddedServer[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop().catch(() => {});
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);
  return {
    async start(options = {}, dataDir) {
      const dir = dataDir ?? await mkdtemp(path.join(os.tmpdir(), prefix));
      if (!dataDir) dirs.push(dir);
      const server = await startEmbeddedPostgres({ ...options, dataDir: dir });
      servers.push(server);
      return server;
    },
    removeAfterwards(dir) {
      dirs.push(dir);
    },
  };
}
