/**
 * The socket.io contract between the server and its clients (browsers, machine clients): event
 * names, payloads and acknowledgements. Payloads use the same presenters as the HTTP API.
 */
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.ts';
import type { presentEvent, presentTask } from '../cases/case-presenter.ts';

export type PresentedEvent = ReturnType<typeof presentEvent>;
export type PresentedTask = ReturnType<typeof presentTask>;

/** One new case event, as `GET /api/cases/:id` shows it in `timeline`. */
export interface CaseEventMessage {
  caseId: string;
  caseNumber: string;
  /** The case's item, so a list of one item's cases (12345 orders) can ignore the others. */
  itemCode: string;
  event: PresentedEvent;
}

export type WatchAck = { ok: true } | { ok: false; code: 'not_found' | 'invalid_input' | 'unavailable' };

export interface ServerToClientEvents {
  'case:event': (message: CaseEventMessage) => void;
  /** A task row created or changed (signed, completed, cancelled, new deadline), as HTTP presents it. */
  'task:changed': (task: PresentedTask) => void;
}

export interface ClientToServerEvents {
  /** Follow one case the caller may read (its page is open); answered through the ack. */
  'case:watch': (input: { caseId: string }, ack: (answer: WatchAck) => void) => void;
  'case:unwatch': (input: { caseId: string }, ack?: (answer: { ok: true }) => void) => void;
}

/** One message for this node's sockets: an event name, its payload, the rooms it goes to. */
export type RoomDelivery =
  | { rooms: string[]; name: 'case:event'; payload: CaseEventMessage }
  | { rooms: string[]; name: 'task:changed'; payload: PresentedTask };

/** Between app nodes (through the PostgreSQL adapter). */
export interface InterServerEvents {
  /** Everything one committed command delivers, in order: one NOTIFY per command, not per message. */
  'lianshen:deliveries': (deliveries: RoomDelivery[]) => void;
}

export interface SocketData {
  user: AuthUser;
  /** The raw session token the socket authenticated with (to notice a logout or expiry). */
  token: string;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
