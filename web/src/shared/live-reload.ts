/**
 * Keeps a list screen current from the case events of the user's rooms: supervisors receive every
 * case event of their region (not `task:changed`, which goes to the departments), so an event
 * reloads the screen — a few arriving together reload it once, and a screen of one item's cases
 * ignores the others' (`accepts`). Lights and countdowns also turn by time alone, with no event,
 * so the screen reloads every minute as well, and when the socket is back after a drop.
 */
import { useEffect, useRef } from 'react';
import { useReconnect, useScopeCaseEvents, type CaseEventMessage } from './realtime.ts';

export const REFRESH_MS = 60_000;
export const SETTLE_MS = 800;

export interface LiveReloadOptions {
  intervalMs?: number;
  /** The events that concern the screen (every one when absent). */
  accepts?: (message: CaseEventMessage) => boolean;
}

export function useLiveReload(reload: () => void, { intervalMs = REFRESH_MS, accepts }: LiveReloadOptions = {}): void {
  const latest = useRef(reload);
  latest.current = reload;
  const concerns = useRef(accepts);
  concerns.current = accepts;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => {
      clearInterval(timer);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [intervalMs]);
  useReconnect(() => latest.current());
  useScopeCaseEvents((message) => {
    if (pending.current || (concerns.current && !concerns.current(message))) return;
    pending.current = setTimeout(() => { pending.current = null; latest.current(); }, SETTLE_MS);
  });
}
