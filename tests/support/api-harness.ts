/**
 * The real app over real HTTP on a fresh database: every bundled item deployed, one user per
 * role (known passwords), a manual clock, and clients that sign in like a browser (cookie +
 * CSRF token) or a machine (bearer token).
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthUser, Role } from '../../api/auth/auth-user.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import { UserStore } from '../../api/auth/user-store.ts';
import { createApp, type AppDeps } from '../../api/http/app.ts';
import { createHarness, type Harness } from './runtime-harness.ts';

export const PASSWORD = 'correct horse battery staple';

/** username → role, region, department: one per role, plus users in another county for scope tests. */
export const USERS: Record<string, { role: Role; regionCode: string; departmentId?: string }> = {
  'ent-east': { role: 'applicant', regionCode: '990121' },
  'ent-other': { role: 'applicant', regionCode: '990121' },
  'window-east': { role: 'window', regionCode: '990121' },
  'window-west': { role: 'window', regionCode: '990122' },
  'xf-east': { role: 'reviewer', regionCode: '990121', departmentId: '990121:xf' },
  'xf-west': { role: 'reviewer', regionCode: '990122', departmentId: '990122:xf' },
  'zj-east': { role: 'lead', regionCode: '990121', departmentId: '990121:zj' },
  'supervisor-city': { role: 'supervisor', regionCode: '990100' },
  'supervisor-west': { role: 'supervisor', regionCode: '990122' },
  'designer-city': { role: 'designer', regionCode: '990100' },
  'admin': { role: 'admin', regionCode: '990000' },
};

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  private cookie: string | undefined;
  private csrf: string | undefined;
  private bearer: string | undefined;
  user: AuthUser | undefined;

  constructor(readonly baseUrl: string) {}

  /** Sign in as a browser (cookie + CSRF) or as a machine client (bearer token). */
  async login(username: string, client: 'browser' | 'bearer' = 'browser', password = PASSWORD): Promise<ApiResponse> {
    const res = await this.request('POST', '/api/auth/login', { username, password, client });
    if (res.status === 200) {
      this.user = res.body.user;
      if (client === 'bearer') this.bearer = res.body.token;
      else {
        this.csrf = res.body.csrfToken;
        this.cookie = res.headers.get('set-cookie')?.split(';')[0];
      }
    }
    return res;
  }

  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}) { return this.request<T>('POST', path, body, headers); }

  async request<T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extra };
    const form = body instanceof FormData;
    if (body !== undefined && typeof body !== 'string' && !form) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method, headers, body: body === undefined ? undefined : typeof body === 'string' || form ? body as string | FormData : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

export interface ApiHarness extends Harness {
  baseUrl: string;
  /** Where the app keeps uploaded files (a temporary folder unless one was given). */
  dataDir: string;
  server: Server;
  /** A client already signed in as `username` (browser style). */
  as(username: string): Promise<ApiClient>;
  anonymous(): ApiClient;
}

export async function createApiHarness(start?: string, extra: Partial<AppDeps> = {}): Promise<ApiHarness> {
  const h = await createHarness(start);
  const users = new UserStore(h.db.pool);
  const passwordHash = await hashPassword(PASSWORD);
  for (const [username, u] of Object.entries(USERS)) {
    await users.create({ id: `u-${username}`, username, passwordHash, displayName: username, role: u.role, regionCode: u.regionCode, departmentId: u.departmentId ?? null });
  }
  // Uploaded files go to a temporary folder of this harness, removed on close.
  const dataDir = extra.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lianshen-data-'));
  const app = createApp({ pool: h.db.pool, runtime: h.runtime, loginLimit: 1000, ...extra, dataDir });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    ...h, baseUrl, server, dataDir,
    as: async (username) => {
      const client = new ApiClient(baseUrl);
      const res = await client.login(username);
      if (res.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
      return client;
    },
    anonymous: () => new ApiClient(baseUrl),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await h.close();
      if (!extra.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
