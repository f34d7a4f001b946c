/**
 * The engine cache bounded by memory: a node keeps only as many live engines as its megabytes
 * hold and rebuilds the others from the stored state; whatever it evicts or refuses to keep,
 * a command never runs on an engine older than the stored case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../engine/runtime/runtime.ts';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';
import { createHarness, eventTypes, finishedCase, holdMeeting, ITEM, REGION, reviewAll, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

const apply = (node: Runtime) => node.startCase({ itemCode: ITEM.constructionPermit, regionCode: REGION.county, applicantId: 'ent-1' });
const accept = (node: Runtime, applied: CommandResult) =>
  node.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'window-1' });

/** Two construction-permit cases applied, then accepted, reviewed and met on in turn, on one node. */
async function twoCasesInTurn(h: Harness, node: Runtime): Promise<CommandResult[]> {
  const applied = [await apply(node), await apply(node)];
  const accepted = [await accept(node, applied[0]!), await accept(node, applied[1]!)];
  const reviewed = [await reviewAll(node, accepted[0]!, 'jointReview'), await reviewAll(node, accepted[1]!, 'jointReview')];
  return [...reviewed, await holdMeeting(h, accepted[0]!.caseId, { runtime: node }), await holdMeeting(h, accepted[1]!.caseId, { runtime: node })];
}

const outcome = (r: CommandResult) => ({ status: r.status, open: r.openTasks.map((t) => `${t.elementId}:${t.status}`).sort(), version: r.version });

describe('engine cache bounded by megabytes', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('keeps one construction-permit engine in 2 MB: the other case is rebuilt when next needed, and both end as with a large cache', async () => {
    const small = h.newRuntime({ settings: { engineCacheMB: 2 } });
    const large = h.newRuntime({ settings: { engineCacheMB: 100 } });
    const inSmall = await twoCasesInTurn(h, small);
    const inLarge = await twoCasesInTurn(h, large);
    expect(large.engineStats.restored).toBe(0);
    // the second application pushed the first case's engine out, and its acceptance the second's
    expect(small.engineStats.restored).toBeGreaterThanOrEqual(2);
    expect(small.engineStats.retriedLocked).toBe(0);
    expect(inSmall.map(outcome)).toEqual(inLarge.map(outcome));
    expect(inSmall.at(-1)!.openTasks.map((t) => t.elementId)).toContain('issuePermit');
  });

  it('keeps no engine when not even one fits the budget, and the case still moves on', async () => {
    const tiny = h.newRuntime({ settings: { engineCacheMB: 0.1 } });
    const accepted = await accept(tiny, await apply(tiny));
    const reviewed = await reviewAll(tiny, accepted, 'jointReview');
    expect(reviewed.openTasks.map((t) => t.elementId)).toContain('jointMeeting');
    expect(tiny.engineStats.reused).toBe(0);
    expect(tiny.engineStats.restored).toBeGreaterThanOrEqual(2);
  });

  it('never runs a command on a kept engine another node has moved past', async () => {
    const node = h.newRuntime({ settings: { engineCacheMB: 2 } });
    const other = h.newRuntime();
    const applied = await apply(node);
    // node keeps the applied case's engine; the case is accepted elsewhere
    const accepted = await accept(other, applied);
    const reviewed = await reviewAll(node, accepted, 'jointReview');
    expect(node.engineStats.retriedLocked).toBeGreaterThanOrEqual(1);
    expect(reviewed.openTasks.map((t) => t.elementId)).toContain('jointMeeting');
    const [row] = await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [applied.caseId]);
    expect(row!.version).toBe(reviewed.version);
    const joined = await rows(h.db, `SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting'`, [applied.caseId]);
    expect(joined[0]!.n).toBe(1);
  });

  it('lets go of a case’s engine once the case has ended, and rebuilds it for a later command on it', async () => {
    const node = h.newRuntime({ settings: { engineCacheMB: 100 } });
    const caseId = await finishedCase(node, 'ent-ended');
    expect(node.engineCacheUsage).toEqual({ entries: 0, bytes: 0 });
    const restored = node.engineStats.restored;
    // rating the finished case (一事一评价) still works: it rebuilds the engine it needs
    const rated = await node.rateCase({ caseId, applicantId: 'ent-ended', level: '非常满意', comment: '办事高效' });
    expect(rated.status).toBe('completed');
    expect(await eventTypes(h.db, caseId)).toContain('rated');
    expect(node.engineStats.restored).toBeGreaterThan(restored);
    expect(node.engineCacheUsage.entries).toBe(0);
  });

  it('estimates a kept engine again after it moved: the joint review holds more than the wait for acceptance', async () => {
    const node = h.newRuntime({ settings: { engineCacheMB: 100 } });
    const applied = await apply(node);
    const waiting = node.engineCacheUsage.bytes;
    await accept(node, applied);
    const reviewing = node.engineCacheUsage.bytes;
    expect(waiting).toBeGreaterThan(1_000_000);
    expect(reviewing).toBeGreaterThan(waiting);
  });
});
