/**
 * The database access @socket.io/postgres-adapter gets, on the app database's settings:
 *  - its NOTIFY (and cleanup) queries go through a pool of ONE connection. The adapter delivers a
 *    broadcast to this node's own sockets only once its NOTIFY has returned, so with several
 *    connections the events of one command could reach a browser out of order; one connection
 *    keeps them in the order they were emitted, here and on every other node;
 *  - its LISTEN connection is a client managed here, because the adapter (0.5) leaves two holes:
 *    it attaches no 'error' listener to it (a database restart would crash the process with an
 *    unhandled 'error' event), and, closed while still connecting (a node stopped right after
 *    it started), it keeps the connection it then gets open for good and the process never
 *    exits. So the LISTEN client logs its errors and `close()` ends it whatever state the
 *    adapter is in; a connection the adapter asks for after that never comes.
 */
import pg from 'pg';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';

type Log = (message: string, fields?: Record<string, unknown>) => void;

export class AdapterConnections {
  private readonly open = new Map<pg.Client, () => Promise<void>>();
  private readonly publishing: Pool;
  private closed = false;

  /** `appPool` only lends its connection settings. */
  constructor(private readonly appPool: Pool, private readonly log?: Log) {
    this.publishing = new pg.Pool({ ...appPool.options, max: 1, application_name: 'lianshen-realtime' });
    this.publishing.on('error', (error) => log?.('realtime database connection lost', { error: String(error) }));
  }

  /** What `createAdapter()` is given: it only ever calls `query()` and `connect()`. */
  asPool(): pg.Pool {
    const view = { query: (...args: unknown[]) => Reflect.apply(this.publishing.query, this.publishing, args), connect: () => this.connect() };
    return view as unknown as pg.Pool;
  }

  /** End the LISTEN connection (also when the adapter is still setting it up) and the pool. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.open].map(([client, end]) => {
      client.removeAllListeners('end'); // the adapter would schedule a reconnection
      client.removeAllListeners('notification');
      return end();
    }));
    await this.publishing.end();
  }

  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) return never();
    const client = new pg.Client({ ...this.appPool.options, application_name: 'lianshen-realtime' });
    client.on('error', (error) => this.log?.('realtime LISTEN connection lost; the adapter reconnects', { error: String(error) }));
    let ending: Promise<void> | undefined;
    const end = () => (ending ??= client.end().catch(() => {}));
    // Tracked from the start, so close() also ends a connection still being opened.
    this.open.set(client, end);
    client.once('end', () => this.open.delete(client));
    try {
      await client.connect();
    } catch (error) {
      this.open.delete(client);
      if (this.closed) return never();
      throw error; // the adapter retries in a few seconds
    }
    if (this.closed) {
      await end();
      return never();
    }
    // The adapter returns its connection with release(); for this client that means ending it.
    return Object.assign(client, { release: () => { void end(); } }) as unknown as pg.PoolClient;
  }
}

/** A connection that never comes: the adapter waits on it forever, holding nothing. */
function never(): Promise<never> {
  return new Promise<never>(() => {});
}
