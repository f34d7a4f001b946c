/**
 * What the task routes learn from this node's own commits, so that a command over HTTP costs
 * the command's flight and nothing more:
 *  - the facts a task never changes (its case, department and kind): the scope check before a
 *    command needs no read when this node created or moved the task;
 *  - the task as the command committed it (changed, or open and left as it was, like a 联审会
 *    being scheduled): the answer after a command needs no read.
 * A task this node has not seen (another node made it, or this one restarted) and a replayed
 * request (nothing committed) still go to the database, so nothing depends on these.
 */
import type { TaskRecord } from '../../engine/cases/case-types.ts';
import type { CommittedChange, RuntimeEnvironment } from '../../engine/runtime/runtime-environment.ts';
import { presentTask } from '../cases/case-presenter.ts';

/** Never updated once a task exists (tasks are inserted whole and only their progress changes). */
export interface TaskFacts {
  id: string;
  caseId: string;
  departmentId: string | null;
  kind: TaskRecord['kind'];
}

export type PresentedTask = ReturnType<typeof presentTask>;

// Some 50 bytes of ids per task: 20,000 tasks cover the open work of thousands of cases.
const DEFAULT_CAPACITY = 20_000;

export class CommittedTasks {
  private readonly facts = new Map<string, TaskFacts>();
  /** Task id → how many requests wait for its committed state, and the latest one seen. */
  private readonly awaited = new Map<string, { waiting: number; latest?: PresentedTask }>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Listen to `env`'s commits. */
  attach(env: RuntimeEnvironment): this {
    (env.listeners ??= []).push((change) => this.committed(change));
    return this;
  }

  factsOf(taskId: string): TaskFacts | undefined {
    return this.facts.get(taskId);
  }

  /** Remember what a read found (a task made by another node, or before a restart). */
  remember(task: TaskRecord): void {
    if (this.facts.has(task.id)) return;
    this.facts.set(task.id, { id: task.id, caseId: task.caseId, departmentId: task.departmentId, kind: task.kind });
    if (this.facts.size > this.capacity) this.facts.delete(this.facts.keys().next().value!);
  }

  /**
   * Run `command` and return the task as the command committed it, or undefined when it
   * committed nothing for that task (a replayed request) — the caller then reads it.
   */
  async around(taskId: string, command: () => Promise<unknown>): Promise<PresentedTask | undefined> {
    const entry = this.awaited.get(taskId) ?? { waiting: 0 };
    entry.waiting += 1;
    entry.latest = undefined;
    this.awaited.set(taskId, entry);
    try {
      await command();
      return entry.latest;
    } finally {
      entry.waiting -= 1;
      if (entry.waiting === 0) this.awaited.delete(taskId);
    }
  }

  private committed({ caseRow, tasks, openTasks = [] }: CommittedChange): void {
    for (const task of tasks) this.remember(task);
    if (this.awaited.size === 0) return;
    // Changed tasks after the open ones: a task closed by the command is not open any more.
    for (const task of [...openTasks, ...tasks]) {
      const entry = this.awaited.get(task.id);
      // Presented now: the session's record is mutated by the case's next command. The store
      // writes a task green when its case is (pg-case-store), and the green trigger keeps open
      // tasks so: the same value here.
      if (entry) entry.latest = presentTask({ ...task, green: task.green || caseRow.green });
    }
  }
}
