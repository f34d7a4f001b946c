/** What the primary and its workers tell each other over the cluster's IPC channel. */

/** The embedded PostgreSQL a worker stops if its primary dies (kill -9) and leaves it running. */
export interface EmbeddedPostgresProcess {
  pid: number;
  /** Its postmaster.pid: the pid is only signalled while this file still names it. */
  pidFile: string;
}

export type ToWorker =
  | { type: 'lianshen:start'; databaseUrl: string; postgres?: EmbeddedPostgresProcess }
  | { type: 'lianshen:stop' }
  /** Worker slot → its private loopback port (for passing a case's commands to its owner). */
  | { type: 'lianshen:peers'; ports: Array<[number, number]> };

export type ToPrimary =
  // Sent once its listener is attached: a message sent before would be lost.
  | { type: 'lianshen:hello' }
  | { type: 'lianshen:listening'; url: string; privatePort: number };

export function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}
