/**
 * Bundle the server for `npm start` (its prestart runs this): api/main.ts and the cluster
 * worker's entry become plain JavaScript in dist/server, so the running node neither loads tsx's
 * loader thread nor transpiles every module as it is imported. Measured on the 2-core machine
 * (`npm start` on a fresh DATA_DIR, ready): 133 MB of RSS bundled against 181 MB under tsx.
 * Packages stay in node_modules (imported as they are, so the bundle must lie inside the checkout).
 *
 * Every module keeps the `import.meta.url` of its source file, so whatever a module finds beside
 * itself (the migrations, processes/, web/dist, a package's files) it finds from the bundle too.
 * The tests that start server processes and the bench's `npm start` nodes run a bundle; the
 * in-process tests, the bench's own server and `tsx api/main.ts` run the sources.
 */
import { chmod, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIST = path.join(ROOT, 'dist', 'server');
/** The entries `npm start` runs: the node (or a cluster's primary), and each worker. */
const ENTRIES = ['api/main.ts', 'api/cluster/worker-main.ts'];
/** The bundled main, beside it `worker-main.mjs` (api/cluster/primary.ts forks that one). */
export const SERVER_MAIN = 'main.mjs';

/**
 * In each source file of the project, `import.meta.url` becomes that file's own URL, written
 * relative to the output folder (every output file lands directly in it): the bundle resolves
 * paths exactly as the sources do, wherever the checkout lies.
 */
function sourceUrls(outdir: string): Plugin {
  return {
    name: 'source-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** Bundle the server into `outdir` (dist/server unless given), replacing what was there. */
export async function buildServer(outdir = SERVER_DIST): Promise<void> {
  // Built beside it and swapped in: a node starting meanwhile never finds half a bundle.
  const parent = path.dirname(outdir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, '.server-'));
  try {
    await build({
      entryPoints: ENTRIES.map((e) => path.join(ROOT, e)),
      outdir: staging,
      entryNames: '[name]',
      chunkNames: '[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      define: { LIANSHEN_BUNDLE: 'true' },
      plugins: [sourceUrls(outdir)],
      logLevel: 'warning',
    });
    await chmod(staging, 0o755); // mkdtemp made it private to this user
    await rm(outdir, { recursive: true, force: true });
    await rename(staging, outdir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  await buildServer();
  console.log(`server bundled into ${path.relative(ROOT, SERVER_DIST)}`);
}
