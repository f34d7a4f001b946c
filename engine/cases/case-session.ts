/**
 * The unit of work of one command on one locked case: the case row, its live engine, its open
 * tasks, and every change to be saved in the command's single transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ItemModel, TaskSpec } from '../definitions/item-model.ts';
import type { LiveEngine } from '../engine-host/live-engine.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import type { RuntimeEnvironment } from '../runtime/runtime-environment.ts';
import type { CaseChanges, CaseTransaction } from '../store/case-store.ts';
import type { DeployedDefinition } from '../store/definition-store.ts';
import type { CaseRecord, TaskRecord, TimerRecord } from './case-types.ts';

/** Builds (or takes from the cache) the case's live engine, for a command that needs it. */
export type EngineLoader = () => Promise<LiveEngine>;

export class CaseSession {
  readonly changes: CaseChanges;
  engineTouched = false;
  private live: LiveEngine | undefined;
  private readonly loadEngine: EngineLoader | undefined;
  /** The form the case was in when the command began (五种办理形式 changes are events). */
  readonly initialForm: CaseRecord['form'];
  private seq: number;

  constructor(
    readonly env: RuntimeEnvironment,
    readonly row: CaseRecord,
    readonly definition: DeployedDefinition,
    engine: LiveEngine | EngineLoader,
    readonly tx: CaseTransaction,
    readonly openTasks: TaskRecord[],
    lastSeq: number,
    readonly now: Date,
  ) {
    this.seq = lastSeq;
    if (typeof engine === 'function') this.loadEngine = engine;
    else this.live = engine;
    this.initialForm = row.form;
    this.changes = {
      caseRow: row, engineState: undefined, newTasks: [], updatedTasks: [], opinions: [], accountability: [],
      events: [], timers: [], cancelledTimers: [], cancelledTaskTimers: [], firedTimers: [], meetings: [], materials: [], notifications: [],
    };
  }

  /**
   * The case's live engine. A command that may not need it (签收, an opinion that is not its
   * round's last) runs without it and calls `requireEngine()` first where it does: rebuilding an
   * engine from its stored state costs more than the rest of such a command.
   */
  get engine(): LiveEngine {
    if (!this.live) throw new Error(`the engine of case ${this.row.caseNumber} is not loaded: await requireEngine() first`);
    return this.live;
  }

  /** Whether this command has the engine (given, or loaded on demand). */
  get hasEngine(): boolean {
    return this.live !== undefined;
  }

  /** Let go of the engine (a prepared command keeps its session, not its ~1 MB engine, until it commits). */
  releaseEngine(): void {
    this.live = undefined;
  }

  async requireEngine(): Promise<LiveEngine> {
    this.live ??= await this.loadEngine!();
    return this.live;
  }

  /** The sequence number of the newest event, stored or added by this command. */
  get lastSeq(): number {
    return this.seq;
  }

  get item(): ItemModel {
    return this.definition.item;
  }

  /** Append a case event (the source of tracking, supervision and realtime). */
  event(type: string, payload: Record<string, unknown> = {}, taskId: string | null = null): void {
    this.seq += 1;
    this.changes.events.push({ caseId: this.row.id, seq: this.seq, type, taskId, payload, at: this.now });
    // 帮办: the helper of a green-channel case hears of every step.
    if (this.row.helperId) this.notify(this.row.helperId, type, payload);
  }

  /** Tell someone (helper, applicant) about the latest event. */
  notify(recipient: string, type: string, payload: Record<string, unknown> = {}): void {
    this.changes.notifications.push({ recipient, caseId: this.row.id, eventSeq: this.seq, type, payload, createdAt: this.now });
  }

  /** The open task with this id, or a 404-style error. */
  openTask(taskId: string): TaskRecord {
    const task = this.openTasks.find((t) => t.id === taskId);
    if (!task) throw new NotFoundError(`no open task ${taskId} in case ${this.row.caseNumber}`, { taskId });
    return task;
  }

  specOf(task: TaskRecord): TaskSpec {
    const spec = this.item.tasks[task.elementId];
    if (!spec) throw new Error(`task ${task.elementId} missing from item ${this.item.itemCode}`);
    return spec;
  }

  /** Register a new task row (and keep it in the open list). */
  addTask(fields: Omit<TaskRecord, 'id' | 'caseId'>): TaskRecord {
    const task: TaskRecord = { id: randomUUID(), caseId: this.row.id, ...fields };
    this.changes.newTasks.push(task);
    this.openTasks.push(task);
    return task;
  }

  /** Record a changed task; a task that is done or cancelled leaves the open list. */
  touchTask(task: TaskRecord): void {
    const isNew = this.changes.newTasks.includes(task);
    if (!isNew && !this.changes.updatedTasks.includes(task)) this.changes.updatedTasks.push(task);
    if (task.status === 'done' || task.status === 'cancelled') {
      const index = this.openTasks.indexOf(task);
      if (index >= 0) this.openTasks.splice(index, 1);
    }
  }

  /** Create or replace a pending timer of this case. */
  setTimer(timer: Omit<TimerRecord, 'caseId' | 'firedAt' | 'cancelledAt' | 'remainingDays'> & { remainingDays?: number | null }): void {
    const record: TimerRecord = { caseId: this.row.id, firedAt: null, cancelledAt: null, remainingDays: null, ...timer };
    const existing = this.changes.timers.findIndex((t) => t.key === record.key);
    if (existing >= 0) this.changes.timers[existing] = record;
    else this.changes.timers.push(record);
    this.changes.cancelledTimers = this.changes.cancelledTimers.filter((key) => key !== record.key);
  }

  /** Cancel every pending timer a (closing) task owns. */
  cancelTaskTimers(taskId: string): void {
    this.changes.timers = this.changes.timers.filter((t) => t.taskId !== taskId);
    this.changes.cancelledTaskTimers.push(taskId);
  }

  cancelTimers(keys: string[]): void {
    this.changes.timers = this.changes.timers.filter((t) => !keys.includes(t.key));
    this.changes.cancelledTimers.push(...keys);
  }
}
