/**
 * Realtime on the app's own HTTP server: socket.io at `/socket.io`, authenticated handshakes,
 * automatic rooms per role, `case:watch`, and delivery of every committed case change. Several
 * app nodes on one database share their broadcasts through @socket.io/postgres-adapter
 * (NOTIFY/LISTEN; large payloads in `socket_io_attachments`, created by migration 007).
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Server } from 'socket.io';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { UserStore } from '../auth/user-store.ts';
import { CaseReads } from '../read-models/case-reads.ts';
import { AdapterConnections } from './adapter-connections.ts';
import { caseDelivery } from './case-delivery.ts';
import { handleCaseWatch } from './case-watch.ts';
import type { RealtimeServer } from './realtime-contract.ts';
import { roomsOfUser } from './realtime-rooms.ts';
import { authenticateSocket, dropEndedSessions } from './socket-auth.ts';

import { originAllowed } from './origin-check.ts';

export const REALTIME_PATH = '/socket.io';
// Clients only send `case:watch`; nothing legitimate comes near this.
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

export interface RealtimeDeps {
  httpServer: HttpServer;
  /** The app's pool: case reads and sessions; the adapter's own connections copy its settings. */
  pool: Pool;
  runtime: Runtime;
  reads?: CaseReads;
  users?: UserStore;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * Refuse socket.io's HTTP long-polling: its requests of one socket would land on different
   * worker processes (there are no sticky sessions between them). Cluster workers set it.
   */
  websocketOnly?: boolean;
}

export interface Realtime {
  io: RealtimeServer;
  /** Disconnect sockets whose session has ended; runs every minute by itself. */
  dropEndedSessions(): Promise<number>;
  /** Stop delivering, disconnect this node's sockets, leave the cluster. The HTTP server stays its owner's to close. */
  close(): Promise<void>;
}

/** Serve socket.io on `httpServer` and push the runtime's committed changes to it. */
export function attachRealtime(deps: RealtimeDeps): Realtime {
  const { runtime } = deps;
  const log = deps.log ?? runtime.env.log;
  const reads = deps.reads ?? new CaseReads(deps.pool, runtime.env.org);
  const users = deps.users ?? new UserStore(deps.pool);
  const connections = new AdapterConnections(deps.pool, log);
  const io: RealtimeServer = new Server(deps.httpServer, {
    path: REALTIME_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    ...(deps.websocketOnly && { transports: ['websocket'] as const }),
    allowRequest: (req, callback) => callback(originAllowed(req) ? null : 'origin not allowed', originAllowed(req)),
    adapter: createAdapter(connections.asPool(), { errorHandler: (error) => log?.('realtime adapter error', { error: String(error) }) }),
  });
  io.use(authenticateSocket(users, runtime.env.clock, log));
  io.on('connection', (socket) => {
    // Joined before the client's `connect` fires: nothing committed after it is missed.
    void socket.join(roomsOfUser(socket.data.user));
    handleCaseWatch(socket, reads, log);
  });
  const dropEnded = () => dropEndedSessions(io, users, runtime.env.clock);
  // A socket outlives nothing its session does: logout (on any node) or expiry disconnects it.
  const sessionSweep = setInterval(() => { dropEnded().catch((error) => log?.('session sweep failed', { error: String(error) })); }, 60_000);
  sessionSweep.unref();
  const listener = caseDelivery(io, reads, runtime.env.org);
  const listeners = (runtime.env.listeners ??= []);
  listeners.push(listener);
  return {
    io,
    dropEndedSessions: dropEnded,
    close: async () => {
      clearInterval(sessionSweep);
      const at = listeners.indexOf(listener);
      if (at >= 0) listeners.splice(at, 1);
      io.local.disconnectSockets(true);
      await io.of('/').adapter.close();
      io.engine.close();
      await connections.close();
    },
  };
}
