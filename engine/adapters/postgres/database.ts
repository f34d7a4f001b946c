/**
 * Connecting the app to its database: DATABASE_URL when set (production; nothing is started),
 * otherwise an embedded PostgreSQL under DATA_DIR with a `lianshen` database.
 */
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-server.ts';
import { migrate } from './migrate.ts';
import { createPool, type Pool } from './pool.ts';

export interface Database {
  pool: Pool;
  url: string;
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
  /** Niceness of an embedded server's processes (see server-priority.ts). */
  pgNice?: number;
}

/** Open (and migrate) the application database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log, niceness: options.pgNice });
    url = await ensureDatabase(embedded.url, 'lianshen');
  }
  const pool = createPool(url, 20, (error) => options.log?.(`database connection lost: ${error.message}`));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  return {
    pool, url, embedded,
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Create database `name` on the server of `serverUrl` if missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
