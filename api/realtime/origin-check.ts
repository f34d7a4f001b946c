/**
 * Cross-site WebSocket hijacking guard: a browser always sends `Origin` on a WebSocket handshake,
 * and the session cookie rides along for any *same-site* page (SameSite=Strict does not separate
 * sibling subdomains). So a handshake that carries an Origin must come from this very host;
 * machine clients send no Origin and authenticate with a bearer token.
 */
import type { IncomingMessage } from 'node:http';

/** True when the handshake has no Origin, or its Origin's host is the host the request was sent to. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  try {
    return new URL(origin).host === String(host).split(',')[0]!.trim();
  } catch {
    return false;
  }
}
