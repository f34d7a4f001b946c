/**
 * Sessions this node has looked up, kept so that a request needs no round trip to know who is
 * calling — and forgotten on every node the moment a session ends anywhere: migration 074
 * announces every sign-out, every change to a session and every change to a user (locked out,
 * another role …) on the channel `ls_session_ended`, and this cache LISTENs to it.
 *
 * The cache only answers while that LISTEN connection is up: it starts empty, is emptied when
 * the connection drops (announcements made meanwhile are lost) and fills again only once LISTEN
 * is back. A lookup that raced an announcement is not kept (`epoch`). Expiry is checked on every
 * hit, and an entry is looked up again after MAX_AGE_MS whatever happens. A hit is answered only
 * after the I/O already received has been handled (setImmediate), so an announcement that
 * arrived with the request is never overtaken by it.
 *
 * An announcement travels asynchronously, so signing out waits for it to have been heard: every
 * listening node answers a session's end with an acknowledgement on the same channel (`a:`), and
 * `ending()` returns once as many nodes as were listening have answered (or after ACK_WAIT_MS, a
 * node that went away meanwhile). When the user hears "signed out", no node still admits the token.
 */
import pg from 'pg';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Session } from './user-store.ts';

export const SESSION_ENDED_CHANNEL = 'ls_session_ended';
/** Defence in depth: even with no announcement, an entry is trusted this long at most. */
const MAX_AGE_MS = 10_000;
const CAPACITY = 10_000;
const RECONNECT_MS = [500, 1_000, 2_000, 5_000, 10_000];
/** How long a sign-out waits for the other nodes' acknowledgements at most. */
const ACK_WAIT_MS = 2_000;
// A notification carries at most 8,000 bytes: acknowledgements go in chunks of hashes.
const ACKS_PER_NOTIFY = 100;
const LISTENERS_SQL = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lianshen-sessions' AND datname = current_database()`;

type Log = (message: string, fields?: Record<string, unknown>) => void;

interface Entry {
  session: Session;
  expiresAt: number;
  keptAt: number;
}

/** What a lookup took before going to the database; it is kept only if nothing ended meanwhile. */
export interface LookupTicket {
  epoch: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;
  private listening = false;
  private closed = false;
  private client: pg.Client | undefined;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  /** Token hashes whose end this node has heard and not yet acknowledged. */
  private unacknowledged: string[] = [];
  /** Sign-outs of this node waiting for acknowledgements: token hash → acknowledgements still due. */
  private readonly waiting = new Map<string, { due: number; done: () => void }>();

  /** Listen on a connection of its own, with `pool`'s settings; stops when the pool ends. */
  static listen(pool: Pool, log?: Log): SessionCache {
    const cache = new SessionCache(pool, pool.options as pg.ClientConfig, log);
    // The app's pool ending is the node stopping: the LISTEN connection goes with it.
    pool.on('remove', () => { if ((pool as { ending?: boolean }).ending) void cache.close(); });
    cache.connect();
    return cache;
  }

  private constructor(private readonly pool: Pool, private readonly settings: pg.ClientConfig, private readonly log?: Log) {}

  /** True while announcements are being received (only then does the cache answer). */
  get active(): boolean {
    return this.listening;
  }

  /** The session of a token hash, if kept, live and not expired at `now`. */
  async get(tokenHash: string, now: Date): Promise<Session | undefined> {
    if (!this.listening || !this.entries.has(tokenHash)) return undefined;
    // Let I/O that arrived with the request (an announcement) be handled first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const entry = this.entries.get(tokenHash);
    if (!entry || !this.listening) return undefined;
    if (entry.expiresAt <= now.getTime() || Date.now() - entry.keptAt > MAX_AGE_MS) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  /** Taken before a lookup in the database; undefined when the result may not be kept. */
  ticket(): LookupTicket | undefined {
    return this.listening ? { epoch: this.epoch } : undefined;
  }

  /** Keep what a lookup found, unless something ended since its ticket was taken. */
  keep(tokenHash: string, session: Session, expiresAt: Date, ticket: LookupTicket | undefined): void {
    if (!ticket || !this.listening || ticket.epoch !== this.epoch) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { session, expiresAt: expiresAt.getTime(), keptAt: Date.now() });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forget one session (signed out on this node: no need to wait for the announcement). */
  forget(tokenHash: string): void {
    this.epoch += 1;
    this.entries.delete(tokenHash);
  }

  /**
   * End a session with `end` (its DELETE) and return once every node that was listening has
   * acknowledged hearing of it, so none admits it any more.
   */
  async ending(tokenHash: string, end: () => Promise<void>): Promise<void> {
    this.forget(tokenHash);
    if (!this.listening) return end();
    const nodes = (await this.pool.query(LISTENERS_SQL)).rows[0].n as number;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve) => {
      this.waiting.set(tokenHash, { due: nodes, done: resolve });
      timer = setTimeout(() => {
        this.log?.('a sign-out was not acknowledged by every node in time', { nodes, missing: this.waiting.get(tokenHash)?.due });
        resolve();
      }, ACK_WAIT_MS);
      timer.unref();
    });
    try {
      await end();
      await heard;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(tokenHash);
    }
  }

  /** Called whenever the cache starts or stops answering (tests wait on it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retry);
    this.setListening(false);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private announced(payload: string): void {
    if (payload.startsWith('a:')) {
      for (const hash of payload.slice(2).split(',')) {
        const waiter = this.waiting.get(hash);
        if (waiter && --waiter.due <= 0) waiter.done();
      }
      return;
    }
    this.epoch += 1;
    if (payload === '*') {
      this.entries.clear();
    } else if (payload.startsWith('s:')) {
      this.entries.delete(payload.slice(2));
      this.acknowledge(payload.slice(2));
    } else if (payload.startsWith('u:')) {
      const userId = payload.slice(2);
      for (const [hash, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(hash);
    } else {
      this.entries.clear();
    }
  }

  // Heard ends are acknowledged together, once per turn of the event loop.
  private acknowledge(tokenHash: string): void {
    this.unacknowledged.push(tokenHash);
    if (this.unacknowledged.length > 1) return;
    setImmediate(() => {
      const hashes = this.unacknowledged;
      this.unacknowledged = [];
      for (let i = 0; i < hashes.length; i += ACKS_PER_NOTIFY) {
        this.client?.query('SELECT pg_notify($1, $2)', [SESSION_ENDED_CHANNEL, `a:${hashes.slice(i, i + ACKS_PER_NOTIFY).join(',')}`])
          .catch((error) => this.log?.('could not acknowledge a sign-out', { error: String(error) }));
      }
    });
  }

  private setListening(listening: boolean): void {
    // Either way nothing kept before is trusted: announcements may have been missed.
    this.epoch += 1;
    this.entries.clear();
    if (this.listening === listening) return;
    this.listening = listening;
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    // The app's pool ended without a client left to tell us (see listen()): the node is gone.
    if ((this.pool as { ending?: boolean }).ending) void this.close();
    if (this.closed) return;
    const client = new pg.Client({ ...this.settings, application_name: 'lianshen-sessions' });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      this.setListening(false);
      void client.end().catch(() => {});
      if (this.closed) return;
      if (error) this.log?.('session announcements lost; sessions are looked up in the database until they are back', { error: String(error) });
      const wait = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)]!;
      this.failures += 1;
      this.retry = setTimeout(() => this.connect(), wait);
      this.retry.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => { if (message.channel === SESSION_ENDED_CHANNEL) this.announced(message.payload ?? '*'); });
    client.connect()
      .then(() => client.query(`LISTEN ${SESSION_ENDED_CHANNEL}`))
      .then(() => {
        if (lost || this.closed) return;
        // A connection held only for announcements must not keep the process alive.
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        this.failures = 0;
        this.setListening(true);
      })
      .catch(onLost);
  }
}
