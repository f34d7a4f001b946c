/**
 * Figure 2: PostgreSQL's own single-row transaction rate on the same server at the same
 * concurrency — the transaction of `pgbench -N` (built-in "simple-update"), driven from Node:
 *
 *   BEGIN;
 *   UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
 *   SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
 *   INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
 *   END;
 *
 * on pgbench's tables at scale `scale` (100,000 accounts per unit), in a database of its own,
 * one connection per client, each statement awaited (no pipelining), like pgbench.
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { ensureDatabase } from '../engine/adapters/postgres/database.ts';
import { machineBusyMs } from './machine.ts';
import { percentile, round } from './stats.ts';
import type { PostgresServer } from './world.ts';

export interface PgTpsOptions {
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  /** pgbench scale: 100,000 accounts, 10 tellers and 1 branch per unit (fractions allowed for smoke runs). */
  scale: number;
}

export interface PgTpsResult {
  concurrency: number;
  accounts: number;
  seconds: number;
  transactions: number;
  transactionsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  /** CPU during the timed window in cores: PostgreSQL, the Node clients, the whole machine, the rest. */
  cores: { postgres: number | null; client: number; machine: number | null; other: number | null };
}

async function initialise(url: string, scale: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const accounts = Math.max(1000, Math.round(100_000 * scale));
  try {
    await client.query(`DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history`);
    await client.query(`CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88))`);
    await client.query(`CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler char(84))`);
    await client.query(`CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))`);
    await client.query(`CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))`);
    const branches = Math.max(1, Math.round(scale));
    await client.query(`INSERT INTO pgbench_branches SELECT b, 0, '' FROM generate_series(1, $1) b`, [branches]);
    await client.query(`INSERT INTO pgbench_tellers SELECT t, (t - 1) / 10 + 1, 0, '' FROM generate_series(1, $1) t`, [branches * 10]);
    await client.query(`INSERT INTO pgbench_accounts SELECT a, (a - 1) / 100000 + 1, 0, '' FROM generate_series(1, $1) a`, [accounts]);
    await client.query('VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history');
  } finally {
    await client.end();
  }
  return accounts;
}

export async function measurePgTps(pgServer: PostgresServer, options: PgTpsOptions): Promise<PgTpsResult> {
  const url = await ensureDatabase(pgServer.embedded.url, 'pgbench');
  const accounts = await initialise(url, options.scale);
  const branches = Math.max(1, Math.round(options.scale));
  const clients = await Promise.all(Array.from({ length: options.concurrency }, async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'bench-pgbench' });
    await c.connect();
    return c;
  }));
  const rand = (n: number) => 1 + Math.floor(Math.random() * n);
  const transaction = async (c: pg.Client) => {
    const aid = rand(accounts);
    const delta = Math.floor(Math.random() * 10_001) - 5000;
    await c.query('BEGIN');
    await c.query('UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2', [delta, aid]);
    await c.query('SELECT abalance FROM pgbench_accounts WHERE aid = $1', [aid]);
    await c.query('INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)', [rand(branches * 10), rand(branches), aid, delta]);
    await c.query('END');
  };
  const runFor = async (ms: number, record?: (latency: number) => void) => {
    const until = performance.now() + ms;
    await Promise.all(clients.map(async (c) => {
      while (performance.now() < until) {
        const started = performance.now();
        await transaction(c);
        record?.(performance.now() - started);
      }
    }));
  };
  try {
    await runFor(options.warmupSeconds * 1000);
    const latencies: number[] = [];
    const pgStart = pgServer.cpu.read();
    const machineStart = machineBusyMs();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await runFor(options.seconds * 1000, (ms) => latencies.push(ms));
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const pgEnd = pgServer.cpu.read();
    const machineEnd = machineBusyMs();
    const pgMs = pgStart !== undefined && pgEnd !== undefined ? pgEnd - pgStart : null;
    const clientMs = (used.user + used.system) / 1000;
    const allMs = machineStart !== undefined && machineEnd !== undefined ? machineEnd - machineStart : null;
    return {
      concurrency: options.concurrency, accounts, seconds: round(elapsed / 1000, 2), transactions: latencies.length,
      transactionsPerSecond: round(latencies.length / (elapsed / 1000), 1),
      latencyMs: { p50: round(percentile(latencies, 50), 2), p99: round(percentile(latencies, 99), 2) },
      cores: {
        postgres: pgMs === null ? null : round(pgMs / elapsed, 2), client: round(clientMs / elapsed, 2),
        machine: allMs === null ? null : round(allMs / elapsed, 2),
        other: allMs === null || pgMs === null ? null : round(Math.max(0, allMs - pgMs - clientMs) / elapsed, 2),
      },
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
