/**
 * Build the browser app into web/dist when its sources changed since the last build (so
 * `npm start` on a fresh checkout serves a current app without a separate step). `--force` always builds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.join(WEB_DIR, 'dist');
const SOURCES = ['src', 'index.html', 'vite.config.ts', '../processes/approval-moddle.json', '../package-lock.json'];

function newest(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

/** True when web/dist is missing or older than any source of the app. */
export function webBuildIsStale(): boolean {
  const built = path.join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newest(path.resolve(WEB_DIR, s)) > builtAt);
}

/** Build the app if stale (or always with force); resolves when web/dist is current. */
export async function buildWeb(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && !webBuildIsStale()) return false;
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildWeb({ force: process.argv.includes('--force') });
  if (!built) console.log('web/dist is up to date');
}
