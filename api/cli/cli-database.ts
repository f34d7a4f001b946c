/**
 * Opening the platform's database from a command-line tool (seed, admin): DATABASE_URL, or the
 * embedded database under DATA_DIR — but never while `npm start` holds it: starting the embedded
 * server again would take the running server's PostgreSQL for an orphan and stop it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../engine/adapters/postgres/database.ts';
import type { Config } from '../config.ts';

/** The database of `config`, or an explanation why a CLI must not open it now. */
export async function openCliDatabase(config: Config): Promise<Database | { refused: string }> {
  const running = config.databaseUrl ? undefined : runningPostgres(config.dataDir);
  if (running) {
    return {
      refused: `the embedded database under ${config.dataDir} is in use (PostgreSQL pid ${running}). Stop the server first ` +
        '(if none runs, a previous run left PostgreSQL behind: `npm start` stops it), or set DATABASE_URL.',
    };
  }
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: console.log, pgNice: config.pgNice });
}

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
