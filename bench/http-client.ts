/**
 * A minimal JSON-over-HTTP client on `node:http` with a keep-alive agent: what a machine client
 * of the API (bearer token) does, without fetch's per-request overhead muddying the figures.
 */
import http from 'node:http';

export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Already serialized JSON (so the load driver does no work per request but sending). */
  body?: string;
  token?: string;
  /** What the request belongs to (its case), for the report's breakdowns; never sent. */
  group?: string;
}

export class JsonClient {
  readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets = 64) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Send one request; resolves with the status and the parsed body (raw text if not JSON). */
  send<T = any>(req: BenchRequest): Promise<JsonResponse<T>> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { accept: 'application/json' };
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(req.body);
      }
      if (req.token) headers.authorization = `Bearer ${req.token}`;
      const request = http.request({
        host: this.url.hostname, port: this.url.port, method: req.method, path: req.path, headers, agent: this.agent,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
          resolve({ status: res.statusCode ?? 0, body: body as T });
        });
        res.on('error', reject);
      });
      request.on('error', reject);
      if (req.body !== undefined) request.write(req.body);
      request.end();
    });
  }

  /** POST a value as JSON. */
  post<T = any>(path: string, value: unknown, token?: string): Promise<JsonResponse<T>> {
    return this.send<T>({ method: 'POST', path, body: JSON.stringify(value ?? {}), token });
  }

  get<T = any>(path: string, token?: string): Promise<JsonResponse<T>> {
    return this.send<T>({ method: 'GET', path, token });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throw unless the response has the expected status (the bench must not measure failures). */
export function expectStatus<T>(res: JsonResponse<T>, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/** Run `jobs` with at most `concurrency` at a time; resolves with their results in order. */
export async function inParallel<T>(count: number, concurrency: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return results;
}
