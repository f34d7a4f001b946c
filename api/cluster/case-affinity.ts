/**
 * Commands on one case go to one worker. A case's live engine is cached in the process that ran
 * its last command; node:cluster deals connections to workers in turn, so without this about
 * half the commands would land on a worker that must rebuild the engine from the stored state
 * (2.2× the Node CPU of an opinion). Each case has an owner worker (a hash of its id); a command
 * that arrives elsewhere is passed on, as it is, over loopback to the owner's private port and
 * its answer passed back. Everything else (reads, new cases, sockets) is served where it lands.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';

/** Marks a request a worker passed on: the owner serves it whatever it thinks (no second hop). */
export const PASSED_ON_HEADER = 'x-lianshen-passed-on';
const COMMAND_PATH = /^\/api\/(cases|tasks)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;

export interface CaseAffinity {
  /** This worker's slot, 0-based. */
  self: number;
  /** Worker slots (LIANSHEN_WORKERS). */
  workers: number;
  /** Slot → private loopback port of that worker, as the primary last told; missing while one (re)starts. */
  ports: () => ReadonlyMap<number, number>;
}

export function ownerOf(caseId: string, workers: number): number {
  return createHash('sha1').update(caseId).digest().readUInt32BE(0) % workers;
}

export function caseAffinity(pool: Pool, affinity: CaseAffinity): RequestHandler {
  // A task never changes case: remembered, the lookup costs one query per task, not per command.
  const caseOfTask = new LRUCache<string, string>({ max: 50_000 });
  const caseOf = async (req: Request): Promise<string | undefined> => {
    const match = COMMAND_PATH.exec(req.path);
    if (!match) return undefined;
    const id = match[2]!.toLowerCase();
    if (match[1] === 'cases') return id;
    const known = caseOfTask.get(id);
    if (known) return known;
    // Named: parsed and planned once per connection, not per command.
    const { rows } = await pool.query<{ case_id: string }>({ name: 'affinity-case-of-task', text: 'SELECT case_id FROM tasks WHERE id = $1', values: [id] });
    if (rows[0]) caseOfTask.set(id, rows[0].case_id);
    return rows[0]?.case_id;
  };

  return async (req, res, next) => {
    if (req.method !== 'POST' || req.headers[PASSED_ON_HEADER] || affinity.workers < 2) return next();
    const caseId = await caseOf(req);
    if (!caseId) return next();
    const owner = ownerOf(caseId, affinity.workers);
    const port = affinity.ports().get(owner);
    if (owner === affinity.self || port === undefined) return next();
    passOn(req, res, port, next);
  };
}

// The body is sent only once the owner accepted the connection: if it cannot be reached (it is
// being replaced), nothing was read yet and this worker serves the command itself.
function passOn(req: Request, res: import('express').Response, port: number, serveHere: () => void): void {
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  const upstream = http.request({
    host: '127.0.0.1', port, method: req.method, path: req.originalUrl, agent: passOnAgent,
    headers: { ...withoutHopByHop(req.headers), [PASSED_ON_HEADER]: '1', 'x-forwarded-for': forwardedFor },
  });
  let connected = false;
  upstream.once('socket', (socket) => {
    const start = () => { connected = true; req.pipe(upstream); };
    // A kept-alive socket is connected already.
    if (!socket.connecting) start();
    else socket.once('connect', start);
  });
  upstream.once('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.once('error', (error) => {
    if (!connected) return serveHere();
    if (!res.headersSent) res.status(502).type('application/problem+json').json({ code: 'worker_unavailable', title: `the worker serving this case failed: ${error.message}`, problems: [] });
    else res.destroy(error);
  });
}

// Idle sockets are dropped well before the owner's keep-alive timeout closes them under us.
const passOnAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });

// Each side of the hop manages its own connection.
function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const { connection: _c, 'keep-alive': _k, ...rest } = headers;
  return rest;
}
