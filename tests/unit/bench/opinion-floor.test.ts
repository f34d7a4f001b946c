import { describe, expect, it } from 'vitest';
import type { EngineOverheadResult } from '../../../bench/engine-overhead.ts';
import type { BareHttpResult } from '../../../bench/bare-http.ts';
import type { HttpOpinionsResult } from '../../../bench/http-opinions.ts';
import type { PgTpsResult } from '../../../bench/pg-tps.ts';
import { figuresOf, opinionCeiling, opinionFloor } from '../../../bench/report.ts';
import type { RoundTripsResult } from '../../../bench/round-trips.ts';

const load = (reused: number, restored: number, postgres: number | null) =>
  ({ departmentsPerCase: 8, engineCache: { reused, restored }, cpuPerOpinionMs: { server: 2.4, postgres } }) as HttpOpinionsResult;
const engine = { bareRoundCpuMsPerCase: 8, rebuildCpuMs: 4 } as EngineOverheadResult;

describe('the opinion load’s floor', () => {
  it('charges each opinion its share of the round and of the rebuilds the load made, plus PostgreSQL', () => {
    // every join rebuilt its engine: (8 + 4) / 8 = 1.5 ms of engine, + 0.5 ms of PostgreSQL = 2 ms → 1,000/s on 2 cores
    expect(opinionFloor(load(0, 400, 0.5), engine, 2)).toEqual({ engineMs: 1.5, postgresMs: 0.5, perSecond: 1000 });
    // half of them found it cached: (8 + 2) / 8 = 1.25 ms
    expect(opinionFloor(load(200, 200, 0.5), engine, 2)!.engineMs).toBe(1.25);
  });

  it('says nothing without PostgreSQL’s CPU (a server it cannot see)', () => {
    expect(opinionFloor(load(0, 400, null), engine, 2)).toBeUndefined();
  });
});

describe('the ceiling the machine sets with bpmn-engine, PostgreSQL and HTTP alone', () => {
  // 1,000 pgbench transactions a second on 0.8 cores of PostgreSQL: 0.8 ms each
  const tps = { transactionsPerSecond: 1000, cores: { postgres: 0.8, client: 0.4, machine: 1.3, other: 0.1 } } as PgTpsResult;
  const bare = { requests: 1000, concurrency: 16, requestsPerSecond: 5000, bodyBytes: { request: 22, answer: 600 }, cpuPerRequestMs: { server: 0.1, driver: 0.1 } } as BareHttpResult;

  it('divides the cores by the engine’s share, one pgbench transaction and one bare HTTP exchange per opinion', () => {
    // 1.5 ms of engine (every join rebuilt) + 0.8 ms of PostgreSQL + 0.2 ms of HTTP = 2.5 ms → 800/s on 2 cores, 0.8 × 1,000 tx/s
    expect(opinionCeiling(load(0, 400, 0.5), engine, tps, bare, 2)).toEqual({ engineMs: 1.5, postgresMs: 0.8, httpMs: 0.2, perSecond: 800, ratio: 0.8 });
  });

  it('says nothing without the bare exchange or PostgreSQL’s CPU', () => {
    expect(opinionCeiling(load(0, 400, 0.5), engine, tps, undefined, 2)).toBeUndefined();
    expect(opinionCeiling(load(0, 400, 0.5), engine, { ...tps, cores: { ...tps.cores, postgres: null } }, bare, 2)).toBeUndefined();
  });

  it('stands in the table as a reference beside the targets, only when measured', () => {
    const http = { ...load(0, 400, 0.5), concurrency: 16, opinionsPerSecond: 200, latencyMs: { p50: 50, p90: 100, p99: 300, max: 400 },
      joinLatency: { joins: { count: 400, p50: 200, p99: 400 }, others: { count: 3600, p50: 40, p99: 200 }, joinsAmongSlowest: 0.9 } } as unknown as HttpOpinionsResult;
    const full = { ...engine, ratio: 1.4, reviewInstances: 10 } as EngineOverheadResult;
    const tpsFull = { ...tps, concurrency: 16, latencyMs: { p50: 8, p99: 16 } } as PgTpsResult;
    const trips = { runtime: { fromAcceptance: { flights: 24 }, flights: 27, statements: 52, commands: 25 }, http: { flights: 30, statements: 60, requests: 25 } } as RoundTripsResult;
    const ceiling = figuresOf(http, tpsFull, full, trips, 2, bare).find((f) => f.figure.startsWith('Ceiling'));
    expect(ceiling).toMatchObject({ measured: 800, verdict: 'reference (no target)' });
    expect(ceiling!.target).toBeUndefined();
    expect(ceiling!.reference).toContain('bpmn-engine 1.5 ms');
    expect(figuresOf(http, tpsFull, full, trips, 2).some((f) => f.figure.startsWith('Ceiling'))).toBe(false);
  });
});
