/**
 * The OpenAPI document is served, is 3.1, and covers the app exactly: every route the express
 * app really mounts is documented with its method, and nothing documented is missing from the
 * app — so a new route cannot ship undocumented. The docs page works with the network closed
 * under its own CSP, without loosening the API's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app.ts';
import { openApiPath } from '../../../api/openapi/operation.ts';
import { DOCS_CSP } from '../../../api/openapi/openapi-routes.ts';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
  slash?: boolean;
  rawPath?: unknown;
}

/** `GET /api/cases/{caseId}` for every route in the app's router tree. */
function mountedRoutes(stack: RouteLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${openApiPath(prefix + layer.route!.path)}`);
    }
    if (!layer.handle?.stack) return [];
    // A router mounted under a path prefix must contribute that prefix to its routes.
    if (!layer.slash && typeof layer.rawPath !== 'string') throw new Error('router mounted under a non-string path: extend mountedRoutes');
    return mountedRoutes(layer.handle.stack, layer.slash ? prefix : prefix + (layer.rawPath as string));
  });
}

describe('OpenAPI document and docs page', () => {
  let h: ApiHarness;
  let document: any;
  beforeAll(async () => {
    h = await createApiHarness();
    document = (await h.anonymous().get('/api/openapi.json')).body;
  });
  afterAll(async () => { await h.close(); });

  it('is an OpenAPI 3.1 document with info, paths, the Problem schema and the security schemes', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.components.schemas.Problem).toBeDefined();
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
  });

  it('documents every route the app mounts, and only those', () => {
    const app = createApp({ pool: h.db.pool, runtime: h.runtime });
    const mounted = new Set(mountedRoutes((app as unknown as { router: { stack: RouteLayer[] } }).router.stack));
    const documented = new Set(Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)));
    expect(mounted.size).toBeGreaterThan(30);
    expect([...mounted].filter((r) => !documented.has(r)), 'mounted but not documented').toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r)), 'documented but not mounted').toEqual([]);
  });

  it('generates request schemas from the zod schemas the routers validate with', () => {
    const login = document.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(expect.arrayContaining(['username', 'password']));
    const catalogueParams = document.paths['/api/catalogue'].get.parameters.map((p: { name: string }) => p.name);
    expect(catalogueParams.sort()).toEqual(['department', 'level', 'q', 'region']);
    const upload = document.paths['/api/definitions'].post.requestBody;
    expect(Object.keys(upload.content).sort()).toEqual(['application/xml', 'multipart/form-data', 'text/xml']);
    expect(upload.content['multipart/form-data'].schema.properties).toHaveProperty('catalogue');
    expect(upload.description).toMatch(/2 MiB/);
    expect(document.paths['/api/definitions'].post.responses['413'].content['application/problem+json']).toBeDefined();
  });

  it('marks public endpoints as needing no security and protected ones as needing a session', () => {
    expect(document.paths['/api/catalogue'].get.security).toEqual([]);
    expect(document.paths['/api/definitions'].get.security.length).toBeGreaterThan(0);
    expect(document.paths['/api/definitions'].get['x-roles']).toEqual(['designer', 'admin']);
  });

  it('serves the docs page from this origin only, under its own CSP', async () => {
    const page = await h.anonymous().get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    // no CDN and no inline script: every script is a file of this origin
    expect(page.body).not.toMatch(/https?:\/\//);
    const scripts = [...(page.body as string).matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBe(2);
    for (const [, attrs, inline] of scripts) {
      expect(inline!.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attrs!)![1]!;
      const asset = await h.anonymous().get(src);
      expect(asset.status, src).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    }
  });

  it('serves only the listed assets and keeps the strict API policy elsewhere', async () => {
    expect((await h.anonymous().get('/api/docs/assets/index.html')).status).toBe(404);
    expect((await h.anonymous().get('/api/docs/assets/..%2Fpackage.json')).status).toBe(404);
    // the docs policy is set on its routes only; the API keeps helmet's
    const api = await h.anonymous().get('/api/catalogue');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(api.headers.get('content-security-policy')).not.toBe(DOCS_CSP);
  });
});
