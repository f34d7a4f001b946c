/**
 * `npm run test:chaos`: the process-level reliability suite (kill -9 under load, two nodes on one
 * database). Slow, so not part of `npm test`: its files are *.chaos.ts, outside the main include.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/chaos/**/*.chaos.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the suites start app processes of their own: one file at a time on a small machine
    fileParallelism: false,
  },
});
