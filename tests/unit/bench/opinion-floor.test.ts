import { describe, expect, it } from 'vitest';
import type { EngineOverheadResult } from '../../../bench/engine-overhead.ts';
import type { HttpOpinionsResult } from '../../../bench/http-opinions.ts';
import { opinionFloor } from '../../../bench/report.ts';

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
