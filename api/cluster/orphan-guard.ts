/**
 * After kill -9 of the primary its embedded PostgreSQL keeps running with nobody to stop it
 * (the next start would, embedded-server.ts stopOrphanedServer, but there may be none). The
 * workers see the primary go (their IPC channel closes and node:cluster exits them), so on the
 * way out each asks that PostgreSQL to stop.
 */
import { readFileSync } from 'node:fs';
import type { EmbeddedPostgresProcess } from './messages.ts';

export function stopPostgresIfPrimaryDies(postgres: EmbeddedPostgresProcess, askedToStop: () => boolean): void {
  // 'exit' listeners run synchronously; a signal is all that can be sent from here, and enough.
  process.on('exit', () => {
    // Still connected, or asked to stop: the primary is alive and stops PostgreSQL itself.
    if (process.connected || askedToStop()) return;
    try {
      // Only while its postmaster.pid still names that process: after a new start took the data
      // folder over, the pid is another server's (or, reused, someone else's).
      if (Number(readFileSync(postgres.pidFile, 'utf8').split('\n')[0]) !== postgres.pid) return;
      // Smart shutdown: PostgreSQL stops once the last session has ended (the other workers are
      // exiting too), so nobody's transaction is cut; a later start stops whatever is left.
      process.kill(postgres.pid, 'SIGTERM');
    } catch {
      // Gone already, or the file with it.
    }
  });
}
