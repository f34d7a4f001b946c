/** `npm start`: one Lianshen node, stopped cleanly (embedded PostgreSQL included) on SIGINT/SIGTERM. */
import { loadConfig } from './config.ts';
import { startPlatform } from './platform.ts';

// Deadlines are Asia/Shanghai instants computed explicitly; the process zone only affects logs.
const config = loadConfig();
const platform = await startPlatform(config);
console.log(`Lianshen 联审 listening on ${platform.url} (database: ${platform.db.embedded ? `embedded, data in ${config.dataDir}` : 'DATABASE_URL'})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    platform.stop().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  });
}
