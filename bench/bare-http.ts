/**
 * What one HTTP exchange costs this machine with nothing of ours in it: the opinion request (same
 * path shape, body and bearer token) sent by the bench's own load driver at the same concurrency
 * to a bare `node:http` server in its own process (bare-http-server.ts) that answers with a real
 * opinion's answer. Its CPU per request and the driver's are part of the ceiling the report sets
 * beside the opinion figures (report.ts, opinionCeiling): no server framework can answer for less.
 */
import { fork } from 'node:child_process';
import type { BenchRequest } from './http-client.ts';
import { runLoad } from './load.ts';
import { round } from './stats.ts';

export interface BareHttpOptions {
  /** Timed requests (and a tenth of them, at least 100, to warm up first). */
  requests: number;
  concurrency: number;
  /** The request to send, again and again. */
  request: BenchRequest;
  /** The answer's text (a real opinion's answer). */
  answer: string;
}

export interface BareHttpResult {
  requests: number;
  concurrency: number;
  requestsPerSecond: number;
  /** Bytes of the request body and of the answer body. */
  bodyBytes: { request: number; answer: number };
  /** CPU per request, ms: the bare server's process and the load driver's. */
  cpuPerRequestMs: { server: number; driver: number };
}

type ServerMessage = { type: 'listening'; port: number } | { type: 'cpu'; ms: number };

/** Drive the bare server with `options.request` and measure both sides' CPU per request. */
export async function measureBareHttp(options: BareHttpOptions): Promise<BareHttpResult> {
  const child = fork(new URL('./bare-http-server.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> => new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<ServerMessage, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`bare HTTP server exited with code ${code} before sending "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const serverCpu = async () => {
    const reply = next('cpu');
    child.send({ type: 'cpu' });
    return (await reply).ms;
  };
  try {
    const listening = next('listening');
    child.send({ type: 'serve', answer: options.answer });
    const { port } = await listening;
    const warmup = Math.max(100, Math.round(options.requests / 10));
    let cpuStart = 0;
    let serverMs = 0;
    const load = await runLoad({
      baseUrl: `http://127.0.0.1:${port}`, concurrency: options.concurrency,
      warmup: Array.from({ length: warmup }, () => options.request),
      timed: Array.from({ length: options.requests }, () => options.request),
    }, {
      beforeTimed: async () => { cpuStart = await serverCpu(); },
      afterTimed: async () => { serverMs = (await serverCpu()) - cpuStart; },
    });
    if (load.failed > 0) throw new Error(`bare HTTP exchange failed: ${load.failures.join('\n')}`);
    return {
      requests: load.ok, concurrency: options.concurrency,
      requestsPerSecond: round(load.ok / (load.elapsedMs / 1000), 1),
      bodyBytes: { request: Buffer.byteLength(options.request.body ?? ''), answer: Buffer.byteLength(options.answer) },
      cpuPerRequestMs: { server: round(serverMs / load.ok, 4), driver: round(load.driverCpuMs / load.ok, 4) },
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
