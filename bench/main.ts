/**
 * `npm run bench`: measures, in one run on one machine, each figure of issue 8 beside its
 * reference and target, and writes bench/results/<date>.json and bench/results/latest.md.
 * `npm run bench:smoke` (CI) runs everything with tiny sizes only to prove the bench works and
 * writes bench/results/smoke-<date>.json (git-ignored).
 *
 * Options: --concurrency N (16), --cases N (400 cases = 3,200 timed opinions), --pg-seconds S (15),
 * --engine-cases N (100), --profile-cases N (300), --no-profile, --seed N,
 * --open-cases N (10,000 in-flight cases for timers and memory), --history-cases N (1,000,000),
 * --query-requests N (1,000 per query), --workers 1,2 (LIANSHEN_WORKERS of the `npm start` runs),
 * --only opinions,workers,timers,scale (sections to run; default all; `workers` = the HTTP opinions
 * against `npm start` with each --workers count, back to back).
 * Environment, for experiments on the spawned `npm start` nodes: LIANSHEN_BENCH_NODE_FLAGS (extra
 * Node/V8 flags, e.g. `--trace-gc`), LIANSHEN_BENCH_NODE_LOG (a file that receives their output).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBareHttp } from './bare-http.ts';
import { measureEngineOverhead } from './engine-overhead.ts';
import { measureHttpOpinions, measureHttpOpinionsOnNode, oneOpinionExchange, type NodeOpinionsResult } from './http-opinions.ts';
import { describeMachine, waitForQuietMachine } from './machine.ts';
import { measurePgTps } from './pg-tps.ts';
import { StatementMeter } from './pg-statements.ts';
import { WalMeter } from './pg-wal.ts';
import { figuresOf, figuresTable, machineLine, markdown, nodeDetails, nodeFigures, noiseWarnings, type BenchResults } from './report.ts';
import { measureRoundTrips } from './round-trips.ts';
import { measureScaleSections, SCALE_SECTIONS, scaleFigures, scaleMarkdown } from './scale-sections.ts';
import { round } from './stats.ts';
import { DEPARTMENTS, startApp, startPostgres } from './world.ts';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    cases: { type: 'string' },
    'pg-seconds': { type: 'string' },
    'engine-cases': { type: 'string' },
    'profile-cases': { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    seed: { type: 'string' },
    only: { type: 'string' },
    'open-cases': { type: 'string' },
    'history-cases': { type: 'string' },
    'query-requests': { type: 'string' },
    workers: { type: 'string' },
  },
  strict: true,
});

const smoke = args.smoke!;
const int = (value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${value}`);
  return n;
};
const concurrency = int(args.concurrency, 16);
const options = {
  concurrency,
  cases: int(args.cases, smoke ? 4 : 400),
  warmupCases: smoke ? 1 : 50,
  pgSeconds: int(args['pg-seconds'], smoke ? 1 : 15),
  pgScale: smoke ? 0.1 : 1,
  engineCases: int(args["engine-cases"], smoke ? 3 : 200),
  bareCases: smoke ? 5 : 400,
  bareRequests: smoke ? 300 : 20_000,
  profileCases: args['no-profile'] ? 0 : int(args['profile-cases'], smoke ? 2 : 300),
  seed: int(args.seed, 8),
  openCases: int(args['open-cases'], smoke ? 60 : 10_000),
  historyCases: int(args['history-cases'], smoke ? 500 : 1_000_000),
  queryRequests: int(args['query-requests'], smoke ? 20 : 1000),
  workers: (args.workers ?? '1,2').split(',').map((w) => int(w.trim(), 1)),
};
const sections = new Set((args.only ?? ['opinions', 'workers', ...SCALE_SECTIONS].join(',')).split(',').map((s) => s.trim()));
for (const s of sections) if (s !== 'opinions' && s !== 'workers' && !(SCALE_SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}" (opinions, workers, ${SCALE_SECTIONS.join(', ')})`);

const log = (line: string) => console.log(`[bench ${round(performance.now() / 1000, 1)}s] ${line}`);

async function main(): Promise<number> {
  const started = performance.now();
  const date = new Date().toISOString().slice(0, 10);
  await mkdir(RESULTS_DIR, { recursive: true });
  const name = smoke ? `smoke-${date}` : date;
  log(`${smoke ? 'SMOKE run (tiny sizes)' : 'full run'}: ${JSON.stringify(options)}`);
  const pgServer = await startPostgres();
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    app = await startApp(pgServer, concurrency);
    const machine = await describeMachine(app.pool);
    log(`machine: ${machineLine(machine)}`);
    // Before each timed phase: flush dirty pages (no checkpoint lands in the window) and, in a
    // full run, wait for other programs on the machine to finish.
    const settle = async () => {
      await app!.pool.query('CHECKPOINT');
      if (!smoke) await waitForQuietMachine(log);
    };
    const scaleOptions = { openCases: options.openCases, historyCases: options.historyCases, queryRequests: options.queryRequests, smoke };
    // The same opinions against `npm start` for each worker count, back to back (same conditions).
    const nodeRuns = async (): Promise<NodeOpinionsResult[]> => {
      const runs: NodeOpinionsResult[] = [];
      if (!sections.has('workers')) return runs;
      for (const workers of options.workers) {
        log(`HTTP opinions against npm start with LIANSHEN_WORKERS=${workers}: preparing ${options.cases + options.warmupCases} cases, then ${options.cases * DEPARTMENTS.length} timed opinions from ${concurrency} clients …`);
        const run = await measureHttpOpinionsOnNode(app!, pgServer, { cases: options.cases, warmupCases: options.warmupCases, concurrency, seed: options.seed, workers }, { settle });
        log(`  ${run.opinionsPerSecond} opinions/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms (${run.failed} failed); cores ${JSON.stringify(run.cores)}; cpu per opinion ${JSON.stringify(run.cpuPerOpinionMs)}`);
        if (run.failed > 0) throw new Error(`opinions against npm start failed: ${run.failures.join('\n')}`);
        runs.push(run);
      }
      return runs;
    };

    if (!sections.has('opinions')) {
      // Only some sections: their own results file, so a partial run never replaces a full one.
      const nodeOpinions = await nodeRuns();
      const scale = await measureScaleSections(app, scaleOptions, sections, log, settle);
      const figures = [...nodeFigures(nodeOpinions), ...scaleFigures(scale)];
      const partName = `partial-${name}-${[...sections].join('-')}`;
      const durationSeconds = round((performance.now() - started) / 1000, 1);
      await writeFile(path.join(RESULTS_DIR, `${partName}.json`), `${JSON.stringify({ date, mode: smoke ? 'smoke' : 'full', durationSeconds, options, machine, figures, nodeOpinions, scale }, null, 2)}\n`);
      await writeFile(path.join(RESULTS_DIR, `${partName}.md`), [`# Lianshen bench — ${date}, sections ${[...sections].join(', ')}`, '', `Machine: ${machineLine(machine)}.`, '', figuresTable(figures), '', ...nodeDetails(nodeOpinions), ...scaleMarkdown(scale), ''].join('\n'));
      console.log(`\n${figuresTable(figures)}\n\nMachine: ${machineLine(machine)}\n`);
      log(`wrote bench/results/${partName}.json and .md in ${durationSeconds} s`);
      return 0;
    }

    log('round trips of one whole case …');
    const roundTrips = await measureRoundTrips(app);
    log(`  Runtime: ${roundTrips.runtime.flights} round trips, ${roundTrips.runtime.statements} statements; HTTP: ${roundTrips.http.flights} / ${roundTrips.http.statements}`);

    await settle();
    log('engine overhead …');
    const engineOverhead = await measureEngineOverhead(app, pgServer, { bareCases: options.bareCases, runtimeCases: options.engineCases, warmupCases: smoke ? 2 : 400 });
    log(`  bare ${engineOverhead.bareCpuMsPerCase} ms/case, Runtime ${engineOverhead.runtimeCpuMsPerCase} ms/case: ${engineOverhead.ratio}×`);

    await settle();
    log(`PostgreSQL single-row transactions, ${concurrency} connections, ${options.pgSeconds} s …`);
    const pgTps = await measurePgTps(pgServer, { concurrency, seconds: options.pgSeconds, warmupSeconds: smoke ? 0.2 : 2, scale: options.pgScale });
    log(`  ${pgTps.transactionsPerSecond} tx/s, p99 ${pgTps.latencyMs.p99} ms; cores ${JSON.stringify(pgTps.cores)}`);

    log(`HTTP opinions: preparing ${options.cases + options.warmupCases} cases, then ${options.cases * DEPARTMENTS.length} timed opinions from ${concurrency} clients …`);
    const httpOpinions = await measureHttpOpinions(app, pgServer, { cases: options.cases, warmupCases: options.warmupCases, concurrency, seed: options.seed }, { settle, wal: new WalMeter(app.pool) });
    log(`  ${httpOpinions.opinionsPerSecond} opinions/s, p50 ${httpOpinions.latencyMs.p50} ms, p99 ${httpOpinions.latencyMs.p99} ms (${httpOpinions.failed} failed); cores ${JSON.stringify(httpOpinions.cores)}`);
    if (httpOpinions.failed > 0) throw new Error(`opinions failed: ${httpOpinions.failures.join('\n')}`);

    let profile: BenchResults['profile'];
    if (options.profileCases > 0) {
      const file = path.join(RESULTS_DIR, `${name}-http-opinions.cpuprofile`);
      log(`profiling the HTTP opinion phase again on ${options.profileCases} fresh cases (figures above are unprofiled) …`);
      const profiled = await measureHttpOpinions(app, pgServer, { cases: options.profileCases, warmupCases: smoke ? 1 : 10, concurrency, seed: options.seed + 2 },
        { profiler: { file }, sampleWaits: true, settle, statements: new StatementMeter(app.pool) });
      profile = { opinions: profiled.opinions, opinionsPerSecond: profiled.opinionsPerSecond, summary: profiled.profile!, waits: profiled.waits, statements: profiled.statements };
      log(`  ${file}`);
    }

    log(`bare HTTP exchanges (the ceiling): ${options.bareRequests} opinion requests to a node:http server with nothing of ours, ${concurrency} clients …`);
    const exchange = await oneOpinionExchange(app);
    await settle();
    const bareHttp = await measureBareHttp({ requests: options.bareRequests, concurrency, ...exchange });
    log(`  ${bareHttp.requestsPerSecond}/s; CPU per request ${JSON.stringify(bareHttp.cpuPerRequestMs)}`);

    const nodeOpinions = await nodeRuns();
    const scale = await measureScaleSections(app, scaleOptions, sections, log, settle);
    const [inProcessFigure, ...otherFigures] = figuresOf(httpOpinions, pgTps, engineOverhead, roundTrips, machine.cores, bareHttp);
    const figures = [inProcessFigure!, ...nodeFigures(nodeOpinions, httpOpinions), ...otherFigures, ...scaleFigures(scale)];
    const results: BenchResults = {
      date, mode: smoke ? 'smoke' : 'full', durationSeconds: round((performance.now() - started) / 1000, 1), options, machine, figures,
      httpOpinions, pgTps, engineOverhead, roundTrips, bareHttp, nodeOpinions, profile, scale,
    };
    const jsonFile = path.join(RESULTS_DIR, `${name}.json`);
    await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    const md = markdown(results);
    await writeFile(path.join(RESULTS_DIR, smoke ? `${name}.md` : 'latest.md'), md);
    const warnings = noiseWarnings(results).map((w) => `WARNING: ${w}\n`).join('');
    const banner = `${smoke ? 'SMOKE RUN: tiny sizes to prove the bench works; these figures mean nothing.\n\n' : ''}${warnings}`;
    console.log(`\n${banner}${figuresTable(figures)}\n\nMachine: ${machineLine(machine)}\n`);
    log(`wrote ${path.relative(process.cwd(), jsonFile)} and ${smoke ? `${name}.md` : 'latest.md'} in ${results.durationSeconds} s`);
    return 0;
  } finally {
    await app?.close().catch(() => {});
    await pgServer.stop().catch((error) => console.error('stopping PostgreSQL failed', error));
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
