/**
 * Figure 4: SQL round trips of one whole case of the bench's ten-department construction permit,
 * counted at the pg driver: once through the Runtime (the engine's own cost, what the target is
 * about) and once through the HTTP API (adds the session lookup, scope checks and the answers'
 * reads). The target counts from acceptance to completion (受理 → 办结), as issue 8 defines the
 * figure; the application's own round trips are given beside it. Nothing else runs meanwhile, so
 * every statement counted belongs to the case.
 */
import { inflateRawSync } from 'node:zlib';
import { applyAcceptSign, JOIN_STEP, reviewAndFinish, runtimeCase } from './journeys.ts';
import { QueryCounter, type CountedStep, type QueryCount } from './query-counter.ts';
import type { BenchApp } from './world.ts';

export interface StepCount extends QueryCount {
  step: string;
  /** How many commands (or requests) of this kind the case has. */
  times: number;
}

export interface RoundTripsResult {
  runtime: QueryCount & { steps: StepCount[]; commands: number; fromAcceptance: QueryCount };
  http: QueryCount & { steps: StepCount[]; requests: number };
  /** The statements of one opinion command (runtime), flights marked ▶. */
  opinionSql: string[];
  /** The statements of the last opinion (the join), flights marked ▶. */
  joinSql: string[];
  /** The statements of the first command of each kind (runtime), flights marked ▶. */
  stepSql: Record<string, string[]>;
  /** The stored engine state of a case in joint review (its one wait for the round): JSON text and stored (deflated) bytes. */
  engineState: { jsonBytes: number; storedBytes: number };
}

function byStep(steps: CountedStep[]): StepCount[] {
  const grouped = new Map<string, StepCount>();
  for (const s of steps) {
    const g = grouped.get(s.step) ?? { step: s.step, times: 0, statements: 0, flights: 0 };
    grouped.set(s.step, { step: s.step, times: g.times + 1, statements: g.statements + s.statements, flights: g.flights + s.flights });
  }
  return [...grouped.values()];
}

/** The enterprise (client index) that applies over HTTP, in the warm-up and in the counted case. */
const HTTP_ENTERPRISE = 2;

export async function measureRoundTrips(app: BenchApp): Promise<RoundTripsResult> {
  const counter = new QueryCounter();
  const runtime = app.newRuntime();
  // Warm the runtime's caches (definition, regions) as a running node has them, and over HTTP
  // the same users' sessions too: a centre's staff are signed in all day, their sessions known
  // to the node (api/auth/session-cache.ts), so a first request's session lookup is not the case's.
  await runtimeCase(runtime, 'u-ent-0');
  await reviewAndFinish(app, app.http, await applyAcceptSign(app, app.http, HTTP_ENTERPRISE));
  counter.install();
  try {
    await runtimeCase(runtime, 'u-ent-1', (name, work) => counter.step(name, work));
    const runtimeSteps = [...counter.steps];
    counter.reset();
    const prepared = await applyAcceptSign(app, app.http, HTTP_ENTERPRISE, (name, work) => counter.step(name, work));
    const reviewState = await counter.uncounted(async () => {
      const [r] = (await app.pool.query<{ z: Buffer; stored: number }>(
        'SELECT engine_state_z AS z, pg_column_size(engine_state_z) AS stored FROM cases WHERE id = $1', [prepared.caseId])).rows;
      return { json: inflateRawSync(r!.z).length, stored: r!.stored };
    });
    await reviewAndFinish(app, app.http, prepared, (name, work) => counter.step(name, work), (work) => counter.uncounted(work));
    const httpSteps = [...counter.steps];
    const sum = (steps: CountedStep[]) => steps.reduce((t, s) => ({ statements: t.statements + s.statements, flights: t.flights + s.flights }), { statements: 0, flights: 0 });
    const opinions = runtimeSteps.filter((s) => s.step === 'opinion');
    return {
      runtime: { ...sum(runtimeSteps), commands: runtimeSteps.length, steps: byStep(runtimeSteps), fromAcceptance: sum(runtimeSteps.filter((s) => s.step !== 'start')) },
      http: { ...sum(httpSteps), requests: httpSteps.length, steps: byStep(httpSteps) },
      opinionSql: opinions[0]?.sql ?? [],
      joinSql: runtimeSteps.find((s) => s.step === JOIN_STEP)?.sql ?? [],
      stepSql: Object.fromEntries([...runtimeSteps].reverse().map((st) => [st.step, st.sql])),
      engineState: { jsonBytes: reviewState.json, storedBytes: reviewState.stored },
    };
  } finally {
    counter.uninstall();
  }
}
