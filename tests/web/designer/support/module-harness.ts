/**
 * Designer module tests run in real Chromium (bpmn-js measures SVG text and transforms, which
 * jsdom does not implement): the harness page is bundled once with Vite (cached by the sources'
 * modification time), served to the browser from memory by request interception, and driven
 * with `page.evaluate` against `window.harness`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type E2eBrowser } from '../../../e2e/support/browser.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const HERE = import.meta.dirname;
const SOURCES = ['web/src/designer', 'tests/web/designer/support', 'processes/approval-moddle.json', 'engine/definitions/lint', 'engine/org'];
const CACHE = path.join(ROOT, 'node_modules/.cache/designer-harness');
const ORIGIN = 'http://designer-harness.test';

function newest(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

/** The built harness folder; builds it when a source changed. Parallel test files may each build; the first rename wins. */
async function harnessDist(): Promise<string> {
  const key = String(Math.floor(Math.max(...SOURCES.map((s) => newest(path.join(ROOT, s))))));
  const dist = path.join(CACHE, key);
  if (existsSync(path.join(dist, 'harness.html'))) return dist;
  const temp = `${dist}.${process.pid}.${Date.now()}`;
  const { build } = await import('vite');
  await build({
    configFile: false, root: HERE, logLevel: 'error',
    build: { outDir: temp, emptyOutDir: true, chunkSizeWarningLimit: 10_000, rollupOptions: { input: path.join(HERE, 'harness.html') } },
  });
  try {
    renameSync(temp, dist);
  } catch {
    rmSync(temp, { recursive: true, force: true });
  }
  // Builds of older sources are never used again; temporary folders of other runs are left alone.
  for (const name of readdirSync(CACHE)) {
    if (name !== key && /^\d+$/.test(name)) rmSync(path.join(CACHE, name), { recursive: true, force: true });
  }
  return dist;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.eot': 'application/vnd.ms-fontobject', '.ttf': 'font/ttf' };

export interface ModuleHarness {
  page: Page;
  /** Boot a modeler with only `modules` and the `xml` diagram; resolves with bpmn-js's import warnings. */
  boot(modules: string[], xml: string, options?: { locale?: 'zh' | 'en'; departments?: { kind: string; kindName: string; level: string }[] }): Promise<{ warnings: string[] }>;
  /** Select an element and wait until the properties panel shows it. */
  select(id: string): Promise<void>;
  /** The diagram as XML now. */
  xml(): Promise<string>;
  close(): Promise<void>;
}

export async function startModuleHarness(): Promise<ModuleHarness> {
  const dist = await harnessDist();
  const browser: E2eBrowser = await launchBrowser();
  const context = await browser.context({ viewport: { width: 1280, height: 600 } });
  await context.route(`${ORIGIN}/**`, (route) => {
    const file = path.join(dist, new URL(route.request().url()).pathname);
    if (!file.startsWith(dist) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => { errors.push(e.message); console.error('harness page error:', e.message); });
  await page.goto(`${ORIGIN}/harness.html`);
  await page.waitForFunction(() => 'harness' in window);
  return {
    page,
    boot: (modules, xml, options = {}) => page.evaluate(([m, x, o]) => (window as any).harness.boot(m, x, o), [modules, xml, options] as const),
    xml: () => page.evaluate(() => (window as any).harness.xml()),
    select: async (id) => {
      // The panel renders after import on its own schedule; a selection made before it is
      // listening is lost, so select again until the panel's ID field names the element.
      for (let attempt = 0; attempt < 20; attempt++) {
        await page.evaluate((i) => (window as any).harness.select(i), id);
        const shown = await page.waitForFunction((i) => (document.querySelector('#panel input[name="id"]') as HTMLInputElement | null)?.value === i,
          id, { timeout: 500 }).then(() => true, () => false);
        if (shown) return;
      }
      throw new Error(`the properties panel never showed ${id}`);
    },
    close: async () => {
      await browser.close();
      if (errors.length) throw new Error(`errors on the harness page: ${errors.join('; ')}`);
    },
  };
}

/** A fixture diagram: processes/<name> or tests/web/designer/fixtures/<name>. */
export function fixture(name: string): string {
  const bundled = path.join(ROOT, 'processes', name);
  return readFileSync(existsSync(bundled) ? bundled : path.join(HERE, '..', 'fixtures', name), 'utf8');
}

/** Departments as GET /api/org/departments would list them for a county designer (kind × level). */
export const DEPARTMENTS = [
  ...['fgw', 'jt'].map((kind) => ({ kind, kindName: kind === 'fgw' ? '发展和改革委员会' : '交通运输局', level: 'city' })),
  ...[['zj', '住房和城乡建设局'], ['zrzy', '自然资源和规划局'], ['xf', '消防救援支队'], ['rf', '人民防空办公室'], ['sthj', '生态环境局'], ['sw', '水务局'], ['scjg', '市场监督管理局']]
    .map(([kind, kindName]) => ({ kind: kind!, kindName: kindName!, level: 'county' })),
  { kind: 'zfb', kindName: '乡镇人民政府（便民服务中心）', level: 'township' },
];
