/**
 * API answers are never kept by a browser or a proxy: they carry cases, opinions and personal
 * data, and the window terminals of a service centre are shared computers. With nothing stored
 * there is nothing to revalidate either, so express computes no ETag for them (createApp): a
 * SHA-1 of every answer body that no client could use.
 */
import type { RequestHandler } from 'express';

const API = /^\/api(\/|$)/;

export const noStoreForApi: RequestHandler = (req, res, next) => {
  if (API.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
};
