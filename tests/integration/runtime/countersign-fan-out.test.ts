/**
 * 会签 held by the domain: the engine waits once for a joint review's round and the runtime keeps
 * one task row per department (engine/definitions/engine-context.ts, engine/cases/fan-out.ts).
 * Versions deployed while the engine still ran one instance per department keep running so.
 */
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoredContext, parseDefinition } from '../../../engine/definitions/compile-definition.ts';
import { LiveEngine } from '../../../engine/engine-host/live-engine.ts';
import { applyAndAccept, bpmn, createHarness, eventTypes, ITEM, REGION, reviewAll, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';

const REVIEW_ORDER = ['990121:zj', '990121:zrzy', '990121:xf', '990121:rf', '990121:sthj', '990121:sw', '990100:fgw', '990100:jt'];

async function reviewRows(h: Harness, caseId: string) {
  return rows<{ execution_id: string; department_id: string; status: string }>(h.db,
    `SELECT execution_id, department_id, status FROM tasks WHERE case_id = $1 AND element_id = 'jointReview' ORDER BY created_at, execution_id`, [caseId]);
}

/** The case's engine as stored, rebuilt: which executions of the joint review it waits on. */
async function storedWaits(h: Harness, caseId: string): Promise<string[]> {
  const [row] = await rows(h.db,
    'SELECT c.engine_state_z, d.id AS definition_id, d.source_context FROM cases c JOIN definitions d ON d.id = c.definition_id WHERE c.id = $1', [caseId]);
  const state = JSON.parse(inflateRawSync(row!.engine_state_z).toString('utf8'));
  const engine = await LiveEngine.restore(caseId, Number(row!.definition_id), row!.source_context, state);
  return engine.waitingExecutions('jointReview');
}

describe('会签: one engine wait per round, one task per department', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('holds the eight departments of a joint review as one waiting execution, in the order the item lists them', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-fan' });
    const review = await reviewRows(h, accepted.caseId);
    expect(review.map((r) => r.department_id)).toEqual(REVIEW_ORDER);
    const waits = await storedWaits(h, accepted.caseId);
    expect(waits).toHaveLength(1);
    expect(review.map((r) => r.execution_id)).toEqual(REVIEW_ORDER.map((_, i) => `${waits[0]}#${String(i).padStart(3, '0')}`));

    const joined = await reviewAll(h.runtime, accepted, 'jointReview');
    expect(joined.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    expect((await eventTypes(h.db, accepted.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
    expect(await storedWaits(h, accepted.caseId)).toEqual([]);
  });

  it('still runs a version deployed with one engine instance per department, joining its round once', async () => {
    // A version as deployed before the engine form dropped the loop: its stored context is the file's own.
    const xml = (await bpmn('construction-permit.bpmn')).replace('并联审查（会签）', '并联审查（会签，旧版）');
    const deployed = await h.runtime.deploy(xml);
    await h.db.pool.query('UPDATE definitions SET source_context = $2 WHERE id = $1',
      [deployed.id, JSON.stringify(authoredContext(await parseDefinition(xml)))]);
    const node = h.newRuntime();
    const accepted = await applyAndAccept(node, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-older' });
    const [row] = await rows(h.db, 'SELECT definition_id FROM cases WHERE id = $1', [accepted.caseId]);
    expect(Number(row!.definition_id)).toBe(deployed.id);

    const review = await reviewRows(h, accepted.caseId);
    expect(review.map((r) => r.department_id).sort()).toEqual([...REVIEW_ORDER].sort());
    const waits = await storedWaits(h, accepted.caseId);
    expect(waits).toHaveLength(8);
    expect(review.map((r) => r.execution_id).sort()).toEqual([...waits].sort());

    const joined = await reviewAll(node, accepted, 'jointReview');
    expect(joined.openTasks.map((t) => t.elementId)).toEqual(['jointMeeting']);
    expect((await eventTypes(h.db, accepted.caseId)).filter((e) => e === 'review-concluded')).toHaveLength(1);
    expect((await reviewRows(h, accepted.caseId)).map((r) => r.status)).toEqual(review.map(() => 'done'));
  });

  it('refuses to move a case onto a multi-department handle task no dispatch has given a department, writing nothing', async () => {
    const xml = (await bpmn('valid-joint-review.bpmn'))
      .replace('approval:taskKind="review"', 'approval:taskKind="handle"')
      .replace(/<approval:participants>[\s\S]*?<\/approval:participants>/, '')
      .replace('Task_review.approved', 'Task_review.answered')
      .replace('XK-0001', 'XK-0091');
    await h.runtime.deploy(xml);
    const applied = await h.runtime.startCase({ itemCode: 'XK-0091', regionCode: REGION.county, applicantId: 'ent-nobody' });
    const [before] = await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [applied.caseId]);
    await expect(h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'Task_accept').id, outcome: 'accepted', actor: 'w' }))
      .rejects.toMatchObject({ code: 'invalid_state', details: { elementId: 'Task_review' } });
    expect(await rows(h.db, 'SELECT version FROM cases WHERE id = $1', [applied.caseId])).toEqual([before]);
    expect(await rows(h.db, `SELECT element_id, status FROM tasks WHERE case_id = $1`, [applied.caseId])).toEqual([{ element_id: 'Task_accept', status: 'open' }]);
  });
});
