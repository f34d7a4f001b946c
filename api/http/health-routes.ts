/** Liveness (/healthz: the process answers) and readiness (/readyz: database up, migrated). */
import { Router } from 'express';
import { migrationsApplied } from '../../engine/adapters/postgres/migrate.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';

export function healthRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await pool.query('SELECT 1');
      const migrated = await migrationsApplied(pool);
      res.status(migrated ? 200 : 503).json({ status: migrated ? 'ready' : 'migrations pending', database: 'up', migrations: migrated });
    } catch (error) {
      res.status(503).json({ status: 'database unreachable', database: 'down', error: (error as Error).message });
    }
  });
  return router;
}
