/**
 * The browser app (web/dist) from the same origin as the API: hashed assets cached for a year,
 * every other page path answered with index.html so deep links work. API paths never fall through.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const NOT_APP = /^\/(api|socket\.io|healthz|readyz)(\/|$)/;

/** Serve the built app from `distDir`; an empty router when it was not built. */
export function webApp(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return router;
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(distDir, { index: false }));
  router.get(/.*/, (req, res, next) => {
    if (NOT_APP.test(req.path) || !req.accepts('html')) return next();
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
