/**
 * The one way the browser talks to the API: JSON in and out, the cookie session's CSRF token on
 * every write, and problem+json errors turned into `ApiError` (with the fields the server named).
 */

/** Where the CSRF token lives (a new value means someone signed in, maybe in another tab). */
export const CSRF_KEY = 'lianshen.csrf';

/** A refused request: HTTP status, the server's stable code, and per-field messages when it named fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Every problem the server listed, in its order (several may share a path). */
    readonly problems: { path: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

/** Remember (or forget) the CSRF token of the cookie session; shared by the tabs of this browser. */
export function setCsrfToken(token: string | null): void {
  if (token) localStorage.setItem(CSRF_KEY, token);
  else localStorage.removeItem(CSRF_KEY);
}

export const SIGNED_OUT_EVENT = 'lianshen:signed-out';

interface Problem {
  code?: string;
  title?: string;
  problems?: { path: string; reason: string }[];
}

/** Call the API; resolves with the parsed body, rejects with `ApiError`. */
export async function api<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers }, credentials: 'same-origin' };
  const h = init.headers as Record<string, string>;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    h['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const csrf = localStorage.getItem(CSRF_KEY);
    if (csrf) h['x-csrf-token'] = csrf;
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let parsed: unknown;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  if (!res.ok) {
    const p = (typeof parsed === 'object' && parsed ? parsed : {}) as Problem;
    const fields: Record<string, string> = {};
    for (const e of p.problems ?? []) fields[e.path] = e.reason;
    if (res.status === 401 || p.code === 'csrf_failed') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw new ApiError(res.status, p.code ?? `http_${res.status}`, p.title ?? res.statusText, fields, p.problems ?? []);
  }
  return parsed as T;
}

export const get = <T = any>(path: string) => api<T>('GET', path);
export const post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, body, headers);
export const put = <T = any>(path: string, body?: unknown) => api<T>('PUT', path, body);
