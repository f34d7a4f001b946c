/**
 * Every task row a case ever had for some elements, read through the case transaction (engine
 * variables are gone once a process completed, task rows stay). Rounds are numbered from 1
 * without gaps, so each element is read round by round until one is empty. Rows changed by the
 * current command, not saved yet, replace their stored version.
 */
import type { CaseSession } from '../../cases/case-session.ts';
import type { TaskRecord } from '../../cases/case-types.ts';

export async function taskHistory(s: CaseSession, elementIds: readonly string[]): Promise<TaskRecord[]> {
  const fresh = new Map([...s.changes.newTasks, ...s.changes.updatedTasks].map((t) => [t.id, t]));
  const seen = new Set<string>();
  const result: TaskRecord[] = [];
  for (const elementId of elementIds) {
    for (let round = 1; ; round += 1) {
      const stored = await s.tx.tasksOf(elementId, round);
      const unsaved = [...fresh.values()].filter((t) => t.elementId === elementId && t.round === round && !stored.some((r) => r.id === t.id));
      if (!stored.length && !unsaved.length) break;
      for (const task of [...stored, ...unsaved]) {
        if (seen.has(task.id)) continue;
        seen.add(task.id);
        result.push(fresh.get(task.id) ?? task);
      }
    }
  }
  return result;
}

/** The last task of an element that was done (highest round, then latest completion). */
export function lastDone(tasks: TaskRecord[], elementId: string): TaskRecord | undefined {
  return tasks
    .filter((t) => t.elementId === elementId && t.status === 'done')
    .sort((a, b) => a.round - b.round || (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0))
    .at(-1);
}
