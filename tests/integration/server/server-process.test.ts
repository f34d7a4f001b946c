/**
 * The server process as a user runs it (`npm start`: the server bundled into dist/server, here a
 * bundle of this file's own — tests/support/server-bundle.ts): a real child process
 * with its own embedded PostgreSQL under a temporary DATA_DIR, real signals, real restarts.
 * Every wait is on the process's output or exit, bounded; nothing sleeps for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../engine/adapters/postgres/embedded-server.ts';
import { bundledStartCommand, removeServerBundle } from '../../support/server-bundle.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LISTENING = 'listening on';
const DEPLOYED = 'deployed approval items';
/** First start runs initdb; later ones may first stop an orphaned PostgreSQL (up to 30 s). */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 120_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One server started with npm start's command, its output collected as it comes. */
class ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';

  constructor(readonly dataDir: string, readonly port: number | string, command: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
    delete env.DATABASE_URL; // this is about the embedded database; never touch a configured one
    // exec: the child is the node itself, so signals reach it as from a service manager
    this.child = spawn('sh', ['-c', `exec ${command}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { this.stdout += chunk; });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        // Let the pipes drain so the collected output is complete, without ever hanging on them.
        const timer = setTimeout(() => resolve({ code, signal }), 2_000);
        this.child.once('close', () => { clearTimeout(timer); resolve({ code, signal }); });
      });
    });
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return `--- stdout\n${this.stdout}--- stderr\n${this.stderr}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once stdout contains `text`; fails with the collected output on exit or timeout. */
  waitForStdout(text: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => { if (this.stdout.includes(text)) settle(); };
      const timer = setTimeout(() => settle(new Error(`no "${text}" on stdout within ${timeoutMs} ms\n${this.output}`)), timeoutMs);
      this.child.stdout!.on('data', check);
      void this.exited.then((exit) => settle(new Error(`server exited (${describeExit(exit)}) before printing "${text}"\n${this.output}`)));
      check();
    });
  }

  /** Send `signal` and wait (bounded) for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = STOP_TIMEOUT_MS): Promise<Exit> {
    if (this.alive) this.child.kill(signal);
    return within(this.exited, timeoutMs, () => `server did not exit within ${timeoutMs} ms of ${signal}\n${this.output}`);
  }
}

const running = new Set<ServerProcess>();
const dataDirs: string[] = [];

/** Start the server on `dataDir` and wait until it listens. */
async function startServer(dataDir: string): Promise<ServerProcess> {
  const server = new ServerProcess(dataDir, await freePort(), await bundledStartCommand());
  await server.waitForStdout(LISTENING);
  return server;
}

/** A fresh DATA_DIR, enterable by the `postgres` user PostgreSQL runs as when we are root. */
async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-server-'));
  await chmod(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

/** pid and port of the PostgreSQL holding `dataDir`, from its postmaster.pid (if present). */
function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** Whether `pid` runs: an exited process nobody has reaped yet (a zombie) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return !existsSync('/proc/self/stat'); // no procfs (not Linux): trust the signal probe
  }
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** Poll a condition on a process that is not our child (no event to wait on), bounded. */
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message())), timeoutMs); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** SIGTERM, then exit code 0. */
async function expectCleanStop(server: ServerProcess): Promise<void> {
  expect(describeExit(await server.stop('SIGTERM')), server.output).toBe('code 0');
}

function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Definitions in the server's `lianshen` database, per item code. */
async function definitionsByItem(dataDir: string): Promise<Array<{ item_code: string; versions: number; max_version: number }>> {
  const pm = postmaster(dataDir);
  if (!pm) throw new Error(`no postmaster.pid under ${dataDir}: is the server running?`);
  const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  const client = new pg.Client({ host: '127.0.0.1', port: pm.port, user: 'postgres', password, database: 'lianshen' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT item_code, count(*)::int AS versions, max(version)::int AS max_version FROM definitions GROUP BY item_code ORDER BY item_code',
    );
    return rows;
  } finally {
    await client.end();
  }
}

// Whatever a failed test left behind: the app processes, then any PostgreSQL they orphaned.
afterAll(async () => {
  for (const server of [...running]) {
    await server.stop('SIGTERM', 15_000).catch(() => server.stop('SIGKILL', 5_000)).catch(() => {});
  }
  for (const dir of dataDirs) {
    const pm = postmaster(dir);
    if (pm && isRunning(pm.pid)) {
      process.kill(pm.pid, 'SIGINT');
      await until(() => !isRunning(pm.pid), 30_000, `orphaned PostgreSQL ${pm.pid} still running`).catch(() => {
        if (isRunning(pm.pid)) process.kill(pm.pid, 'SIGQUIT');
      });
    }
    await rm(dir, { recursive: true, force: true });
  }
  await removeServerBundle();
}, 120_000);

describe('the server process on a fresh DATA_DIR', () => {
  let dataDir: string;
  beforeAll(async () => { dataDir = await freshDataDir(); });

  it('answers /healthz and /readyz once the embedded database is migrated', async () => {
    const server = await startServer(dataDir);
    const health = await getJson(`${server.url}/healthz`);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', database: 'up', migrations: true } });
    await expectCleanStop(server);
  }, TEST_TIMEOUT_MS);

  it('stops the server and its PostgreSQL cleanly on SIGTERM', async () => {
    const server = await startServer(dataDir);
    const pm = postmaster(dataDir);
    expect(pm && isRunning(pm.pid)).toBe(true);
    const exit = await server.stop('SIGTERM');
    expect(describeExit(exit), server.output).toBe('code 0');
    expect(server.stdout).toContain('SIGTERM: stopping');
    expect(server.stderr, server.output).toBe('');
    // The app waited for its PostgreSQL to exit, and a clean shutdown removes the lock file.
    expect(isRunning(pm!.pid)).toBe(false);
    expect(postmaster(dataDir)).toBeUndefined();
    await expect(fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  }, TEST_TIMEOUT_MS);
});

describe('the server process restarted on the same DATA_DIR', () => {
  let dataDir: string;
  beforeAll(async () => { dataDir = await freshDataDir(); });

  it('keeps its data across a restart on the same DATA_DIR', async () => {
    const bundled = (await readdir(path.join(ROOT, 'processes'))).filter((f) => f.endsWith('.bpmn'));

    const first = await startServer(dataDir);
    const deployedLine = first.stdout.split('\n').find((line) => line.startsWith(DEPLOYED));
    expect(deployedLine, first.output).toBeDefined();
    const deployedCodes = [...deployedLine!.matchAll(/(\S+) v1\b/g)].map((m) => m[1]!).sort();
    expect(deployedCodes).toHaveLength(bundled.length);
    await expectCleanStop(first);

    const second = await startServer(dataDir);
    expect(second.stdout).not.toContain(DEPLOYED);
    expect(await getJson(`${second.url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });
    const definitions = await definitionsByItem(dataDir);
    expect(definitions.map((d) => d.item_code)).toEqual(deployedCodes);
    for (const definition of definitions) expect(definition).toMatchObject({ versions: 1, max_version: 1 });
    await expectCleanStop(second);
  }, TEST_TIMEOUT_MS);

  it('recovers after kill -9: the orphaned PostgreSQL is stopped and the next start serves again', async () => {
    const killed = await startServer(dataDir);
    const orphan = postmaster(dataDir);
    expect(describeExit(await killed.stop('SIGKILL'))).toBe('signal SIGKILL');
    // Nothing stopped the app's PostgreSQL: it still runs and still holds the data folder.
    expect(orphan && isRunning(orphan.pid)).toBe(true);

    const next = await startServer(dataDir);
    expect(isRunning(orphan!.pid)).toBe(false);
    expect(postmaster(dataDir)?.pid).not.toBe(orphan!.pid);
    expect(await getJson(`${next.url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(next.stdout).not.toContain(DEPLOYED);
    await expectCleanStop(next);
  }, 2 * TEST_TIMEOUT_MS);
});

describe('the server process configuration', () => {
  it('refuses to start with a bad PORT and names the variable', async () => {
    const dataDir = path.join(await freshDataDir(), 'data');
    const server = new ServerProcess(dataDir, 'abc', await bundledStartCommand());
    const exit = await within(server.exited, STOP_TIMEOUT_MS, () => `server with PORT=abc still running after ${STOP_TIMEOUT_MS} ms\n${server.output}`);
    expect(exit.code, server.output).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(server.output).toMatch(/invalid configuration: .*PORT/);
    expect(server.stdout).not.toContain(LISTENING);
    expect(existsSync(dataDir)).toBe(false); // refused before touching the database
  }, TEST_TIMEOUT_MS);
});
