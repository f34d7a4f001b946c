/**
 * The load driver, run as its own process (forked by load.ts) so that sending requests and
 * parsing answers never takes CPU from the server's event loop: N clients, each sending its
 * next request as soon as the previous answer arrived (closed loop), over keep-alive sockets.
 *
 * Protocol: the parent sends one `LoadPlan`; the driver runs the warm-up requests, posts
 * `{ type: 'ready' }` and waits for `{ type: 'go' }` (the parent starts its meters in between),
 * runs the timed requests and posts a `LoadResult`, then exits.
 */
import { performance } from 'node:perf_hooks';
import { JsonClient, type BenchRequest } from './http-client.ts';

export interface LoadPlan {
  baseUrl: string;
  concurrency: number;
  warmup: BenchRequest[];
  timed: BenchRequest[];
}

export interface LoadResult {
  type: 'done';
  /** Latency of every timed request, in ms, in completion order. */
  latenciesMs: number[];
  /** The index (in the plan's `timed`) of the request each latency belongs to. */
  order: number[];
  ok: number;
  failed: number;
  /** A few failing answers, to say why. */
  failures: string[];
  elapsedMs: number;
  /** CPU the driver itself used during the timed window (ms). */
  driverCpuMs: number;
}

async function drive(client: JsonClient, requests: BenchRequest[], concurrency: number, record?: (index: number, ms: number, ok: boolean, failure?: string) => void) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const req = requests[index]!;
      const started = performance.now();
      try {
        const res = await client.send(req);
        const ok = res.status >= 200 && res.status < 300;
        record?.(index, performance.now() - started, ok, ok ? undefined : `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      } catch (error) {
        record?.(index, performance.now() - started, false, String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, requests.length)) }, worker));
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const client = new JsonClient(plan.baseUrl, plan.concurrency);
  await drive(client, plan.warmup, plan.concurrency);
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ type: 'ready' });
  });
  const latenciesMs: number[] = [];
  const order: number[] = [];
  const failures: string[] = [];
  let ok = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await drive(client, plan.timed, plan.concurrency, (index, ms, success, failure) => {
    latenciesMs.push(ms);
    order.push(index);
    if (success) ok += 1;
    else {
      failed += 1;
      if (failures.length < 5 && failure) failures.push(failure);
    }
  });
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  client.close();
  return { type: 'done', latenciesMs, order, ok, failed, failures, elapsedMs, driverCpuMs: (used.user + used.system) / 1000 };
}

process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
