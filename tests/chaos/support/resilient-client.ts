/**
 * A machine client (bearer token) that behaves as a careful integration should while the server
 * dies under it: every command carries an Idempotency-Key, and a request that got no answer
 * (connection refused or reset, or a 5xx while the node restarts) is sent again with the same
 * key until it is answered. Only a 2xx counts as acknowledged.
 */
export interface Acknowledged {
  key: string;
  path: string;
  status: number;
  body: any;
  /** Attempts that got no answer before this one did. */
  retries: number;
}

export class RefusedError extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string, readonly retries: number) {
    super(`${what} → ${status} ${JSON.stringify(body)} (after ${retries} unanswered attempts)`);
  }
}

export class ResilientClient {
  constructor(private readonly baseUrl: () => string, private readonly token: string, private readonly giveUpMs = 120_000) {}

  /** Sign in as a machine client; retried like a command while the node is down. */
  static async signIn(baseUrl: () => string, username: string, password: string): Promise<ResilientClient> {
    const anonymous = new ResilientClient(baseUrl, '');
    const ack = await anonymous.send('POST', '/api/auth/login', { username, password, client: 'bearer' });
    return new ResilientClient(baseUrl, ack.body.token);
  }

  get(path: string): Promise<Acknowledged> {
    return this.send('GET', path);
  }

  /** A command: sent until answered, under one Idempotency-Key. 4xx → RefusedError. */
  command(path: string, body: unknown, key: string): Promise<Acknowledged> {
    return this.send('POST', path, body, key);
  }

  private async send(method: string, path: string, body?: unknown, key?: string): Promise<Acknowledged> {
    const started = Date.now();
    for (let retries = 0; ; retries += 1) {
      let status: number | undefined;
      let parsed: unknown;
      try {
        const res = await fetch(`${this.baseUrl()}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        const text = await res.text();
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        status = undefined; // no answer: the node died mid-request or is not up yet
      }
      if (status !== undefined && status < 300) return { key: key ?? '', path, status, body: parsed, retries };
      if (status !== undefined && status < 500) throw new RefusedError(status, parsed, `${method} ${path}`, retries);
      if (Date.now() - started > this.giveUpMs) throw new Error(`${method} ${path}: no answer within ${this.giveUpMs} ms (last status ${status})`);
      // the node is restarting: ask again shortly (bounded by giveUpMs)
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.min(retries, 10) * 20));
    }
  }
}
