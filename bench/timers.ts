/**
 * Issue 8, timers and memory of open cases. On a database with N in-flight cases (inflight.ts:
 * ~26 real pending deadlines per accepted case, each with its agenda job):
 *
 * - restart: a production node (`npm start`) is started on that database; "ready" is the first
 *   command (签收 of a random in-flight case's task over HTTP) answered 200, counted from the
 *   process spawn (engines are rebuilt lazily per case, so no case waits for another);
 * - memory: that node's RSS after it served commands on more distinct in-flight cases than its
 *   engine cache holds: 签收 (which needs no engine), then 受理 of cases waiting at the window
 *   (each rebuilds the case's engine and starts its joint review); EngineCache keeps live engines
 *   up to LIANSHEN_ENGINE_CACHE_MB, everything else is read per request; all N cases stay open;
 * - burst: the first cohort's 签收 deadlines (eight per case, one instant) fall due while the
 *   firing mechanisms run as api/platform.ts wires them (agenda jobs claimed 5 s ahead and fired
 *   at their instant, one command per case for its timers due together, plus the 30 s sweep of
 *   timers overdue by more than the claim period); lateness is due instant → the firing command
 *   committed (each fires a real 不作为默认: the default consent, its ledger entry, the engine
 *   moving on).
 */
import os from 'node:os';
import { AgendaTimerScheduler, DEFAULT_PREPARE_AHEAD_MS as PREPARE_AHEAD_MS } from '../engine/adapters/agenda/agenda-timer-scheduler.ts';
import type { FireResult } from '../engine/deadlines/fire-timer.ts';
import { lateBoundScheduler, type TimerScheduler } from '../engine/deadlines/timer-scheduler.ts';
import { hashPassword } from '../api/auth/passwords.ts';
import { UserStore } from '../api/auth/user-store.ts';
import { startAppNode } from './app-node.ts';
import { expectStatus, inParallel, JsonClient } from './http-client.ts';
import { alignAgendaJobs, buildInFlightWorld, ShiftedClock, type InFlightOptions, type InFlightWorld } from './inflight.ts';
import { machineBusyMs, PostgresCpuMeter } from './machine.ts';
import { StatementMeter, type StatementStats } from './pg-statements.ts';
import { cpuMs as cpuMsOf, percentile, round, sleep } from './stats.ts';
import { DEFAULT_SETTINGS } from '../engine/runtime/runtime-environment.ts';
import { COUNTY, LEAD, PERMIT_DEPARTMENTS, type BenchApp } from './world.ts';

export interface TimersOptions extends InFlightOptions {
  /** Distinct in-flight cases the restarted node runs a command on before its RSS is read. */
  touchCases: number;
  /** Give up waiting for the burst after this long (unfired timers count as this late). */
  burstTimeoutSeconds: number;
  /** The platform's sweep period (LIANSHEN_SWEEP_SECONDS default). */
  sweepSeconds: number;
  /** How long before the burst's due instant the firing node starts (it claims jobs up to 5 s ahead). */
  leadMs?: number;
}

export interface TimersResult {
  world: Omit<InFlightWorld, 'caseIds'> & { cases: number; accepted: number; burstCases: number };
  restart: { listeningMs: number; firstCommandMs: number; firstCommandOnlyMs: number; nextCommandsMs: { p50: number; p99: number } };
  memory: {
    cases: number; touchedCases: number; rssAfterReadyMiB: number; rssMiB: number; peakMiB: number;
    /** Distinct cases accepted (engine rebuilt) before `rssMiB` was read; RSS after the 签收 alone. */
    acceptedCases: number; rssAfterSignsMiB: number;
    /** The node's engine cache budget (LIANSHEN_ENGINE_CACHE_MB or the runtime default). */
    engineCacheMB: number;
  };
  burst: {
    timers: number;
    fired: number;
    unfired: number;
    /** Committed by a wake prepared before the instant, by an ordinary agenda wake, by the sweep. */
    byPrepared: number;
    /** Cases whose prepared wake was staged (written uncommitted) before the instant. */
    stagedCases: number;
    byAgenda: number;
    bySweep: number;
    /** CPU spent from the firing node's start until the instant (preparing the wakes), per fired timer. */
    aheadCpu?: { nodeMsPerFire: number; postgresMsPerFire: number | null; seconds: number };
    /** Wall time from the due instant until the last burst timer was committed, s. */
    drainSeconds: number;
    latenessMs: { p50: number; p90: number; p99: number; max: number };
    firesPerSecond: number;
    /**
     * CPU per fired timer from the due instant to the last commit: the firing process (one Node
     * process: the bench's, which runs nothing else meanwhile) and PostgreSQL; the machine's
     * other load in cores. `floorSeconds`: the shortest drain this work allows on this machine's
     * cores (all CPU spread perfectly), and on one Node process (its share alone).
     */
    cpu?: { nodeMsPerFire: number; postgresMsPerFire: number; otherCores: number; floorSeconds: { machine: number; oneProcess: number }; cores: number };
    /** PostgreSQL's execution time by statement, from the firing node's start to the last commit. */
    statements?: StatementStats;
  };
}

/** The node inherits the bench's environment: its engine cache budget is this one. */
const ENGINE_CACHE_MB = process.env.LIANSHEN_ENGINE_CACHE_MB ? Number(process.env.LIANSHEN_ENGINE_CACHE_MB) : DEFAULT_SETTINGS.engineCacheMB;

export async function measureTimers(app: BenchApp, options: TimersOptions, log: (line: string) => void): Promise<TimersResult> {
  log(`  building ${options.cases} in-flight cases (${options.accepted} accepted, ${options.burstCases} in the burst cohort) …`);
  const world = await buildInFlightWorld(app, options);
  log(`  ${world.pendingTimers} pending timers (${world.agendaJobs} agenda jobs), ${world.burstTimers} due at ${world.burstAt.toISOString()}; built in ${world.buildSeconds} s`);
  const { restart, memory } = await measureRestart(app, world, options, log);
  const burst = await measureBurst(app, world, options, log);
  const { caseIds, ...rest } = world;
  return { world: { ...rest, cases: options.cases, accepted: options.accepted, burstCases: options.burstCases }, restart, memory, burst };
}

/** Open review tasks of 990121's departments (the bench has users there) on non-burst accepted cases, one per case. */
async function signableTasks(app: BenchApp, caseIds: string[], limit: number): Promise<Array<{ id: string; departmentId: string }>> {
  const { rows } = await app.pool.query<{ id: string; department_id: string }>(
    `SELECT DISTINCT ON (case_id) id, department_id FROM tasks
      WHERE case_id = ANY($1::uuid[]) AND status = 'open' AND department_id = ANY($2) ORDER BY case_id, md5(id::text)`,
    [caseIds, [...PERMIT_DEPARTMENTS]]);
  // A random sample of cases, the same every run.
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit).map((r) => ({ id: r.id, departmentId: r.department_id }));
}

async function measureRestart(app: BenchApp, world: InFlightWorld, options: TimersOptions, log: (line: string) => void) {
  const tasks = await signableTasks(app, world.caseIds.accepted, options.touchCases + 1);
  if (tasks.length < 2) throw new Error('no signable in-flight tasks for the restart measurement');
  // Sessions of the bench's users were opened in case time (March 2026) and are expired by the
  // node's wall clock: the node's users sign in on it, as staff would after a restart.
  const password = 'bench only: timers';
  const store = new UserStore(app.pool);
  const passwordHash = await hashPassword(password);
  const username = (d: string) => `timers-${d.replace(':', '-')}`;
  for (const d of PERMIT_DEPARTMENTS) {
    if (!(await app.pool.query('SELECT 1 FROM users WHERE username = $1', [username(d)])).rowCount) {
      await store.create({ id: `u-${username(d)}`, username: username(d), passwordHash, displayName: username(d), role: d === LEAD ? 'lead' : 'reviewer', regionCode: d.split(':')[0]!, departmentId: d });
    }
  }
  if (!(await app.pool.query(`SELECT 1 FROM users WHERE username = 'timers-window'`)).rowCount) {
    await store.create({ id: 'u-timers-window', username: 'timers-window', passwordHash, displayName: 'timers-window', role: 'window', regionCode: COUNTY, departmentId: null });
  }
  // Cases of 990121 waiting for acceptance (the window user's county), a sample the same every run.
  const waiting = (await app.pool.query<{ id: string }>(
    'SELECT id FROM cases WHERE id = ANY($1::uuid[]) AND region_code = $2 ORDER BY md5(id::text) LIMIT $3', [world.caseIds.applied, COUNTY, options.touchCases])).rows.map((r) => r.id);
  const tokens = new Map<string, string>();
  const accept = async (client: JsonClient, caseId: string) => {
    let token = tokens.get('window');
    if (!token) {
      token = expectStatus(await client.post<{ token: string }>('/api/auth/login', { username: 'timers-window', password, client: 'bearer' }), 200, 'login').token;
      tokens.set('window', token);
    }
    expectStatus(await client.post(`/api/cases/${caseId}/accept`, {}, token), 200, `accept ${caseId}`);
  };
  const sign = async (client: JsonClient, task: { id: string; departmentId: string }) => {
    let token = tokens.get(task.departmentId);
    if (!token) {
      token = expectStatus(await client.post<{ token: string }>('/api/auth/login', { username: username(task.departmentId), password, client: 'bearer' }), 200, 'login').token;
      tokens.set(task.departmentId, token);
    }
    expectStatus(await client.post(`/api/tasks/${task.id}/sign`, {}, token), 200, `sign ${task.id}`);
  };
  log('  restart: starting a production node (npm start) on this database …');
  // The bench's deadlines are in March 2026 (case time): the node's sweep would fire them all
  // by the wall clock, so it is kept from running while the node is measured.
  const node = await startAppNode(app.url, { LIANSHEN_SWEEP_SECONDS: '3600' });
  try {
    const client = new JsonClient(node.baseUrl, 16);
    const before = performance.now();
    // Ready: a department signs in and signs for a task of a random in-flight case.
    await sign(client, tasks[0]!);
    const firstCommandMs = performance.now() - node.spawnedAt;
    const firstCommandOnlyMs = performance.now() - before;
    const rssAfterReady = await node.memory();
    log(`  listening after ${round(node.listeningMs)} ms, first command answered ${round(firstCommandMs)} ms after spawn; RSS ${rssAfterReady.rssMiB} MiB`);
    const latencies: number[] = [];
    await inParallel(tasks.length - 1, 8, async (i) => {
      const started = performance.now();
      await sign(client, tasks[i + 1]!);
      latencies.push(performance.now() - started);
    });
    const afterSigns = await node.memory();
    log(`  after 签收 on ${tasks.length} distinct cases: RSS ${afterSigns.rssMiB} MiB (peak ${afterSigns.peakMiB})`);
    await inParallel(waiting.length, 8, (i) => accept(client, waiting[i]!));
    const mem = await node.memory();
    client.close();
    log(`  after 受理 of ${waiting.length} more distinct cases (engine cache ${ENGINE_CACHE_MB} MB): RSS ${mem.rssMiB} MiB (peak ${mem.peakMiB})`);
    return {
      restart: {
        listeningMs: round(node.listeningMs), firstCommandMs: round(firstCommandMs), firstCommandOnlyMs: round(firstCommandOnlyMs),
        nextCommandsMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      },
      memory: {
        cases: options.cases, touchedCases: tasks.length, acceptedCases: waiting.length, engineCacheMB: ENGINE_CACHE_MB,
        rssAfterReadyMiB: rssAfterReady.rssMiB, rssAfterSignsMiB: afterSigns.rssMiB, rssMiB: mem.rssMiB, peakMiB: mem.peakMiB,
      },
    };
  } finally {
    await node.stop();
  }
}

export async function measureBurst(app: BenchApp, world: InFlightWorld, options: TimersOptions, log: (line: string) => void): Promise<TimersResult['burst']> {
  const clock = new ShiftedClock();
  const leadMs = options.leadMs ?? 3000;
  clock.setNow(new Date(world.burstAt.getTime() - leadMs));
  const allCases = [...world.caseIds.burst, ...world.caseIds.accepted, ...world.caseIds.applied];
  await alignAgendaJobs(app, clock, allCases);
  const dueWall = clock.toWall(world.burstAt).getTime();

  // As api/platform.ts: the runtime schedules through agenda, agenda wakes the runtime, a sweep backs it up.
  let scheduler: AgendaTimerScheduler | undefined;
  const proxy: TimerScheduler = lateBoundScheduler(() => scheduler!);
  const runtime = app.newRuntime({ clock, scheduler: proxy });
  // Counted from before the firing node starts: its claims ahead of the instant are the burst's too.
  const statementMeter = new StatementMeter(app.pool);
  await statementMeter.start();
  const committed = new Map<string, { at: number; via: 'prepared' | 'agenda' | 'sweep' }>();
  // Counted as they commit: this process is the one being measured (the bench's own code, a scan
  // of all 10,000 keys a few times a second the largest part of it, was 6% of its CPU in a profile
  // of the burst).
  const wantedKeys = new Set<string>();
  let firedWanted = 0;
  const record = (via: 'prepared' | 'agenda' | 'sweep', caseId: string, keys: readonly string[], outcomes: readonly FireResult[]) => {
    const at = Date.now();
    keys.forEach((key, i) => {
      if (outcomes[i] !== 'fired') return;
      const k = `${caseId}|${key}`;
      if (!committed.has(k) && wantedKeys.has(k)) firedWanted += 1;
      committed.set(k, { at, via });
    });
  };
  const fire = runtime.fireTimers.bind(runtime);
  const fireVia = (via: 'agenda' | 'sweep') => async (caseId: string, keys: readonly string[]) => {
    const outcomes = await fire(caseId, keys);
    record(via, caseId, keys, outcomes);
    return outcomes;
  };
  // runDueTimers calls this.fireTimers: what it fires is the sweep's.
  runtime.fireTimers = fireVia('sweep');
  const wakeAgenda = fireVia('agenda');
  let staged = 0;
  const prepare = async (caseId: string, keys: string[]) => {
    const prepared = await runtime.prepareTimers(caseId, keys);
    return prepared && {
      stage: async () => {
        const done = await prepared.stage();
        if (done) staged += 1;
        return done;
      },
      abandon: () => prepared.abandon(),
      commit: async () => {
        const outcomes = await prepared.commit();
        if (outcomes) record('prepared', caseId, keys, outcomes);
        return outcomes;
      },
    };
  };
  const nodeStarted = { node: process.cpuUsage(), pg: undefined as number | undefined };
  scheduler = await AgendaTimerScheduler.start({ connectionString: app.url, wake: (caseId, keys) => wakeAgenda(caseId, keys), prepare });
  let sweeping: Promise<unknown> | undefined;
  const sweep = setInterval(() => {
    sweeping ??= runtime.runDueTimers(1000, { overdueByMs: scheduler!.claimPeriodMs })
      .catch((error) => log(`  timer sweep failed: ${String(error)}`)).finally(() => { sweeping = undefined; });
  }, options.sweepSeconds * 1000);

  const burstKeys = await app.pool.query<{ case_id: string; key: string }>(
    `SELECT case_id, key FROM case_timers WHERE due_at = $1 AND fired_at IS NULL AND cancelled_at IS NULL AND case_id = ANY($2::uuid[])`, [world.burstAt, allCases]);
  const wanted = burstKeys.rows.map((r) => `${r.case_id}|${r.key}`);
  for (const k of wanted) {
    wantedKeys.add(k);
    if (committed.has(k)) firedWanted += 1;
  }
  log(`  burst: ${wanted.length} timers fall due in ${leadMs / 1000} s; agenda (claims every ${scheduler.claimPeriodMs / 1000} s and up to ${PREPARE_AHEAD_MS / 1000} s ahead, prepares each case's wake before the instant, one per case) + sweep (every ${options.sweepSeconds} s) …`);
  const giveUp = dueWall + options.burstTimeoutSeconds * 1000;
  const pgCpu = new PostgresCpuMeter((await app.pool.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory);
  nodeStarted.pg = pgCpu.read();
  // CPU is counted from the due instant (claiming ahead and waiting cost next to nothing).
  await sleep(Math.max(0, dueWall - Date.now()));
  const cpuAtDue = { node: process.cpuUsage(), pg: pgCpu.read(), machine: machineBusyMs(), at: performance.now() };
  // What was done before the instant (preparing the wakes, claiming): work moved ahead of it.
  const aheadNodeMs = cpuMsOf(nodeStarted.node);
  const aheadPgMs = cpuAtDue.pg !== undefined && nodeStarted.pg !== undefined ? cpuAtDue.pg - nodeStarted.pg : undefined;
  let lastReport = Date.now();
  for (;;) {
    const done = firedWanted;
    if (done === wanted.length || Date.now() > giveUp) break;
    if (Date.now() - lastReport > 15_000) {
      log(`    ${done}/${wanted.length} fired, ${round((Date.now() - dueWall) / 1000, 1)} s after the due instant`);
      lastReport = Date.now();
    }
    await sleep(250);
  }
  const nodeCpu = process.cpuUsage(cpuAtDue.node);
  const cpuAfter = { pg: pgCpu.read(), machine: machineBusyMs(), at: performance.now() };
  const statements = await statementMeter.stop();
  clearInterval(sweep);
  await scheduler.stop();
  await sweeping;

  const lateness: number[] = [];
  let byPrepared = 0;
  let byAgenda = 0;
  let bySweep = 0;
  let last = dueWall;
  for (const key of wanted) {
    const c = committed.get(key);
    if (!c) continue;
    lateness.push(c.at - dueWall);
    last = Math.max(last, c.at);
    if (c.via === 'prepared') byPrepared += 1;
    else if (c.via === 'agenda') byAgenda += 1;
    else bySweep += 1;
  }
  const unfired = wanted.length - lateness.length;
  // A timer still waiting when the bench gave up is at least that late.
  const censored = [...lateness, ...Array.from({ length: unfired }, () => giveUp - dueWall)];
  const drainSeconds = (last - dueWall) / 1000;
  const fired = Math.max(1, lateness.length);
  const nodeMs = (nodeCpu.user + nodeCpu.system) / 1000;
  const pgMs = cpuAtDue.pg !== undefined && cpuAfter.pg !== undefined ? cpuAfter.pg - cpuAtDue.pg : undefined;
  const cores = os.availableParallelism();
  const cpu = pgMs === undefined ? undefined : {
    nodeMsPerFire: round(nodeMs / fired, 2), postgresMsPerFire: round(pgMs / fired, 2),
    otherCores: cpuAtDue.machine !== undefined && cpuAfter.machine !== undefined
      ? round(Math.max(0, cpuAfter.machine - cpuAtDue.machine - nodeMs - pgMs) / (cpuAfter.at - cpuAtDue.at), 2) : 0,
    floorSeconds: { machine: round((nodeMs + pgMs) / cores / 1000, 1), oneProcess: round(nodeMs / 1000, 1) },
    cores,
  };
  return {
    timers: wanted.length, fired: lateness.length, unfired, byPrepared, stagedCases: staged, byAgenda, bySweep, drainSeconds: round(drainSeconds, 2),
    aheadCpu: {
      nodeMsPerFire: round(aheadNodeMs / fired, 2), postgresMsPerFire: aheadPgMs === undefined ? null : round(aheadPgMs / fired, 2),
      seconds: round(leadMs / 1000, 1),
    },
    latenessMs: { p50: round(percentile(censored, 50)), p90: round(percentile(censored, 90)), p99: round(percentile(censored, 99)), max: round(Math.max(...censored)) },
    firesPerSecond: round(lateness.length / Math.max(0.001, drainSeconds), 1),
    cpu,
    statements,
  };
}
