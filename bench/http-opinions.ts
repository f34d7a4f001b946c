/**
 * Figure 1: opinions per second end to end. Many enterprises' cases of the ten-department
 * construction permit (review-item.ts) are applied for, accepted and signed for in all ten
 * departments over HTTP (untimed); then N concurrent clients in a separate process send only `POST /api/tasks/:id/opinion`, in a
 * seeded random order over all (case, department) pairs, as departments working independently
 * would. The last opinion of each case is the join that moves it on to the meeting.
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { UserStore } from '../api/auth/user-store.ts';
import { startAppNode } from './app-node.ts';
import type { BenchRequest } from './http-client.ts';
import { inParallel, JsonClient } from './http-client.ts';
import { joinLatency, type JoinLatency } from './join-latency.ts';
import { applyAcceptSign, OPINION_BODY, type PreparedCase } from './journeys.ts';
import { runLoad } from './load.ts';
import type { LoadResult } from './load-driver.ts';
import { PhaseProfiler, type ProfileSummary } from './cpu-profile.ts';
import type { StatementMeter, StatementStats } from './pg-statements.ts';
import { walPerUnit, type WalMeter, type WalPerUnit, type WalWrites } from './pg-wal.ts';
import { machineBusyMs, mainThreadSchedule, processStats, type ThreadSchedule } from './machine.ts';
import { cpuMs, percentile, round, sleep } from './stats.ts';
import { DEPARTMENTS, type BenchApp, type BenchUsers, type PostgresServer } from './world.ts';

export interface HttpOpinionsOptions {
  cases: number;
  warmupCases: number;
  concurrency: number;
  seed: number;
}

/** What every opinion load reports, wherever its server runs. */
export interface OpinionLoadFigures {
  concurrency: number;
  cases: number;
  opinions: number;
  failed: number;
  failures: string[];
  seconds: number;
  opinionsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** The joining opinions (each case's last) apart from the others. */
  joinLatency: JoinLatency;
  prepareSeconds: number;
}

export interface HttpOpinionsResult extends OpinionLoadFigures {
  departmentsPerCase: number;
  /**
   * CPU used during the timed window, in cores (1.0 = one core busy the whole time): the app
   * server, PostgreSQL, the load driver, the whole machine, and what else ran on it meanwhile
   * (machine − the three; kernel networking included, so rarely zero).
   */
  cores: { server: number; postgres: number | null; driver: number; machine: number | null; other: number | null };
  /** Share of the timed window the server's event loop was busy (performance.eventLoopUtilization). */
  eventLoopUtilization: number;
  /**
   * Shares of the timed window the server's main thread (the event loop) was on a CPU and was
   * runnable but waiting for one (its schedstat; null where /proc is unavailable), and how often
   * per second it was scheduled in. A busy event loop is not a running one: the difference is
   * time the other processes and threads (PostgreSQL's backends, V8's helpers, the driver) had
   * the cores.
   */
  mainThread: { onCpu: number; runQueueWait: number; slicesPerSecond: number } | null;
  /** CPU per opinion, ms. */
  cpuPerOpinionMs: { server: number; postgres: number | null };
  /**
   * Commands that found their case's engine in memory vs rebuilt it from the stored state, and
   * those that ran unlocked on the case's snapshot kept without its engine.
   */
  engineCache: { reused: number; restored: number; fromSnapshot: number };
  /** What PostgreSQL wrote per opinion (its WAL over the timed window; everything the server wrote meanwhile). */
  wal?: WalPerUnit;
}

/** The main thread's schedule over a window of `elapsedMs`, as shares of it. */
export function mainThreadShares(start: ThreadSchedule | undefined, end: ThreadSchedule | undefined, elapsedMs: number): HttpOpinionsResult['mainThread'] {
  if (!start || !end || elapsedMs <= 0) return null;
  return {
    onCpu: round((end.onCpuMs - start.onCpuMs) / elapsedMs, 2),
    runQueueWait: round((end.runQueueMs - start.runQueueMs) / elapsedMs, 2),
    slicesPerSecond: Math.round((end.slices - start.slices) / (elapsedMs / 1000)),
  };
}

/** Each process's main-thread shares, or null when any of them could not be read. */
function mainThreadsOf(s: { start: Array<ThreadSchedule | undefined>; end: Array<ThreadSchedule | undefined>; windowMs: number }): NodeOpinionsResult['mainThreads'] {
  const shares = s.start.map((start, i) => mainThreadShares(start, s.end[i], s.windowMs));
  return shares.length && shares.every((x) => x !== null) ? (shares as Array<NonNullable<HttpOpinionsResult['mainThread']>>) : null;
}

/** The timed requests' latencies, and the joins' apart (each request's group is its case). */
function latencyFigures(load: LoadResult, timed: BenchRequest[]): Pick<OpinionLoadFigures, 'latencyMs' | 'joinLatency'> {
  const lat = load.latenciesMs;
  return {
    latencyMs: { p50: round(percentile(lat, 50), 2), p90: round(percentile(lat, 90), 2), p99: round(percentile(lat, 99), 2), max: round(lat.reduce((a, b) => Math.max(a, b), 0), 2) },
    joinLatency: joinLatency(load.order.map((index, k) => [index, lat[k]!] as const), (index) => timed[index]!.group ?? String(index)),
  };
}

/** Deterministic PRNG (mulberry32) so every run sends the same order. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One real opinion over HTTP (a fresh case's first department): the request as the load sends it
 * and the text of the answer, for the bare exchange the ceiling is measured with (bare-http.ts).
 */
export async function oneOpinionExchange(app: BenchApp): Promise<{ request: BenchRequest; answer: string }> {
  const { group: _, ...request } = opinionRequest(app, await applyAcceptSign(app, app.http, 0), DEPARTMENTS[0]!);
  const res = await app.http.send(request);
  if (res.status !== 200) throw new Error(`opinion: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  // express answers with JSON.stringify's text, which the same call gives back from the parsed body
  return { request, answer: JSON.stringify(res.body) };
}

function opinionRequest(app: BenchApp, c: PreparedCase, department: string): BenchRequest {
  return { method: 'POST', path: `/api/tasks/${c.reviewTasks.get(department)}/opinion`, body: OPINION_BODY, token: app.users.departments.get(department), group: c.caseId };
}

function opinionRequests(app: BenchApp, cases: PreparedCase[], seed: number): BenchRequest[] {
  const requests: BenchRequest[] = [];
  for (const c of cases) {
    for (const department of DEPARTMENTS) requests.push(opinionRequest(app, c, department));
  }
  const next = random(seed);
  for (let i = requests.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [requests[i], requests[j]] = [requests[j]!, requests[i]!];
  }
  return requests;
}

export interface PhaseMeters {
  profiler?: { file: string };
  /** Sample pg_stat_activity of the app's sessions during the timed window. */
  sampleWaits?: boolean;
  /** Run after the cases are prepared, before the load starts (checkpoint, wait for a quiet machine). */
  settle?: () => Promise<void>;
  /** Count PostgreSQL's time per statement during the timed window. */
  statements?: StatementMeter;
  /** Read what PostgreSQL wrote during the timed window from its WAL. */
  wal?: WalMeter;
}

export interface WaitSampling {
  samples: number;
  /** Share of sampled app sessions in each state (percent), e.g. "active: CPU", "active: Lock/advisory", "idle in transaction". */
  states: Array<{ state: string; percent: number }>;
}

/** Prepare cases, then time only the opinions. */
export async function measureHttpOpinions(app: BenchApp, pgServer: PostgresServer, options: HttpOpinionsOptions, meters: PhaseMeters = {}):
  Promise<HttpOpinionsResult & { profile?: ProfileSummary; waits?: WaitSampling; statements?: StatementStats }> {
  const total = options.warmupCases + options.cases;
  const prepareStarted = performance.now();
  const prepared = await inParallel(total, options.concurrency, (i) => applyAcceptSign(app, app.http, i));
  const prepareSeconds = (performance.now() - prepareStarted) / 1000;
  const warmup = opinionRequests(app, prepared.slice(0, options.warmupCases), options.seed + 1);
  const timed = opinionRequests(app, prepared.slice(options.warmupCases), options.seed);
  await meters.settle?.();

  let serverCpu: NodeJS.CpuUsage | undefined;
  let pgCpuStart: number | undefined;
  let cacheStart = app.runtime.engineStats;
  let serverCpuMs = 0;
  let pgCpuMs: number | null = null;
  let machineStart: number | undefined;
  let machineMs: number | null = null;
  let elu = performance.eventLoopUtilization();
  let scheduleStart: ThreadSchedule | undefined;
  let scheduleEnd: ThreadSchedule | undefined;
  let scheduleWindowMs = 0;
  let cacheEnd = cacheStart;
  const profiler = meters.profiler ? new PhaseProfiler() : undefined;
  const sampler = meters.sampleWaits ? new WaitSampler(app.url) : undefined;
  let profile: ProfileSummary | undefined;
  let statements: StatementStats | undefined;
  let wal: WalWrites | undefined;
  const load: LoadResult = await runLoad({ baseUrl: app.baseUrl, concurrency: options.concurrency, warmup, timed }, {
    beforeTimed: async () => {
      await sampler?.start();
      await meters.statements?.start();
      await meters.wal?.start();
      cacheStart = app.runtime.engineStats;
      pgCpuStart = pgServer.cpu.read();
      await profiler?.start();
      machineStart = machineBusyMs();
      elu = performance.eventLoopUtilization();
      scheduleStart = mainThreadSchedule();
      scheduleWindowMs = performance.now();
      serverCpu = process.cpuUsage();
    },
    afterTimed: async () => {
      serverCpuMs = cpuMs(serverCpu);
      scheduleEnd = mainThreadSchedule();
      scheduleWindowMs = performance.now() - scheduleWindowMs;
      elu = performance.eventLoopUtilization(elu);
      const machineNow = machineBusyMs();
      machineMs = machineNow !== undefined && machineStart !== undefined ? machineNow - machineStart : null;
      if (profiler) profile = await profiler.stop(meters.profiler!.file);
      const pgNow = pgServer.cpu.read();
      pgCpuMs = pgNow !== undefined && pgCpuStart !== undefined ? pgNow - pgCpuStart : null;
      cacheEnd = app.runtime.engineStats;
      statements = await meters.statements?.stop();
      wal = await meters.wal?.stop();
    },
  });
  const waits = await sampler?.stop();
  const seconds = load.elapsedMs / 1000;
  const pgMs = pgCpuMs as number | null;
  const allMs = machineMs as number | null;
  const core = (ms: number) => round(ms / load.elapsedMs, 2);
  return {
    concurrency: options.concurrency, cases: options.cases, departmentsPerCase: DEPARTMENTS.length,
    opinions: load.ok, failed: load.failed, failures: load.failures, seconds: round(seconds, 2),
    opinionsPerSecond: round(load.ok / seconds, 1),
    ...latencyFigures(load, timed),
    prepareSeconds: round(prepareSeconds, 1),
    cores: {
      server: core(serverCpuMs), postgres: pgMs === null ? null : core(pgMs), driver: core(load.driverCpuMs),
      machine: allMs === null ? null : core(allMs),
      other: allMs === null || pgMs === null ? null : core(Math.max(0, allMs - serverCpuMs - pgMs - load.driverCpuMs)),
    },
    eventLoopUtilization: round(elu.utilization, 2),
    mainThread: mainThreadShares(scheduleStart, scheduleEnd, scheduleWindowMs),
    cpuPerOpinionMs: { server: round(serverCpuMs / Math.max(1, load.ok), 3), postgres: pgMs === null ? null : round(pgMs / Math.max(1, load.ok), 3) },
    engineCache: { reused: cacheEnd.reused - cacheStart.reused, restored: cacheEnd.restored - cacheStart.restored, fromSnapshot: cacheEnd.fromSnapshot - cacheStart.fromSnapshot },
    ...(profile ? { profile } : {}),
    ...(waits ? { waits } : {}),
    ...(statements ? { statements } : {}),
    ...(wal ? { wal: walPerUnit(wal, load.ok) } : {}),
  };
}

/**
 * Samples what the app's PostgreSQL sessions are doing every few milliseconds: running
 * (CPU), waiting for a lock (e.g. the ledger's advisory lock), for WAL flush, or idle in a
 * transaction (waiting for Node: a round trip or the app's own CPU).
 */
class WaitSampler {
  private client: pg.Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly counts = new Map<string, number>();
  private samples = 0;

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.url, application_name: 'bench-sampler' });
    await this.client.connect();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client!.query<{ state: string }>(
          `SELECT coalesce(state, '?') || coalesce(': ' || wait_event_type || '/' || wait_event, CASE WHEN state = 'active' THEN ': running (CPU)' ELSE '' END) AS state
             FROM pg_stat_activity WHERE application_name = 'lianshen' AND backend_type = 'client backend'`);
        this.samples += 1;
        for (const r of rows) this.counts.set(r.state, (this.counts.get(r.state) ?? 0) + 1);
        await sleep(5);
      }
    })();
  }

  async stop(): Promise<WaitSampling> {
    this.running = false;
    await this.loop;
    await this.client?.end();
    const all = [...this.counts.values()].reduce((a, b) => a + b, 0) || 1;
    return {
      samples: this.samples,
      states: [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([state, n]) => ({ state, percent: round((100 * n) / all, 1) })),
    };
  }
}

export interface NodeOpinionsResult extends OpinionLoadFigures {
  /** LIANSHEN_WORKERS of the node: 1 = one process, N = a primary and N workers sharing the port. */
  workers: number;
  /** From spawning `npm start` to its "listening" line (all workers up), ms. */
  listeningMs: number;
  /** Cores used during the timed window: the node's processes (primary + workers), PostgreSQL, the load driver, the machine, the rest. */
  cores: { node: number | null; postgres: number | null; driver: number; machine: number | null; other: number | null };
  /** CPU per opinion, ms. */
  cpuPerOpinionMs: { node: number | null; postgres: number | null };
  /** The schedule of each serving process's main thread (the node's, or each worker's) over the timed window; null without /proc. */
  mainThreads: Array<NonNullable<HttpOpinionsResult['mainThread']>> | null;
}

// The processes whose event loops answer the requests: the node itself, or its workers.
function servingProcesses(pid: number, workers: number): number[] {
  if (workers <= 1) return [pid];
  return (processStats() ?? []).filter((p) => p.ppid === pid).map((p) => p.pid);
}

/**
 * The same opinions against `npm start` as production runs it (the bundled server in its own process,
 * LIANSHEN_WORKERS workers, request logs on, the system clock) on the bench's database: cases
 * are prepared and opinions sent over HTTP to that node only.
 */
export async function measureHttpOpinionsOnNode(app: BenchApp, pgServer: PostgresServer, options: HttpOpinionsOptions & { workers: number }, meters: Pick<PhaseMeters, 'settle'> = {}): Promise<NodeOpinionsResult> {
  const node = await startAppNode(app.url, { LIANSHEN_WORKERS: String(options.workers), LOG_LEVEL: 'info' });
  const http = new JsonClient(node.baseUrl, 64);
  try {
    const onNode: BenchApp = { ...app, baseUrl: node.baseUrl, http, users: await sessionsOnSystemClock(app) };
    const total = options.warmupCases + options.cases;
    const prepareStarted = performance.now();
    const prepared = await inParallel(total, options.concurrency, (i) => applyAcceptSign(onNode, http, i));
    const prepareSeconds = (performance.now() - prepareStarted) / 1000;
    const warmup = opinionRequests(onNode, prepared.slice(0, options.warmupCases), options.seed + 1);
    const timed = opinionRequests(onNode, prepared.slice(options.warmupCases), options.seed);
    await meters.settle?.();

    let start: { node?: number; pg?: number; machine?: number } = {};
    const serving = servingProcesses(node.pid, options.workers);
    let schedules: { start: Array<ThreadSchedule | undefined>; end: Array<ThreadSchedule | undefined>; windowMs: number } = { start: [], end: [], windowMs: 0 };
    let used: { node: number | null; pg: number | null; machine: number | null } = { node: null, pg: null, machine: null };
    const since = (now: number | undefined, then: number | undefined) => (now !== undefined && then !== undefined ? now - then : null);
    const load = await runLoad({ baseUrl: node.baseUrl, concurrency: options.concurrency, warmup, timed }, {
      beforeTimed: () => {
        start = { node: node.cpuMs(), pg: pgServer.cpu.read(), machine: machineBusyMs() };
        schedules = { start: serving.map((pid) => mainThreadSchedule(pid)), end: [], windowMs: performance.now() };
      },
      afterTimed: () => {
        used = { node: since(node.cpuMs(), start.node), pg: since(pgServer.cpu.read(), start.pg), machine: since(machineBusyMs(), start.machine) };
        schedules = { ...schedules, end: serving.map((pid) => mainThreadSchedule(pid)), windowMs: performance.now() - schedules.windowMs };
      },
    });
    const core = <T extends number | null>(ms: T): T => (ms === null ? ms : round(ms / load.elapsedMs, 2)) as T;
    const perOpinion = (ms: number | null) => (ms === null ? null : round(ms / Math.max(1, load.ok), 3));
    const other = used.machine === null || used.node === null || used.pg === null ? null : Math.max(0, used.machine - used.node - used.pg - load.driverCpuMs);
    return {
      workers: options.workers, concurrency: options.concurrency, cases: options.cases,
      opinions: load.ok, failed: load.failed, failures: load.failures, seconds: round(load.elapsedMs / 1000, 2),
      opinionsPerSecond: round(load.ok / (load.elapsedMs / 1000), 1),
      ...latencyFigures(load, timed),
      prepareSeconds: round(prepareSeconds, 1), listeningMs: Math.round(node.listeningMs),
      cores: { node: core(used.node), postgres: core(used.pg), driver: core(load.driverCpuMs), machine: core(used.machine), other: core(other) },
      cpuPerOpinionMs: { node: perOpinion(used.node), postgres: perOpinion(used.pg) },
      mainThreads: mainThreadsOf(schedules),
    };
  } finally {
    http.close();
    await node.stop();
  }
}

/**
 * The bench's users signed in anew for a node on the system clock: their sessions were opened on
 * the bench's manual clock (2 March 2026) and would be long expired there.
 */
async function sessionsOnSystemClock(app: BenchApp): Promise<BenchUsers> {
  const store = new UserStore(app.pool);
  const renew = async (token: string) => {
    const session = await store.session(token, app.clock.now());
    if (!session) throw new Error('a bench session has ended');
    return (await store.openSession(session.user.id, 'bearer', new Date())).token;
  };
  return {
    enterprises: await Promise.all(app.users.enterprises.map(renew)),
    window: await renew(app.users.window),
    departments: new Map(await Promise.all([...app.users.departments].map(async ([d, token]) => [d, await renew(token)] as const))),
  };
}
