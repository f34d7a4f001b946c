/** Users and sessions on PostgreSQL. Session and CSRF tokens are stored as SHA-256 hashes. */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { AuthUser, Role } from './auth-user.ts';
import type { SessionCache } from './session-cache.ts';

export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentId: string | null;
  demo?: boolean;
}

export interface Session {
  user: AuthUser;
  kind: 'cookie' | 'bearer';
  csrfHash: string | null;
}

export const SESSION_HOURS = 12;
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

type Row = Record<string, any>;
const toUser = (r: Row): AuthUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, regionCode: r.region_code, departmentId: r.department_id,
});

export class UserStore {
  /** With `cache`, sessions are looked up in the database only when this node does not hold them. */
  constructor(private readonly pool: Pool, private readonly cache?: SessionCache) {}

  async create(u: NewUser): Promise<void> {
    await this.pool.query(
      `INSERT INTO users (id, username, password_hash, display_name, role, region_code, department_id, demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [u.id, u.username, u.passwordHash, u.displayName, u.role, u.regionCode, u.departmentId, u.demo ?? false]);
  }

  /** The active user with this username and the stored hash (for login). */
  async byUsername(username: string): Promise<{ user: AuthUser; passwordHash: string } | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM users WHERE username = $1 AND NOT disabled', [username]);
    return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : undefined;
  }

  async count(): Promise<number> {
    return (await this.pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
  }

  /** Open a session; returns the raw token (and CSRF token for cookie sessions), shown once. */
  async openSession(userId: string, kind: 'cookie' | 'bearer', now: Date): Promise<{ token: string; csrfToken: string | null; expiresAt: Date }> {
    const raw = token();
    const csrf = kind === 'cookie' ? token() : null;
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.pool.query(
      'INSERT INTO sessions (token_hash, user_id, kind, csrf_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sha256(raw), userId, kind, csrf && sha256(csrf), now, expiresAt]);
    return { token: raw, csrfToken: csrf, expiresAt };
  }

  /** The session of a raw token, if it exists, has not expired and its user is active. */
  async session(rawToken: string, now: Date): Promise<Session | undefined> {
    const hash = sha256(rawToken);
    const kept = await this.cache?.get(hash, now);
    if (kept) return kept;
    const ticket = this.cache?.ticket();
    const { rows } = await this.pool.query(
      `SELECT u.*, s.kind, s.csrf_hash, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`, [hash, now]);
    if (!rows[0]) return undefined;
    const session: Session = { user: toUser(rows[0]), kind: rows[0].kind, csrfHash: rows[0].csrf_hash };
    this.cache?.keep(hash, session, rows[0].session_expires_at, ticket);
    return session;
  }

  /** End a session; with a cache, returns once every node has heard of it (migration 074). */
  async closeSession(rawToken: string): Promise<void> {
    const hash = sha256(rawToken);
    const end = async () => { await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hash]); };
    if (!this.cache) return end();
    await this.cache.ending(hash, end);
    // Again after: a lookup on this node that raced the DELETE may have kept it.
    this.cache.forget(hash);
  }
}
