/**
 * The API document (`/api/openapi.json`) and a browsable page (`/api/docs`): Swagger UI from
 * the swagger-ui-dist package, served by this app — the network is closed, nothing comes from
 * a CDN. The page has its own Content-Security-Policy: scripts and styles from this origin
 * only, no inline script (the initializer is a file too); the app-wide helmet policy is left
 * as strict as it is.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Response } from 'express';
import { HttpError } from '../http/problem.ts';
import { openApiDocument } from './openapi-document.ts';

const SWAGGER_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files of swagger-ui-dist the page needs (its own index.html points to a petstore). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'swagger-ui.css',
  'swagger-ui-bundle.js': 'swagger-ui-bundle.js',
  'favicon-32x32.png': 'favicon-32x32.png',
  'favicon-16x16.png': 'favicon-16x16.png',
};

// Swagger UI sets style attributes at run time, hence 'unsafe-inline' for styles only.
// validatorUrl is off below: the default badge would load an image from swagger.io.
export const DOCS_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  });
});
`;

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>联审 Lianshen API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

export function openApiRoutes(): Router {
  const router = Router();

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  router.get('/api/docs', (_req, res) => {
    docsPolicy(res).type('html').send(PAGE);
  });

  router.get('/api/docs/assets/:file', (req, res, next) => {
    const file = req.params.file;
    docsPolicy(res);
    if (file === 'init.js') return res.type('application/javascript').send(INITIALIZER);
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) return next(new HttpError(404, 'not_found', `no documentation asset ${file}`));
    res.sendFile(asset, { root: SWAGGER_DIR, maxAge: '1d' }, (error) => { if (error) next(error); });
  });
  return router;
}

function docsPolicy(res: Response): Response {
  return res.set('content-security-policy', DOCS_CSP);
}
