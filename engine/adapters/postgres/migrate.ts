/**
 * Versioned migrations: ordered SQL files in `migrations/`, each applied once in its own
 * transaction and recorded in `schema_migrations`. An advisory lock lets several app nodes
 * start at the same time.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pool.ts';
import { listStagedWrites, stagedWriteFinisher } from './staged-writes.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 7_205_114; // arbitrary, constant: "lianshen migrations"

/** Names of the migration files shipped with this build, in order. */
export async function knownMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
}

/** Apply every migration not yet recorded (from `dir`, the shipped ones by default); returns the names applied now. */
export async function migrate(pool: Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query('SELECT name FROM schema_migrations')).rows.map((r) => r.name as string));
    const applied: string[] = [];
    for (const name of await knownMigrations(dir)) {
      if (done.has(name)) continue;
      // Deadlines staged by a node killed before it could commit them hold their tables, and a
      // migration altering one would wait for them for ever. Rolled back, their timers fire the
      // ordinary way (the sweep, or the jobs once their claims expire), dated at the deadline.
      if (!applied.length) {
        const rollBack = stagedWriteFinisher(pool);
        await Promise.all((await listStagedWrites(pool)).map((staged) => rollBack(staged.id, false)));
      }
      const sql = await readFile(path.join(dir, name), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** True when every shipped migration is recorded in the database (used by /readyz). */
export async function migrationsApplied(pool: Pool): Promise<boolean> {
  const known = await knownMigrations();
  const { rows } = await pool.query('SELECT name FROM schema_migrations').catch(() => ({ rows: [] as { name: string }[] }));
  const done = new Set(rows.map((r) => r.name));
  return known.every((name) => done.has(name));
}
