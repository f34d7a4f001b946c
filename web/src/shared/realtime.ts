/**
 * Live case events over socket.io (the cookie session authenticates the handshake). One socket per
 * tab, shared by every screen; `useCaseEvents` follows a case while its screen is open.
 */
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { CSRF_KEY } from './api.ts';

export interface CaseEventMessage {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  event: { seq: number; type: string; at: string; [key: string]: unknown };
}

let socket: Socket | undefined;
let watchingSignIns = false;
/** Screens to load again when the socket comes back: what happened while it was down never arrives. */
const reconnected = new Set<() => void>();

// The server ends a socket whose session ended (expiry, or a logout elsewhere), and socket.io
// never reconnects by itself after that, nor after a refused handshake. A tab left open while its
// user signs in again in another tab must stay live: after a drop the socket tries once with the
// cookie the browser holds now (refused without a valid session), and a sign-in elsewhere (a new
// CSRF token in localStorage) brings a dropped or refused socket back.
function reconnectAfterSignIn(e: StorageEvent): void {
  if (e.key === CSRF_KEY && e.newValue && socket && !socket.connected) socket.connect();
}

function shared(): Socket {
  if (!socket) {
    const s = io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
    s.on('disconnect', (reason) => { if (reason === 'io server disconnect') s.connect(); });
    let connectedBefore = false;
    s.on('connect', () => {
      if (connectedBefore) for (const reload of [...reconnected]) reload();
      connectedBefore = true;
    });
    socket = s;
  }
  if (!watchingSignIns && typeof window !== 'undefined') {
    window.addEventListener('storage', reconnectAfterSignIn);
    watchingSignIns = true;
  }
  return socket;
}

/**
 * Call `onReconnect` whenever the tab's socket is back after a drop (a network blip, a server
 * restart, a session renewed in another tab): events sent meanwhile were not delivered, so a live
 * screen loads its data again instead of showing what it had until the next event.
 */
export function useReconnect(onReconnect: () => void): void {
  const handler = useRef(onReconnect);
  handler.current = onReconnect;
  useEffect(() => {
    shared();
    const listener = () => handler.current();
    reconnected.add(listener);
    return () => { reconnected.delete(listener); };
  }, []);
}

/** Close the tab's socket (on sign-out: the next screen opens a new one with the new session). */
export function closeRealtime(): void {
  socket?.disconnect();
  socket = undefined;
}

/** Call `onEvent` for every new event of the given cases (re-watched after reconnects). */
export function useCaseEvents(caseIds: string[], onEvent: (message: CaseEventMessage) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = [...caseIds].sort().join(',');
  useEffect(() => {
    if (!key) return;
    const ids = key.split(',');
    const s = shared();
    const watch = () => { for (const caseId of ids) s.emit('case:watch', { caseId }, () => undefined); };
    const listener = (message: CaseEventMessage) => { if (ids.includes(message.caseId)) handler.current(message); };
    s.on('connect', watch);
    s.on('case:event', listener);
    if (s.connected) watch();
    return () => {
      s.off('connect', watch);
      s.off('case:event', listener);
      for (const caseId of ids) s.emit('case:unwatch', { caseId });
    };
  }, [key]);
}

/** Call `onTask` whenever a task visible to the user changes (inboxes refresh on it). */
export function useTaskChanges(onTask: (task: { id: string; caseId: string; [key: string]: unknown }) => void): void {
  const handler = useRef(onTask);
  handler.current = onTask;
  useEffect(() => {
    const s = shared();
    const listener = (task: { id: string; caseId: string }) => handler.current(task);
    s.on('task:changed', listener);
    return () => { s.off('task:changed', listener); };
  }, []);
}

/**
 * Call `onEvent` for every case event the user's own rooms receive, without watching a case: a
 * supervisor is in its region's room, so this hears every case of the region and below.
 */
export function useScopeCaseEvents(onEvent: (message: CaseEventMessage) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const s = shared();
    const listener = (message: CaseEventMessage) => handler.current(message);
    s.on('case:event', listener);
    return () => { s.off('case:event', listener); };
  }, []);
}
