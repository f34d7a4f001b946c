import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActivityApi, Execution } from 'bpmn-engine';
import { describe, expect, it } from 'vitest';
import { authoredContext, compileDefinition, parseDefinition } from '../../../engine/definitions/compile-definition.ts';
import { newEngine } from '../../../engine/engine-host/build-engine.ts';
import { flowsWithoutJoinAhead, type SerializedElements } from '../../../engine/engine-host/dead-paths.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PERMIT = path.join(ROOT, 'processes/construction-permit.bpmn');
const BRANCH_BEFORE_JOIN = path.join(ROOT, 'tests/fixtures/bpmn/engine/branch-before-join.bpmn');

const contextOf = async (file: string) => authoredContext(await parseDefinition(await readFile(file))) as SerializedElements;
const flowIds = (context: SerializedElements) => (context.sequenceFlows ?? []).map((f) => f.id);

let nextDefinitionId = -9000;

/** Drives one engine: waits by element, signals with variables set first, records discards. */
async function drive(context: unknown, options: { everyDeadPath?: boolean; variables?: Record<string, unknown> } = {}) {
  const engine = newEngine('dead-paths', nextDefinitionId--, context, { everyDeadPath: options.everyDeadPath });
  const waits: Array<{ id: string; executionId: string }> = [];
  const discarded: string[] = [];
  const listener = new EventEmitter();
  listener.on('wait', (api: ActivityApi) => waits.push({ id: api.id, executionId: api.executionId }));
  listener.on('activity.discard', (api: ActivityApi) => discarded.push(api.id));
  let ended = false;
  engine.once('end', () => { ended = true; });
  const execution: Execution = await engine.execute({ listener, variables: options.variables ?? {} });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const waiting = async () => {
    for (let turn = 0; turn < 50; turn += 1) await settle();
    return waits.map((w) => w.id).sort();
  };
  return {
    discarded,
    waiting,
    ended: async () => { await waiting(); return ended; },
    async complete(elementId: string, variables: Record<string, unknown> = {}) {
      const at = waits.findIndex((w) => w.id === elementId);
      if (at < 0) throw new Error(`${elementId} is not waiting`);
      const [wait] = waits.splice(at, 1);
      for (const definition of execution.definitions) {
        for (const process of definition.getRunningProcesses()) Object.assign(process.environment.variables, variables);
      }
      execution.signal({ id: wait!.id, executionId: wait!.executionId });
      return waiting();
    },
  };
}

describe('dead-path elimination only where a join needs it', () => {
  it('ends every discard of a construction permit at once: no branch of it leads to a join', async () => {
    const context = await contextOf(PERMIT);
    expect([...flowsWithoutJoinAhead(context)].sort()).toEqual(flowIds(context).sort());
  });

  it('keeps the discard on every flow from which a parallel join can be reached', async () => {
    const pruned = flowsWithoutJoinAhead(await contextOf(BRANCH_BEFORE_JOIN));
    expect([...pruned].sort()).toEqual(['fArchiveToArchived', 'fArchivedToCorrect', 'fArchivedToEnd', 'fCorrectToArchive', 'fJoinToArchive']);
  });

  it("follows a task's boundary events: a flow into a task whose boundary event leads to a join keeps its discard", () => {
    const context: SerializedElements = {
      activities: [
        { id: 'gate', type: 'bpmn:ExclusiveGateway' },
        { id: 'task', type: 'bpmn:UserTask' },
        { id: 'late', type: 'bpmn:BoundaryEvent', behaviour: { attachedTo: { id: 'task' } } },
        { id: 'other', type: 'bpmn:UserTask' },
        { id: 'join', type: 'bpmn:ParallelGateway' },
        { id: 'end', type: 'bpmn:EndEvent' },
      ],
      sequenceFlows: [
        { id: 'toTask', sourceId: 'gate', targetId: 'task' },
        { id: 'toEnd', sourceId: 'task', targetId: 'end' },
        { id: 'lateToJoin', sourceId: 'late', targetId: 'join' },
        { id: 'toOther', sourceId: 'gate', targetId: 'other' },
        { id: 'otherToJoin', sourceId: 'other', targetId: 'join' },
      ],
    };
    expect([...flowsWithoutJoinAhead(context)]).toEqual(['toEnd']);
  });

  it('keeps the discard into a sub-process and into elements it does not know, whose insides it cannot see', () => {
    const context: SerializedElements = {
      activities: [
        { id: 'gate', type: 'bpmn:ExclusiveGateway' },
        { id: 'inner', type: 'bpmn:SubProcess' },
        { id: 'end', type: 'bpmn:EndEvent' },
      ],
      sequenceFlows: [
        { id: 'toInner', sourceId: 'gate', targetId: 'inner' },
        { id: 'toNowhere', sourceId: 'gate', targetId: 'missing' },
        { id: 'toEnd', sourceId: 'gate', targetId: 'end' },
      ],
    };
    expect([...flowsWithoutJoinAhead(context)]).toEqual(['toEnd']);
  });

  it('a parallel join still completes when one of its branches skips the step it could have taken', async () => {
    const context = await contextOf(BRANCH_BEFORE_JOIN);
    const skipping = await drive(context, { variables: { checkNeeded: false } });
    expect(await skipping.waiting()).toEqual(['survey']);
    expect(await skipping.complete('survey')).toEqual(['archive']);
    expect(skipping.discarded).toContain('check');

    const checking = await drive(context, { variables: { checkNeeded: true } });
    expect(await checking.waiting()).toEqual(['check', 'survey']);
    expect(await checking.complete('survey')).toEqual(['check']);
    expect(await checking.complete('check')).toEqual(['archive']);
    // The loop behind the join runs as written: a correction returns to the archive once.
    expect(await checking.complete('archive', { correct: true })).toEqual(['correct']);
    expect(await checking.complete('correct', { correct: false })).toEqual(['archive']);
    expect(await checking.complete('archive')).toEqual([]);
    expect(await checking.ended()).toBe(true);
  });

  it("moves a construction permit from the approved review round to the meeting without discarding 补正 or the lead department's decision", async () => {
    const { sourceContext } = await compileDefinition(await readFile(PERMIT));
    const departments = [{ departmentId: 'xf', level: 'county', lead: true }, { departmentId: 'zj', level: 'county', lead: false }];
    const variables = { participants: { jointReview: departments }, allParticipants: { jointReview: departments } };
    const runs = { pruned: await drive(sourceContext, { variables }), every: await drive(sourceContext, { variables, everyDeadPath: true }) };
    for (const run of Object.values(runs)) {
      await run.complete('accept', { accept: { accepted: true, refused: false } });
      expect(await run.complete('jointReview', { jointReview: { approved: true, rejected: false, supplement: false } })).toEqual(['jointMeeting']);
    }
    expect(runs.pruned.discarded).toEqual([]);
    // Plain bpmn-engine walks the discard through both branches and round their loops.
    expect(runs.every.discarded).toEqual(expect.arrayContaining(['notAccepted', 'supplement', 'leadDecision']));

    for (const run of Object.values(runs)) {
      expect(await run.complete('jointMeeting', { jointMeeting: { approved: true, rejected: false } })).toEqual(['issuePermit']);
      expect(await run.complete('issuePermit', { issuePermit: { approved: true, returned: false, reopen: false } })).toEqual([]);
      expect(await run.ended()).toBe(true);
    }
  });
});
