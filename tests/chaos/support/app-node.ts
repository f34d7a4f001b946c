/**
 * One Lianshen node as production runs it (npm start's command on the bundled server,
 * tests/support/server-bundle.ts), as a child process on a database
 * of the test's PostgreSQL: started, waited for, killed with SIGKILL (no chance to clean up) or
 * stopped with SIGTERM. Every wait is on the child's output or exit, bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledStartCommand } from '../../support/server-bundle.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const START_TIMEOUT_MS = 60_000;

export interface NodeOptions {
  databaseUrl: string;
  port: number;
  /** Seconds between sweeps for due timers (the safety net beside agenda). */
  sweepSeconds?: number;
  name: string;
}

export class AppNode {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output = '';
  private readonly dataDir: string;

  constructor(readonly options: NodeOptions, command: string) {
    // Uploads would go under DATA_DIR; the database is DATABASE_URL, so nothing else does.
    this.dataDir = mkdtempSync(path.join(os.tmpdir(), `lianshen-chaos-${options.name}-`));
    const env: NodeJS.ProcessEnv = {
      ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(options.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir,
      LIANSHEN_SWEEP_SECONDS: String(options.sweepSeconds ?? 1), LOG_LEVEL: 'warn',
    };
    delete env.NODE_ENV; // vitest sets 'test'; the node runs as `npm start` would
    // exec: the child is the node itself, so SIGKILL and SIGTERM reach it directly
    this.child = spawn('sh', ['-c', `exec ${command}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.setEncoding('utf8').on('data', (chunk: string) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      rmSync(this.dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }));
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the node listens (its "listening on" line); fails on exit or after 60 s. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.output.includes('listening on')) return;
        finish();
        resolve();
      };
      const timer = setTimeout(() => { finish(); reject(new Error(`${this.options.name} not listening within ${START_TIMEOUT_MS} ms\n${this.output}`)); }, START_TIMEOUT_MS);
      const finish = () => { clearTimeout(timer); this.child.stdout!.off('data', check); };
      this.child.stdout!.on('data', check);
      void this.exited.then((exit) => { finish(); reject(new Error(`${this.options.name} exited (${JSON.stringify(exit)}) before listening\n${this.output}`)); });
      check();
    });
  }

  /** kill -9: the process gets no chance to finish anything. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait (bounded), then SIGKILL if it still runs. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Start a node and wait until it listens; returns it with how long that took. */
export async function startNode(options: NodeOptions): Promise<{ node: AppNode; startMs: number }> {
  const command = await bundledStartCommand();
  const started = performance.now();
  const node = new AppNode(options, command);
  await node.ready();
  return { node, startMs: Math.round(performance.now() - started) };
}
