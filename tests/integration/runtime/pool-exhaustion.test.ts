import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeOn } from '../../../engine/adapters/postgres/create-runtime.ts';
import { createPool, type Pool } from '../../../engine/adapters/postgres/pool.ts';
import { applyAndAccept, createHarness, ITEM, REGION, type Harness } from '../../support/runtime-harness.ts';

describe('case commands on a small pool', () => {
  let h: Harness;
  let small: Pool;
  beforeAll(async () => {
    h = await createHarness();
    small = createPool(h.db.url, 3);
  });
  afterAll(async () => {
    await small.end();
    await h.close();
  });

  it('finishes as many simultaneous first commands on a fresh node as the pool has connections, and more', async () => {
    const cases = [];
    for (let i = 0; i < 6; i += 1) cases.push(await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county));
    // A fresh node has no definition cached: each command reads it through the pool while its
    // own transaction holds a connection. Six at once on three connections used to wait forever.
    const node = createRuntimeOn(small, { clock: h.clock });
    const signed = await Promise.race([
      Promise.all(cases.map((c) => {
        const task = c.openTasks.find((t) => t.elementId === 'jointReview')!;
        return node.signFor({ caseId: c.caseId, taskId: task.id, actor: 'r' });
      })),
      new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 20_000).unref()),
    ]);
    expect(signed).not.toBe('stuck');
    expect((signed as unknown[]).length).toBe(6);
  }, 40_000);
});
