/**
 * Who is connecting: the `ls_session` cookie a browser sends with the handshake, or the bearer
 * token a machine client passes as `auth.token` (or an `Authorization: Bearer` header). Without
 * a valid session the connection is refused with the message 'unauthenticated'. CSRF does not
 * apply: a socket only reads.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../engine/clock/clock.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import type { UserStore } from '../auth/user-store.ts';
import type { RealtimeServer, RealtimeSocket } from './realtime-contract.ts';

export const UNAUTHENTICATED = 'unauthenticated';

/** socket.io middleware: puts the session's user in `socket.data.user`, or refuses the connection. */
export function authenticateSocket(users: UserStore, clock: Clock, log?: (message: string, fields?: Record<string, unknown>) => void) {
  return async (socket: RealtimeSocket, next: (error?: Error) => void): Promise<void> => {
    try {
      const found = await userOf(socket.handshake.headers, socket.handshake.auth, users, clock);
      if (!found) return next(new Error(UNAUTHENTICATED));
      socket.data.user = found.user;
      socket.data.token = found.token;
      next();
    } catch (error) {
      log?.('realtime handshake failed', { error: String(error) });
      next(new Error('unavailable'));
    }
  };
}

/** Same rules as HTTP: a bearer token may be any session; a cookie must be a cookie session. */
async function userOf(headers: IncomingHttpHeaders, auth: Record<string, unknown>, users: UserStore, clock: Clock): Promise<{ user: AuthUser; token: string } | undefined> {
  const bearer = typeof auth?.token === 'string' && auth.token ? auth.token : headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = cookieValue(headers.cookie, SESSION_COOKIE);
  const raw = bearer ?? cookie;
  if (!raw) return undefined;
  const session = await users.session(raw, clock.now());
  if (!session || (!bearer && session.kind !== 'cookie')) return undefined;
  return { user: session.user, token: raw };
}

/** Disconnect this node's sockets whose session ended (logout on any node, or expiry). */
export async function dropEndedSessions(io: RealtimeServer, users: UserStore, clock: Clock): Promise<number> {
  let dropped = 0;
  for (const socket of io.of('/').sockets.values()) {
    if (await users.session(socket.data.token, clock.now())) continue;
    socket.disconnect(true);
    dropped += 1;
  }
  return dropped;
}

/** One cookie of a `Cookie` header (express encodes values with encodeURIComponent). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
