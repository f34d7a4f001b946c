/**
 * Assembles one app node: database (embedded or DATABASE_URL), runtime, durable timers, the
 * bundled approval items and the HTTP server; and takes it all down again in order. With
 * several workers (api/cluster) the primary opens and prepares the database once and every
 * worker starts a node on it.
 */
import { createServer, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { AgendaTimerScheduler } from '../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { lateBoundScheduler } from '../engine/deadlines/timer-scheduler.ts';
import type { Database } from '../engine/adapters/postgres/database.ts';
import { createRuntimeOn } from '../engine/adapters/postgres/create-runtime.ts';
import { loadCalendar } from '../engine/adapters/postgres/load-calendar.ts';
import type { Pool } from '../engine/adapters/postgres/pool.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import { WEB_DIST } from '../web/build.ts';
import { attachRealtime } from './realtime/realtime-server.ts';
import { removeAbandonedUploads, UPLOAD_CLEANUP_INTERVAL_MS } from './uploads/upload-retention.ts';
import { UploadStore } from './uploads/upload-store.ts';
import { prepareData } from './prepare-data.ts';

export interface Platform {
  db: Database;
  runtime: Runtime;
  server: Server;
  url: string;
  /** The loopback-only port of this process alone (options.privatePort). */
  privatePort?: number;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** An open, migrated database (a cluster worker's); opened (and migrated) here when absent. */
  database?: Database;
  /** Deploy the bundled items and seed the demo world (once per start: the primary does it for its workers). */
  prepare?: boolean;
  /** Express handlers run before all others (api/cluster/case-affinity.ts). */
  first?: RequestHandler[];
  /** Also serve on a loopback port of this process alone (a worker's, for its peers). */
  privatePort?: boolean;
  /** Realtime over websocket only (a cluster worker's: long-polling needs sticky sessions). */
  websocketOnly?: boolean;
}

// agenda creates its table, indexes and trigger on every start (CREATE OR REPLACE FUNCTION, DROP
// and CREATE TRIGGER): two processes doing so at once fail with "tuple concurrently updated" or
// "trigger already exists". Workers (and nodes) starting together take turns on this lock.
const TIMER_SCHEMA_LOCK = 7_205_115;

/** Start a node; resolves once it listens. */
export async function startPlatform(config: Config, log: (line: string) => void = console.log, options: PlatformOptions = {}): Promise<Platform> {
  const db = options.database ?? await (await import('../engine/adapters/postgres/database.ts')).openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, pgNice: config.pgNice });
  let scheduler: AgendaTimerScheduler | undefined;
  const calendar = await loadCalendar(db.pool);
  const runtime = createRuntimeOn(db.pool, { calendar, settings: { rating: config.centre.rating, ...(config.engineCacheMB !== undefined && { engineCacheMB: config.engineCacheMB }) }, scheduler: lateBoundScheduler(() => scheduler!) });
  // Deadlines are computed ahead of their instant and only written at it (a burst at the start
  // of office hours takes effect on time instead of queueing behind every case's engine work).
  scheduler = await oneAtATime(db.pool, TIMER_SCHEMA_LOCK, () => AgendaTimerScheduler.start({
    connectionString: db.url,
    wake: (caseId, keys) => runtime.fireTimers(caseId, keys),
    prepare: (caseId, keys) => runtime.prepareTimers(caseId, keys),
  }));
  if (options.prepare ?? true) await prepareData(db.pool, runtime, log);
  // Timers due within the last claim period are agenda's (claimed ahead, fired at their instant).
  const sweep = repeating('timer sweep', config.sweepSeconds * 1000, config.sweepSeconds * 1000, log,
    () => runtime.runDueTimers(1000, { overdueByMs: scheduler!.claimPeriodMs }));
  // 材料清理: uploads nobody handed in, and bytes without a record, do not pile up in DATA_DIR.
  const uploads = new UploadStore(db.pool, config.dataDir);
  const uploadCleanup = repeating('upload clean-up', 60_000, UPLOAD_CLEANUP_INTERVAL_MS, log, async () => {
    const { abandoned, stray } = await removeAbandonedUploads(uploads, new Date(), config.uploadRetentionDays);
    if (abandoned || stray) log(`removed ${abandoned} upload(s) never handed in within ${config.uploadRetentionDays} days and ${stray} stray file(s)`);
  });
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const app = createApp({ pool: db.pool, runtime, logger, scoringRules: config.centre.scoring, webRoot: WEB_DIST, dataDir: config.dataDir, first: options.first });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  // exclusive: under node:cluster a listen is otherwise shared with the other workers.
  const own = options.privatePort ? createServer(app) : undefined;
  if (own) {
    own.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => own.once('error', reject).listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve));
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const realtime = attachRealtime({
    httpServer: server, pool: db.pool, runtime, websocketOnly: options.websocketOnly, log: (message, fields) => logger.warn(fields ?? {}, message),
  });
  return {
    db, runtime, server, url: `http://127.0.0.1:${port}`,
    privatePort: own ? (own.address() as { port: number }).port : undefined,
    stop: async () => {
      await Promise.all([sweep.stop(), uploadCleanup.stop()]);
      // Open websockets would keep server.close() waiting: disconnect them first.
      await realtime.close();
      await Promise.all([server, own].map((s) => s && new Promise<void>((resolve) => s.close(() => resolve()))));
      own?.closeAllConnections();
      await scheduler?.stop();
      await db.close();
    },
  };
}

/**
 * Background work run `firstMs` after start and then every `everyMs`, one run at a time (a run
 * still going when the next is due is not doubled); a failure is logged, never thrown. `stop()`
 * cancels what is pending and waits for a run in progress.
 */
function repeating(what: string, firstMs: number, everyMs: number, log: (line: string) => void, work: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= work().catch((error) => log(`${what} failed: ${String(error)}`)).finally(() => { running = undefined; });
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, everyMs);
    interval.unref();
  }, firstMs);
  first.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(interval);
      await running;
    },
  };
}

async function oneAtATime<T>(pool: Pool, lock: number, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lock]);
    return await work();
  } finally {
    // A session lock dies with its connection: one whose unlock failed is closed, not reused.
    await client.query('SELECT pg_advisory_unlock($1)', [lock]).catch((error: Error) => { broken = error; });
    client.release(broken);
  }
}
