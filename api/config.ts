/** Process configuration from the environment, parsed once with zod (bad values stop start-up). */
import path from 'node:path';
import { z } from 'zod';
import { defaultWorkers } from './cluster/default-workers.ts';
import { loadCentreConfig, type CentreConfig } from './centre-config.ts';

// An empty variable (`PORT=`) means "not set", as shells and .env files usually intend.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const ConfigSchema = z.object({
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// connection URL').optional()),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
  TZ: z.string().optional(),
  LIANSHEN_SWEEP_SECONDS: z.coerce.number().int().positive().default(30),
  LIANSHEN_CENTRE_CONFIG: z.preprocess(unsetIfEmpty, z.string().optional()),
  // Megabytes of live engines a process keeps (engine/engine-host/engine-cache.ts); 0 = none kept.
  LIANSHEN_ENGINE_CACHE_MB: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1_000_000).optional()),
  LIANSHEN_WORKERS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(64).optional()),
  // Niceness of the embedded PostgreSQL (engine/adapters/postgres/server-priority.ts); 0 = as started.
  LIANSHEN_PG_NICE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(19).optional()),
  // Days an upload never handed in for a case is kept (api/uploads/upload-retention.ts).
  LIANSHEN_UPLOAD_RETENTION_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(3650).default(30)),
});

export interface Config {
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  sweepSeconds: number;
  /** The centre's rating scale/window and score rules (LIANSHEN_CENTRE_CONFIG). */
  centre: CentreConfig;
  /** Megabytes of live engines each app process keeps (LIANSHEN_ENGINE_CACHE_MB; absent: the runtime's default). */
  engineCacheMB?: number;
  /** App worker processes sharing the port (LIANSHEN_WORKERS); 1 = everything in one process (api/cluster). */
  workers: number;
  /** Niceness of the embedded PostgreSQL's processes (LIANSHEN_PG_NICE; absent: its default). */
  pgNice?: number;
  /** Days an upload never handed in for a case is kept (LIANSHEN_UPLOAD_RETENTION_DAYS). */
  uploadRetentionDays: number;
}

/** Read the configuration; throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return { databaseUrl: c.DATABASE_URL || undefined, port: c.PORT, host: c.HOST, dataDir: path.resolve(c.DATA_DIR), sweepSeconds: c.LIANSHEN_SWEEP_SECONDS, centre: loadCentreConfig(c.LIANSHEN_CENTRE_CONFIG), engineCacheMB: c.LIANSHEN_ENGINE_CACHE_MB, workers: c.LIANSHEN_WORKERS ?? defaultWorkers(), pgNice: c.LIANSHEN_PG_NICE, uploadRetentionDays: c.LIANSHEN_UPLOAD_RETENTION_DAYS };
}
