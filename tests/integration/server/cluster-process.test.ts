/**
 * `npm start` with LIANSHEN_WORKERS=2 as a user runs it: a primary with its embedded PostgreSQL
 * under a temporary DATA_DIR and two workers sharing the port; real signals, real kill -9.
 * Every wait is on output, an exit or a bounded poll; nothing sleeps for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStartCommand, removeServerBundle } from '../../support/server-bundle.ts';
import { freePort } from '../../../engine/adapters/postgres/embedded-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 180_000;

interface Exit { code: number | null; signal: NodeJS.Signals | null }

class Server {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';

  constructor(readonly dataDir: string, readonly port: number, workers: number, command: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LIANSHEN_WORKERS: String(workers), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL; // the embedded database, which the primary owns
    delete env.NODE_ENV; // as `npm start` runs: demo users are seeded
    delete env.LIANSHEN_HEAP_MB; // the start command's default heap settings
    // `npm start`'s own command (its Node flags included) without npm's wrapper process.
    this.child = spawn('sh', ['-c', `exec ${command}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { this.stdout += chunk; });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get url(): string { return `http://127.0.0.1:${this.port}`; }
  get output(): string { return `--- stdout\n${this.stdout}--- stderr\n${this.stderr}`; }
  get pid(): number { return this.child.pid!; }

  /** Resolves once stdout holds `text` `times` times; fails with the output on exit or timeout. */
  async waitFor(text: string, times = 1, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const count = () => this.stdout.split(text).length - 1;
    await until(() => count() >= times || this.child.exitCode !== null || this.child.signalCode !== null, timeoutMs, () => `no ${times}× "${text}"\n${this.output}`);
    if (count() < times) throw new Error(`server exited before printing ${times}× "${text}"\n${this.output}`);
  }

  async stop(signal: NodeJS.Signals, timeoutMs = 60_000): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms of ${signal}\n${this.output}`)), timeoutMs); });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  /** The worker processes (children running the worker's bundle, worker-main.mjs). */
  workers(): number[] {
    return childrenOf(this.pid).filter((pid) => commandLine(pid).includes('worker-main.mjs'));
  }

  /** A demo user's password, printed once when the demo world is created. */
  password(username: string): string {
    const match = new RegExp(`^\\s*${username}\\s+\\S+\\s+(\\S+)`, 'm').exec(this.stdout);
    if (!match) throw new Error(`no password for ${username} in\n${this.output}`);
    return match[1]!;
  }
}

const running = new Set<Server>();
const dataDirs: string[] = [];

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// Without the growth setting a capped heap ran a full collection every 0.5 s under load.
function expectStartHeapFlags(pid: number): void {
  const flags = commandLine(pid);
  expect(flags).toContain('--max-old-space-size=320');
  expect(flags).toContain('--heap-growing-percent=200');
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Whether `pid` runs (a zombie nobody reaped yet does not). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-cluster-'));
  await chmod(dir, 0o755); // PostgreSQL runs as `postgres` when we are root
  dataDirs.push(dir);
  return dir;
}

async function start(dataDir: string, workers = 2): Promise<Server> {
  const server = new Server(dataDir, await freePort(), workers, await bundledStartCommand());
  await server.waitFor('listening on');
  return server;
}

/** A request on a connection of its own: node:cluster hands each new connection to the next worker. */
async function post(server: Server, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function ready(server: Server): Promise<number> {
  return (await fetch(`${server.url}/readyz`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(20_000) })).status;
}

afterAll(async () => {
  for (const server of [...running]) await server.stop('SIGTERM').catch(() => server.stop('SIGKILL', 10_000)).catch(() => {});
  for (const dir of dataDirs) {
    const pid = postmasterPid(dir);
    if (pid && isRunning(pid)) {
      process.kill(pid, 'SIGINT');
      await until(() => !isRunning(pid), 30_000, () => `PostgreSQL ${pid} still running`).catch(() => {});
    }
    await rm(dir, { recursive: true, force: true });
  }
  await removeServerBundle();
}, 120_000);

describe('npm start with two workers', () => {
  let dataDir: string;
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = await freshDataDir();
    server = await start(dataDir);
  }, START_TIMEOUT_MS);
  afterAll(() => { for (const socket of sockets) socket.disconnect(); });

  it('prepares the database once, then serves from two worker processes on one port', async () => {
    expect(server.stdout, server.output).toContain('2 workers');
    // deployed and seeded by the primary, once
    expect(server.stdout.split('deployed approval items').length - 1, server.output).toBe(1);
    expect(server.stdout.split('Demo world created').length - 1, server.output).toBe(1);
    const workers = server.workers();
    expect(workers).toHaveLength(2);
    for (const _ of [1, 2, 3, 4]) expect(await ready(server)).toBe(200);
  }, TEST_TIMEOUT_MS);

  it("runs every worker with the start command's heap settings (its cap, and growth to 3× the live heap)", () => {
    expect(server.workers()).toHaveLength(2);
    for (const pid of server.workers()) expectStartHeapFlags(pid);
  });

  it('delivers a case event over websocket to sockets on every worker, whichever worker took the command', async () => {
    const window = await post(server, '/api/auth/login', { username: 'demo-window', password: server.password('demo-window'), client: 'bearer' });
    expect(window.status).toBe(200);
    // One connection after another: the primary hands them to the workers in turn. Websocket
    // only (as the browser app), so no request of a socket ever lands on another worker.
    const heard: string[][] = [];
    for (let i = 0; i < 4; i += 1) {
      const socket = connectSocket(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: window.body.token } });
      sockets.push(socket);
      const caseIds: string[] = [];
      heard.push(caseIds);
      socket.on('case:event', (message: { caseId?: string; event?: { caseId?: string } }) => caseIds.push(String(message.caseId ?? message.event?.caseId)));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    }
    const enterprise = await post(server, '/api/auth/login', { username: 'demo-enterprise', password: server.password('demo-enterprise'), client: 'bearer' });
    const applied = await post(server, '/api/cases', { itemCode: '010070001000', regionCode: '990121' }, enterprise.body.token);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await until(() => heard.every((ids) => ids.includes(applied.body.id)), 20_000, () => `events heard: ${JSON.stringify(heard)}`);
  }, TEST_TIMEOUT_MS);

  it('refuses socket.io long-polling, whose requests would be spread over the workers', async () => {
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: server.url } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Transport unknown' });
  }, TEST_TIMEOUT_MS);

  it('holds the sign-in lock-out across workers: guesses spread over both are counted together', async () => {
    const statuses: number[] = [];
    // ten tries a minute per address and username (production limit); each on a new connection
    for (let i = 0; i < 12; i += 1) statuses.push((await post(server, '/api/auth/login', { username: 'demo-supervisor', password: 'guess' })).status);
    expect(statuses.join(',')).toBe('401,401,401,401,401,401,401,401,401,401,429,429');
  }, TEST_TIMEOUT_MS);

  it('replaces a worker killed with kill -9 while the other keeps answering', async () => {
    const [victim, survivor] = server.workers();
    process.kill(victim!, 'SIGKILL');
    await server.waitFor('exited (signal SIGKILL)');
    // only the survivor is left to take the connections
    for (const _ of [1, 2, 3, 4]) expect(await ready(server)).toBe(200);
    await server.waitFor('replaced the one that died');
    const workers = server.workers();
    expect(workers).toHaveLength(2);
    expect(workers).toContain(survivor);
    expect(workers).not.toContain(victim);
    for (const pid of workers) expectStartHeapFlags(pid);
    for (const _ of [1, 2, 3, 4]) expect(await ready(server)).toBe(200);
  }, TEST_TIMEOUT_MS);

  it('stops the workers, then PostgreSQL, on SIGTERM, and exits 0', async () => {
    const workers = server.workers();
    const postgres = postmasterPid(dataDir)!;
    const exit = await server.stop('SIGTERM');
    expect(exit, server.output).toEqual({ code: 0, signal: null });
    expect(server.stdout).toContain('SIGTERM: stopping');
    expect(server.stderr, server.output).toBe('');
    for (const pid of [...workers, postgres]) expect(isRunning(pid), `pid ${pid}`).toBe(false);
    expect(postmasterPid(dataDir)).toBeUndefined(); // a clean PostgreSQL shutdown removes it
  }, TEST_TIMEOUT_MS);
});

describe('kill -9 of the primary', () => {
  it('takes its workers and its PostgreSQL down with it, and the next start serves', async () => {
    const dataDir = await freshDataDir();
    const killed = await start(dataDir);
    const workers = killed.workers();
    const postgres = postmasterPid(dataDir)!;
    expect(workers).toHaveLength(2);
    expect(await killed.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // The workers see their primary go and exit; on their way out they stop its PostgreSQL.
    await until(() => workers.every((pid) => !isRunning(pid)), 20_000, () => `workers ${workers} still running`);
    await until(() => !isRunning(postgres), 30_000, () => `PostgreSQL ${postgres} still running`);
    expect(postmasterPid(dataDir)).toBeUndefined();

    const next = await start(dataDir);
    expect(next.stdout).not.toContain('stopping orphaned PostgreSQL');
    expect(await ready(next)).toBe(200);
    expect(await next.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, TEST_TIMEOUT_MS);
});

describe('LIANSHEN_WORKERS=1', () => {
  it('runs the node in one process, as before workers existed', async () => {
    const dataDir = await freshDataDir();
    const single = await start(dataDir, 1);
    expect(single.workers()).toEqual([]);
    expect(single.stdout).not.toContain('workers');
    expect(await ready(single)).toBe(200);
    expect(await single.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(single.stderr, single.output).toBe('');
  }, TEST_TIMEOUT_MS);
});
