/**
 * Storage seen from the domain: one locked case at a time, everything it changes saved in the
 * same transaction. The PostgreSQL implementation sits in adapters/postgres.
 */
import type {
  AccountabilityRecord, CaseEvent, CaseMaterial, CaseRecord, Notification, OpinionRecord, TaskRecord, TimerRecord,
} from '../cases/case-types.ts';
import type { MeetingRecord } from '../meetings/meeting-types.ts';

/** Everything one command changed, written atomically by `CaseTransaction.save`. */
export interface CaseChanges {
  caseRow: CaseRecord;
  engineState: unknown | undefined;
  newTasks: TaskRecord[];
  updatedTasks: TaskRecord[];
  opinions: OpinionRecord[];
  accountability: AccountabilityRecord[];
  events: CaseEvent[];
  timers: TimerRecord[];
  /** Keys of pending timers that no longer apply (e.g. the sign-for limit once signed). */
  cancelledTimers: string[];
  /** Tasks that closed: every pending timer they own no longer applies. */
  cancelledTaskTimers: string[];
  /** Keys of timers that took effect in this command. */
  firedTimers: string[];
  /** Meetings created or changed (with their attendance). */
  meetings: MeetingRecord[];
  /** 容缺 materials promised or supplied. */
  materials: CaseMaterial[];
  notifications: Notification[];
  command?: { requestId: string; name: string; result: unknown };
}

export interface LockedCase {
  row: CaseRecord;
  /** Highest event sequence number so far. */
  lastSeq: number;
  /** Result of an earlier command with the same request id, read under the same lock. */
  prior?: CommandRecord;
}

export interface LockOptions {
  requestId?: string;
  /** Version of the caller's live engine: when current, the stored state is not fetched. */
  cachedVersion?: number;
}

/** What a process keeps of a case after its last command committed (with the live engine). */
export interface CachedCase {
  /** The row as committed, at `row.version`. */
  row: CaseRecord;
  lastSeq: number;
  /** Open tasks as committed, in the store's order (created, then execution id). */
  openTasks: TaskRecord[];
}

export interface CaseTransaction {
  /** The engine state as stored (fetched only when the caller has no current live engine). */
  engineState(): Promise<unknown>;
  openTasks(): Promise<TaskRecord[]>;
  tasksOf(elementId: string, round: number): Promise<TaskRecord[]>;
  opinionsOf(elementId: string, round: number): Promise<OpinionRecord[]>;
  /** Every rejection given on the case (for the combined 退办 notice). */
  rejections(): Promise<OpinionRecord[]>;
  timersOf(filter: { pendingOnly: boolean }): Promise<TimerRecord[]>;
  meetingOf(taskId: string): Promise<MeetingRecord | undefined>;
  materials(): Promise<CaseMaterial[]>;
  save(changes: CaseChanges): Promise<void>;
}

export interface CommandRecord {
  caseId: string | null;
  name: string;
  result: unknown;
}

/** A concurrent command with the same request id committed first (the store detected it). */
export class DuplicateRequestError extends Error {
  constructor(readonly requestId: string) {
    super(`request ${requestId} was already executed`);
  }
}

/** A command's writes, computed ahead and not sent yet (see `CaseStore.prepareOnSnapshot`). */
export interface PreparedWrite {
  /** Send the writes; StaleCaseError (nothing written) when the case moved on since it was read. */
  commit(): Promise<void>;
}

/** The case moved on since the caller's cached copy (another command committed first). */
export class StaleCaseError extends Error {
  constructor(readonly caseId: string, readonly version: number) {
    super(`case ${caseId} is no longer at version ${version}`);
  }
}

export interface CaseStore {
  /** The first result of a command with this request id, if it ran before. */
  findCommand(requestId: string): Promise<CommandRecord | undefined>;
  /** Lock the case row (SELECT … FOR UPDATE) and run `work` in one transaction. */
  withLockedCase<T>(caseId: string, options: LockOptions, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T>;
  /**
   * Run `work` on a cached case without locking it first: its writes commit only if the case is
   * still at the cached version (checked by the write itself); otherwise StaleCaseError, nothing
   * written. Reads inside `work` see the latest committed data.
   */
  withCachedCase<T>(cached: CachedCase, work: (tx: CaseTransaction) => Promise<T>): Promise<T>;
  /**
   * Run `work` on the case as last committed, without locking it, and keep its writes instead of
   * sending them (a deadline's effect computed before its instant). The write commits only if
   * the case is still at the version read; `write` is absent when `work` saved nothing.
   */
  prepareOnSnapshot<T>(caseId: string, work: (snapshot: LockedCase & CachedCase, tx: CaseTransaction) => Promise<T>): Promise<{ result: T; write?: PreparedWrite }>;
  /** Insert a new case row and run `work` on it in the same transaction. */
  withNewCase<T>(row: Omit<CaseRecord, 'caseNumber'>, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T>;
  /** Pending timers due at or before `now` (the sweep's safety net). */
  dueTimers(now: Date, limit: number): Promise<Pick<TimerRecord, 'caseId' | 'key' | 'dueAt'>[]>;
}
