/** What a start does once before serving, whatever the number of workers: bundled items and the demo world. */
import type { Pool } from '../engine/adapters/postgres/pool.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import { deployBundledItems } from './bundled-items.ts';
import { DemoSeedRefusedError, seedDemoWorld } from './seed/demo-world.ts';

/** Deploy the bundled items that are new or changed; seed the demo world on a database without users. */
export async function prepareData(pool: Pool, runtime: Runtime, log: (line: string) => void): Promise<void> {
  const deployed = await deployBundledItems(runtime);
  if (deployed.length) log(`deployed approval items: ${deployed.join(', ')}`);
  // Demo world (regions, departments, one user per role) on a database without users.
  await seedDemoWorld(pool, { log }).catch((error) => {
    if (!(error instanceof DemoSeedRefusedError)) throw error;
    log('NODE_ENV=production and no users yet: starting without demo users (create real accounts to sign in)');
  });
}
