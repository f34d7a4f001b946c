/**
 * One worker of `npm start` (forked by api/cluster/primary.ts): the API, realtime and the timer
 * poller on the database its primary prepared. Stops on the primary's request or on SIGINT/
 * SIGTERM (a terminal's Ctrl-C reaches every process of the group); exits when the primary is
 * gone (node:cluster exits a worker whose IPC channel closes without being asked to).
 */
import cluster from 'node:cluster';
import { createPool } from '../../engine/adapters/postgres/pool.ts';
import { loadConfig } from '../config.ts';
import { startPlatform, type Platform } from '../platform.ts';
import { caseAffinity } from './case-affinity.ts';
import { isMessage, type ToPrimary, type ToWorker } from './messages.ts';
import { stopPostgresIfPrimaryDies } from './orphan-guard.ts';
import { takeOverStopSignals } from './signals.ts';

if (!cluster.isWorker) throw new Error('api/cluster/worker-main.ts runs as a worker of api/main.ts');

const log = (line: string) => console.log(`[worker ${process.env.LIANSHEN_WORKER ?? '?'}] ${line}`);
let platform: Promise<Platform | undefined> | undefined;
let stopping = false;
/** Worker slot → private port of each worker, as the primary last told. */
let peers: ReadonlyMap<number, number> = new Map();

function stop(): void {
  if (stopping) return;
  stopping = true;
  // A worker still starting finishes its start first, so that everything it opened is closed.
  void (platform ?? Promise.resolve(undefined))
    .then((started) => started?.stop())
    .then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
}

takeOverStopSignals(stop);
process.on('message', (message: unknown) => {
  if (isMessage<ToWorker>(message, 'lianshen:stop')) stop();
  else if (isMessage<Extract<ToWorker, { type: 'lianshen:peers' }>>(message, 'lianshen:peers')) peers = new Map(message.ports);
  else if (isMessage<Extract<ToWorker, { type: 'lianshen:start' }>>(message, 'lianshen:start') && !platform && !stopping) {
    if (message.postgres) stopPostgresIfPrimaryDies(message.postgres, () => stopping);
    platform = start(message.databaseUrl).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  }
});
process.send!({ type: 'lianshen:hello' } satisfies ToPrimary);

async function start(databaseUrl: string): Promise<Platform> {
  // The primary validated the same environment before forking.
  const config = loadConfig();
  const pool = createPool(databaseUrl, 20, (error) => log(`database connection lost: ${error.message}`));
  const affinity = caseAffinity(pool, { self: Number(process.env.LIANSHEN_WORKER) - 1, workers: Number(process.env.LIANSHEN_WORKER_SLOTS), ports: () => peers });
  const started = await startPlatform(config, log, { database: { pool, url: databaseUrl, close: () => pool.end() }, prepare: false, first: [affinity], privatePort: true, websocketOnly: true });
  process.send!({ type: 'lianshen:listening', url: started.url, privatePort: started.privatePort! } satisfies ToPrimary);
  return started;
}
