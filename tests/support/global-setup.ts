/**
 * One embedded PostgreSQL per test run (each test file then creates its own database).
 * The server lives in a temporary folder and is stopped at teardown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../engine/adapters/postgres/embedded-server.ts';

let server: EmbeddedServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-test-'));
  // At the priority it was started with: the test run's own workers share the cores with it, and
  // lowering it (the app's default, server-priority.ts) would only change how long tests take.
  server = await startEmbeddedPostgres({ dataDir: dir, niceness: 0 });
  project.provide('pgServerUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
