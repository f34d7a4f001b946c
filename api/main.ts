/**
 * `npm start`: a Lianshen node, stopped cleanly (embedded PostgreSQL included) on SIGINT/SIGTERM.
 * LIANSHEN_WORKERS > 1 (api/cluster): a primary process owns the database and forks that many
 * workers sharing the port; 1: everything in this one process.
 */
import { loadConfig } from './config.ts';

// Deadlines are Asia/Shanghai instants computed explicitly; the process zone only affects logs.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

if (config.workers > 1) {
  const { runPrimary } = await import('./cluster/primary.ts');
  await runPrimary(config);
} else {
  const { startPlatform } = await import('./platform.ts');
  const { takeOverStopSignals } = await import('./cluster/signals.ts');
  const platform = await startPlatform(config);
  console.log(`Lianshen 联审 listening on ${platform.url} (database: ${platform.db.embedded ? `embedded, data in ${config.dataDir}` : 'DATABASE_URL'})`);
  // After the start: the embedded PostgreSQL's signal handlers (registered as it loads) are replaced.
  takeOverStopSignals((signal) => {
    console.log(`${signal}: stopping`);
    platform.stop().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  });
}
