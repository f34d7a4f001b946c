/**
 * Keeps a list screen current from the case events of the user's rooms: supervisors receive every
 * case event of their region (not `task:changed`, which goes to the departments), so an event
 * reloads the screen — a few arriving together reload it once. Lights and countdowns also turn by
 * time alone, with no event, so the screen reloads every minute as well, and when the socket is
 * back after a drop.
 */
import { useEffect, useRef } from 'react';
import { useReconnect, useScopeCaseEvents } from './realtime.ts';

export const REFRESH_MS = 60_000;
const SETTLE_MS = 800;

export function useLiveReload(reload: () => void, intervalMs = REFRESH_MS): void {
  const latest = useRef(reload);
  latest.current = reload;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => {
      clearInterval(timer);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [intervalMs]);
  useReconnect(() => latest.current());
  useScopeCaseEvents(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => { pending.current = null; latest.current(); }, SETTLE_MS);
  });
}
