/** The express application: routes are added here as the API grows. */
import express from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { healthRoutes } from './health-routes.ts';

export function createApp(deps: { pool: Pool }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(deps.pool));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such endpoint' } });
  });
  return app;
}
