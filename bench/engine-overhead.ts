/**
 * Figure 3: engine overhead. The same case of the bench's ten-department construction permit
 * (review-item.ts) — start, accept, the ten parallel joint-review instances, the meeting, the
 * permit, end — executed
 *   (a) by bare bpmn-engine in memory (built as engine-host/build-engine.ts builds it, same
 *       variables, but with bpmn-elements' dead-path elimination on every flow, as plain
 *       bpmn-engine does), no persistence, running the file as written: the joint review is a
 *       parallel multi-instance task and each instance is signalled as its department's opinion
 *       comes (ten signals, the last one joins) — what a team using bpmn-engine directly would run;
 *   (a') the same as the runtime runs the file: its engine form (engine-context.ts: the loop left
 *       out, the round one wait signalled once) with discards ended where no join follows
 *       (dead-paths.ts): the engine's share of our own runtime's work;
 *   (b) the same plus what persistence costs in memory: engine.getState() + JSON.stringify after
 *       every signal;
 *   (c) through our Runtime on PostgreSQL (25 commands: the engine steps plus 10 sign-fors and
 *       scheduling the meeting), live engines cached as in production, on the engine form (a'):
 *       the nine opinions before the round's last store their rows and close their tasks
 *       without touching the engine, and the last one signals the round's one wait (会签 joins
 *       there), so the state is saved once for the round;
 *   (d) as (c) with every command missing the engine cache, as happens when departments answer
 *       days apart on a busy node: each command that needs the engine rebuilds it from the stored
 *       state (签收 and the opinions before the round's last need none).
 * CPU time is this process's (process.cpuUsage: user + system); PostgreSQL's own CPU is given apart.
 */
import { EventEmitter } from 'node:events';
import { authoredContext, parseDefinition } from '../engine/definitions/compile-definition.ts';
import type { ActivityApi, Execution } from 'bpmn-engine';
import { prepareCase } from '../engine/cases/prepare-case.ts';
import { newEngine } from '../engine/engine-host/build-engine.ts';
import { LiveEngine } from '../engine/engine-host/live-engine.ts';
import type { CommandResult } from '../engine/runtime/command-result.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import { runtimeCaseSteps } from './journeys.ts';
import { cpuMs, round } from './stats.ts';
import { REVIEW_ITEM, reviewItemXml } from './review-item.ts';
import { COUNTY, DEPARTMENTS, type BenchApp, type PostgresServer } from './world.ts';

export interface EngineOverheadOptions {
  bareCases: number;
  runtimeCases: number;
  warmupCases: number;
  /** Alternating measurement rounds (default 4). */
  rounds?: number;
}

export interface EngineOverheadResult {
  /** Bare bpmn-engine on the file as written (ten review instances): the ratio's reference. */
  bareCpuMsPerCase: number;
  /** The joint review's instances (departments) per case. */
  reviewInstances: number;
  /** Bare bpmn-engine on the runtime's engine form (the round one wait). */
  bareEngineFormCpuMsPerCase: number;
  bareWithStateCpuMsPerCase: number;
  runtimeCpuMsPerCase: number;
  runtimeColdCpuMsPerCase: number;
  /** PostgreSQL server CPU per runtime case (ms), for scale; not part of the ratio. */
  runtimePostgresCpuMsPerCase: number | null;
  ratio: number;
  /** Runtime ÷ bare on the engine form: what the runtime adds to the engine work it asks for. */
  ratioEngineForm: number;
  ratioCold: number;
  /** Node CPU per runtime command kind (ms per command, warm cache). */
  runtimeCpuMsPerCommand: Record<string, number>;
  commandsPerCase: number;
  engineSignalsPerCase: number;
  engineFormSignalsPerCase: number;
  /** Bare engine CPU of the review round alone on the engine form (its signal up to the meeting), per case: the opinion load's engine work. */
  bareRoundCpuMsPerCase: number;
  /** CPU of rebuilding an engine in joint review from its stored state (LiveEngine.restore). */
  rebuildCpuMs: number;
  cases: { bare: number; runtime: number; runtimeCold: number };
}

function setVariable(execution: Execution, name: string, value: unknown): void {
  for (const definition of execution.definitions) {
    for (const process of definition.getRunningProcesses()) process.environment.variables[name] = value;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One case on bare bpmn-engine; with `persist`, getState() + JSON after every engine step. Also
 * the CPU of its review round alone (the ten signals, up to the meeting waiting): the engine's
 * part of the opinion load.
 */
async function bareCase(name: string, form: BareForm, variables: Record<string, unknown>, persist: boolean): Promise<{ signals: number; roundMs: number }> {
  const { definitionId, sourceContext, reviewWaits } = form;
  const engine = newEngine(name, definitionId, sourceContext, { everyDeadPath: form.everyDeadPath });
  const waits: Array<{ id: string; executionId: string }> = [];
  const listener = new EventEmitter();
  listener.on('wait', (api: ActivityApi) => {
    if (api.type === 'bpmn:UserTask') waits.push({ id: api.id, executionId: api.executionId });
  });
  let ended = false;
  engine.once('end', () => { ended = true; });
  let signals = 0;
  const execution = await engine.execute({ listener, variables: structuredClone(variables) });
  const snapshot = async () => {
    if (persist) JSON.stringify(await engine.getState());
  };
  await snapshot();
  const take = async (elementId: string, count: number) => {
    for (let turn = 0; waits.filter((w) => w.id === elementId).length < count; turn += 1) {
      if (turn > 1000) throw new Error(`bare engine: ${elementId} never waited`);
      await nextTurn();
    }
    const found = waits.filter((w) => w.id === elementId);
    waits.splice(0, waits.length, ...waits.filter((w) => w.id !== elementId));
    return found;
  };
  const complete = async (wait: { id: string; executionId: string }, flags: Record<string, boolean> | null) => {
    if (flags) setVariable(execution, wait.id, flags);
    execution.signal({ id: wait.id, executionId: wait.executionId, outcome: flags });
    signals += 1;
    await snapshot();
  };
  await complete((await take('accept', 1))[0]!, { accepted: true, refused: false });
  const reviews = await take('jointReview', reviewWaits);
  const round = process.cpuUsage();
  for (const [i, review] of reviews.entries()) {
    await complete(review, i === reviews.length - 1 ? { approved: true, rejected: false, supplement: false } : null);
  }
  const meeting = (await take('jointMeeting', 1))[0]!;
  const roundMs = cpuMs(round);
  await complete(meeting, { approved: true, rejected: false });
  await complete((await take('issuePermit', 1))[0]!, { approved: true, returned: false, reopen: false });
  for (let turn = 0; !ended; turn += 1) {
    if (turn > 1000) throw new Error('bare engine: the process never ended');
    await nextTurn();
  }
  return { signals, roundMs };
}

/** A form of the permit's file for the bare engine, and how many waits its joint review makes. */
interface BareForm {
  definitionId: number;
  sourceContext: unknown;
  reviewWaits: number;
  /** bpmn-elements' dead-path elimination on every flow, as plain bpmn-engine runs (engine-host/dead-paths.ts). */
  everyDeadPath: boolean;
}

/**
 * CPU of rebuilding a case's engine in joint review from its stored state (recover + resume, as
 * LiveEngine.restore does), what a joining opinion pays first when its case is not cached.
 */
async function rebuildMs(definitionId: number, sourceContext: unknown, variables: Record<string, unknown>, rebuilds: number): Promise<number> {
  const live = await LiveEngine.start('rebuild', definitionId, sourceContext, structuredClone(variables));
  const waiting = async (elementId: string, count: number) => {
    for (let turn = 0; live.waitingExecutions(elementId).length < count; turn += 1) {
      if (turn > 1000) throw new Error(`rebuild: ${elementId} never waited`);
      await nextTurn();
    }
    return live.waitingExecutions(elementId);
  };
  const [accept] = await waiting('accept', 1);
  live.setVariable('accept', { accepted: true, refused: false });
  live.signal('accept', accept!, { outcome: { accepted: true, refused: false } });
  await waiting('jointReview', 1);
  const state = JSON.parse(JSON.stringify(await live.state()));
  const restoreMs = async () => {
    const copy = structuredClone(state); // restoring consumes the state it is given
    const cpu = process.cpuUsage();
    const restored = await LiveEngine.restore('rebuild', definitionId, sourceContext, copy);
    const ms = cpuMs(cpu);
    if (restored.waitingExecutions('jointReview').length !== 1) throw new Error('rebuild: the review round did not come back');
    return ms;
  };
  for (let i = 0; i < Math.min(20, rebuilds); i += 1) await restoreMs();
  let ms = 0;
  for (let i = 0; i < rebuilds; i += 1) ms += await restoreMs();
  return ms / rebuilds;
}

/** Run cases of `runtime` with their steps interleaved `width` at a time (with a cache of size 0, every command misses). */
async function interleavedCases(runtime: Runtime, count: number, width: number, perStep?: (name: string, ms: number) => void): Promise<number> {
  let commands = 0;
  for (let done = 0; done < count; done += width) {
    const group = Array.from({ length: Math.min(width, count - done) }, (_, i) => ({ steps: runtimeCaseSteps(runtime, `u-ent-${(done + i) % 16}`), last: undefined as CommandResult | undefined }));
    const length = group[0]!.steps.length;
    for (let s = 0; s < length; s += 1) {
      for (const c of group) {
        const step = c.steps[s]!;
        const cpu = process.cpuUsage();
        c.last = await step.run(c.last);
        perStep?.(step.name, cpuMs(cpu));
        commands += 1;
      }
    }
  }
  return commands;
}

export async function measureEngineOverhead(app: BenchApp, pgServer: PostgresServer, options: EngineOverheadOptions): Promise<EngineOverheadResult> {
  const { definition, variables } = await prepareCase(app.runtime.env, { itemCode: REVIEW_ITEM, regionCode: COUNTY, applicantId: 'u-ent-0' });

  const xml = await reviewItemXml();
  // A negative id: build-engine.ts keeps one deserialized context per definition id.
  const asWritten: BareForm = { definitionId: -definition.id, sourceContext: authoredContext(await parseDefinition(xml)), reviewWaits: DEPARTMENTS.length, everyDeadPath: true };
  const engineForm: BareForm = { definitionId: definition.id, sourceContext: definition.sourceContext, reviewWaits: 1, everyDeadPath: false };
  const bareRun = async (prefix: string, cases: number, persist: boolean, form = asWritten) => {
    let signals = 0;
    let roundMs = 0;
    for (let i = 0; i < cases; i += 1) {
      const one = await bareCase(`${prefix}-${i}`, form, variables, persist);
      signals = one.signals;
      roundMs += one.roundMs;
    }
    return { signals, roundMs };
  };
  // Warm runtime: one case after another, each case's engine stays cached between its commands.
  const runtime = app.newRuntime();
  // Both sides warm up on the same number of cases, long enough for V8 to have optimised their
  // code: after only a dozen runtime cases, compiling on V8's helper threads still cost ≈ 6 ms
  // CPU per case (measured with --trace-opt), which is start-up, not the runtime's steady cost.
  await bareRun('warm', options.warmupCases, false);
  await bareRun('warm-state', options.warmupCases, true);
  await bareRun('warm-form', options.warmupCases, false, engineForm);
  await interleavedCases(runtime, options.warmupCases, 1);

  // Measured in alternating rounds, so that drift on a noisy machine (another process, a major
  // GC's timing) falls on both sides alike; each side's figure is its total over the rounds.
  const rounds = Math.max(1, Math.min(options.rounds ?? 4, options.runtimeCases, options.bareCases));
  const share = (total: number, r: number) => Math.floor((total * (r + 1)) / rounds) - Math.floor((total * r) / rounds);
  const perKind = new Map<string, { ms: number; n: number }>();
  let plainMs = 0;
  let formMs = 0;
  let formSignals = 0;
  let bareRoundMs = 0;
  let stateMs = 0;
  let runtimeMs = 0;
  let pgMs: number | undefined = 0;
  let signals = 0;
  let commands = 0;
  for (let r = 0; r < rounds; r += 1) {
    let cpu = process.cpuUsage();
    const plain = await bareRun(`bare-${r}`, share(options.bareCases, r), false);
    plainMs += cpuMs(cpu);
    signals = plain.signals;
    cpu = process.cpuUsage();
    const form = await bareRun(`bare-form-${r}`, share(options.bareCases, r), false, engineForm);
    formMs += cpuMs(cpu);
    formSignals = form.signals;
    bareRoundMs += form.roundMs;
    cpu = process.cpuUsage();
    await bareRun(`bare-state-${r}`, share(options.bareCases, r), true);
    stateMs += cpuMs(cpu);
    const pgStart = pgServer.cpu.read();
    cpu = process.cpuUsage();
    commands += await interleavedCases(runtime, share(options.runtimeCases, r), 1, (name, ms) => {
      const k = perKind.get(name) ?? { ms: 0, n: 0 };
      perKind.set(name, { ms: k.ms + ms, n: k.n + 1 });
    });
    runtimeMs += cpuMs(cpu);
    const pgEnd = pgServer.cpu.read();
    pgMs = pgMs !== undefined && pgStart !== undefined && pgEnd !== undefined ? pgMs + pgEnd - pgStart : undefined;
  }
  const plainPerCase = plainMs / options.bareCases;
  const formPerCase = formMs / options.bareCases;
  const rebuild = await rebuildMs(definition.id, definition.sourceContext, variables, Math.max(5, Math.ceil(options.bareCases / 4)));
  const runtimePerCase = runtimeMs / options.runtimeCases;

  // Cold: no engine kept, two cases in step, so every command rebuilds the engine it needs.
  const cold = app.newRuntime({ settings: { engineCacheSize: 0 } });
  await interleavedCases(cold, 2, 2);
  const reusedBefore = cold.engineStats.reused;
  const coldCpu = process.cpuUsage();
  const coldCases = Math.max(2, Math.ceil(options.runtimeCases / 4) * 2);
  await interleavedCases(cold, coldCases, 2);
  const coldMs = cpuMs(coldCpu) / coldCases;
  if (cold.engineStats.reused !== reusedBefore) throw new Error('cold runtime: commands found their engine cached');

  return {
    bareCpuMsPerCase: round(plainPerCase, 3),
    reviewInstances: DEPARTMENTS.length,
    bareEngineFormCpuMsPerCase: round(formPerCase, 3),
    bareWithStateCpuMsPerCase: round(stateMs / options.bareCases, 3),
    runtimeCpuMsPerCase: round(runtimePerCase, 2),
    runtimeColdCpuMsPerCase: round(coldMs, 2),
    runtimePostgresCpuMsPerCase: pgMs !== undefined ? round(pgMs / options.runtimeCases, 2) : null,
    ratio: round(runtimePerCase / plainPerCase, 2),
    ratioEngineForm: round(runtimePerCase / formPerCase, 2),
    ratioCold: round(coldMs / plainPerCase, 1),
    runtimeCpuMsPerCommand: Object.fromEntries([...perKind.entries()].map(([k, v]) => [k, round(v.ms / v.n, 3)])),
    commandsPerCase: commands / options.runtimeCases,
    engineSignalsPerCase: signals,
    engineFormSignalsPerCase: formSignals,
    bareRoundCpuMsPerCase: round(bareRoundMs / options.bareCases, 3),
    rebuildCpuMs: round(rebuild, 3),
    cases: { bare: options.bareCases, runtime: options.runtimeCases, runtimeCold: coldCases },
  };
}
