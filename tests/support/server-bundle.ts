/**
 * `npm start` as a user runs it, for tests that start real server processes: the server bundled
 * (api/build-server.ts) into a folder of this test file's own — test files run in parallel, and
 * none may replace the bundle another one is starting from — and npm start's command on it. The
 * folder is inside the checkout (dist/tests): the bundle imports its packages from node_modules.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_DIST } from '../../api/build-server.ts';
import { startScript } from '../../bench/app-node.ts';

let bundle: { dir: Promise<string>; command: Promise<string> } | undefined;

/** npm start's command (its Node flags included), on a bundle built once per test file. */
export function bundledStartCommand(): Promise<string> {
  if (!bundle) {
    const dir = (async () => {
      const parent = path.join(path.dirname(SERVER_DIST), 'tests');
      await mkdir(parent, { recursive: true });
      return mkdtemp(path.join(parent, 'server-'));
    })();
    bundle = { dir, command: dir.then((d) => startScript(path.join(d, 'server'))) };
  }
  return bundle.command;
}

/** Remove this file's bundle (afterAll). */
export async function removeServerBundle(): Promise<void> {
  const dir = await bundle?.dir.catch(() => undefined);
  bundle = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
}
