/**
 * Assembles one app node: database (embedded or DATABASE_URL), runtime, durable timers, the
 * bundled approval items and the HTTP server; and takes it all down again in order.
 */
import type { Server } from 'node:http';
import { pino } from 'pino';
import { AgendaTimerScheduler } from '../engine/adapters/agenda/agenda-timer-scheduler.ts';
import { openDatabase, type Database } from '../engine/adapters/postgres/database.ts';
import { createRuntimeOn } from '../engine/adapters/postgres/create-runtime.ts';
import { loadCalendar } from '../engine/adapters/postgres/load-calendar.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import type { Config } from './config.ts';
import { deployBundledItems } from './bundled-items.ts';
import { createApp } from './http/app.ts';
import { WEB_DIST } from '../web/build.ts';
import { attachRealtime } from './realtime/realtime-server.ts';
import { DemoSeedRefusedError, seedDemoWorld } from './seed/demo-world.ts';

export interface Platform {
  db: Database;
  runtime: Runtime;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Start a node; resolves once it listens. */
export async function startPlatform(config: Config, log: (line: string) => void = console.log): Promise<Platform> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  let scheduler: AgendaTimerScheduler | undefined;
  const calendar = await loadCalendar(db.pool);
  const runtime = createRuntimeOn(db.pool, { calendar, settings: { rating: config.centre.rating }, scheduler: { schedule: (...a) => scheduler!.schedule(...a), cancel: (...a) => scheduler!.cancel(...a) } });
  scheduler = await AgendaTimerScheduler.start({ connectionString: db.url, wake: ({ caseId, key }) => runtime.fireTimer(caseId, key) });
  const deployed = await deployBundledItems(runtime);
  if (deployed.length) log(`deployed approval items: ${deployed.join(', ')}`);
  // Demo world (regions, departments, one user per role) on a database without users.
  await seedDemoWorld(db.pool, { log }).catch((error) => {
    if (!(error instanceof DemoSeedRefusedError)) throw error;
    log('NODE_ENV=production and no users yet: starting without demo users (create real accounts to sign in)');
  });
  const sweep = setInterval(() => {
    runtime.runDueTimers().catch((error) => log(`timer sweep failed: ${String(error)}`));
  }, config.sweepSeconds * 1000);
  sweep.unref();
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const server = createApp({ pool: db.pool, runtime, logger, scoringRules: config.centre.scoring, webRoot: WEB_DIST, dataDir: config.dataDir }).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const realtime = attachRealtime({ httpServer: server, pool: db.pool, runtime, log: (message, fields) => logger.warn(fields ?? {}, message) });
  return {
    db, runtime, server, url: `http://127.0.0.1:${port}`,
    stop: async () => {
      clearInterval(sweep);
      // Open websockets would keep server.close() waiting: disconnect them first.
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler?.stop();
      await db.close();
    },
  };
}
