/**
 * After every engine action: create task rows for new waits (with their deadlines), close rows
 * of user tasks that ended (including instances a completion condition dropped), and end the
 * case when the process completed.
 */
import type { EngineWait } from '../engine-host/live-engine.ts';
import type { TaskSpec } from '../definitions/item-model.ts';
import { needsSignFor, planTaskDeadlines } from '../deadlines/plan-deadlines.ts';
import { InvalidStateError } from '../errors/domain-error.ts';
import { allParticipantsOf, currentParticipantsOf, type ResolvedParticipant } from '../joint-review/participants.ts';
import { levelRank, type Level } from '../org/levels.ts';
import type { CaseSession } from './case-session.ts';
import { pauseClock } from './case-clock.ts';
import { endCase } from './end-case.ts';
import { fanOutExecutionId } from './fan-out.ts';

/** Drain the engine's effects into rows and events until nothing new happened. */
export async function applyEngineEffects(s: CaseSession): Promise<void> {
  for (;;) {
    const effects = s.engine.drainEffects();
    if (!effects.waits.length && !effects.endedTasks.length && !effects.completed) return;
    for (const elementId of effects.endedTasks) closeRemainingTasks(s, elementId);
    await createTasks(s, effects.waits);
    if (effects.completed) {
      const endEvent = effects.endEvents.at(-1);
      await endCase(s, (endEvent && s.item.endOutcomes[endEvent]) || 'completed', endEvent);
    }
  }
}

async function createTasks(s: CaseSession, waits: EngineWait[]): Promise<void> {
  const rounds = { ...((s.engine.variable('rounds') as Record<string, number> | undefined) ?? {}) };
  const started = new Set<string>();
  for (const wait of waits) {
    const spec = s.item.tasks[wait.elementId];
    if (!spec) continue;
    if (!started.has(wait.elementId)) {
      started.add(wait.elementId);
      rounds[wait.elementId] = (rounds[wait.elementId] ?? 0) + 1;
    }
    const rows = rowsOf(s, wait, spec);
    // A handle task reached before any dispatch named its department: no one would ever act on
    // it (the engine's own loop refused such a round too), so the command is refused instead.
    if (rows.length === 0) throw new InvalidStateError(`${spec.name} has no department to do it: route the case first`, { elementId: wait.elementId });
    for (const { executionId, participant } of rows) {
      const task = s.addTask({
        elementId: wait.elementId, executionId, kind: spec.kind, round: rounds[wait.elementId]!,
        departmentId: participant?.departmentId ?? null, level: participant?.level ?? null,
        assignee: participant ? null : (spec.assignee ?? null), lead: participant?.lead ?? false,
        status: 'open', green: s.row.green, createdAt: s.now, signDueAt: null, dueAt: null,
        signedAt: null, completedAt: null, outcome: null,
      });
      // 补正: the clock stops while the applicant holds the case.
      if (spec.kind === 'supplement' && !s.row.pausedAt) await pauseClock(s, 'supplement');
      planTaskDeadlines(s, task, participant);
      s.event('task-created', { elementId: task.elementId, kind: task.kind, round: task.round, departmentId: task.departmentId,
        assignee: task.assignee, signFor: needsSignFor(task), dueAt: task.dueAt?.toISOString() ?? null }, task.id);
    }
  }
  if (started.size) s.engine.setVariable('rounds', rounds);
  for (const elementId of started) recordLinkageHop(s, elementId);
}

// 会签: a multi-instance task waits once in the engine and gets a row per participant
// (fan-out.ts); a version deployed with the loop still in its engine form waits per instance,
// each wait carrying its participant.
function rowsOf(s: CaseSession, wait: EngineWait, spec: TaskSpec): Array<{ executionId: string; participant: ResolvedParticipant | undefined }> {
  if (spec.multiInstance && !wait.participant) {
    const list = currentParticipantsOf(s)[wait.elementId] ?? [];
    return list.map((participant, index) => ({ executionId: fanOutExecutionId(wait.executionId, index), participant }));
  }
  return [{ executionId: wait.executionId, participant: participantOf(s, wait) }];
}

// 市县联动: when the case moves to a task held at another level (county pre-review → city
// decision, or a city delegating down), the hop is an event of its own.
function recordLinkageHop(s: CaseSession, elementId: string): void {
  const list = allParticipantsOf(s)[elementId] ?? [];
  const holder = list.find((p) => p.lead) ?? list[0];
  if (!holder) return;
  const previous = s.engine.variable('level') as string | undefined;
  s.engine.setVariable('level', holder.level);
  if (!previous || previous === holder.level) return;
  const direction = levelRank(holder.level) < levelRank(previous as Level) ? 'up' : 'down';
  s.event('linkage-hop', { elementId, fromLevel: previous, toLevel: holder.level, direction, to: holder.departmentId });
}

// A multi-instance wait of an older version carries its participant; a single department task
// (a meeting, a decision) belongs to its lead, else to its only participant.
function participantOf(s: CaseSession, wait: EngineWait): ResolvedParticipant | undefined {
  if (wait.participant && typeof wait.participant === 'object') return wait.participant as unknown as ResolvedParticipant;
  const list = currentParticipantsOf(s)[wait.elementId] ?? [];
  return list.find((p) => p.lead) ?? list[0];
}

/** Close rows of a user task that ended without them (dropped instances, interrupted tasks). */
function closeRemainingTasks(s: CaseSession, elementId: string): void {
  for (const task of s.openTasks.filter((t) => t.elementId === elementId)) {
    task.status = 'cancelled';
    task.completedAt = s.now;
    s.touchTask(task);
    s.cancelTaskTimers(task.id);
    s.event('task-closed', { elementId, reason: 'activity ended' }, task.id);
  }
}
