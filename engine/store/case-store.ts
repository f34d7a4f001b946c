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
  /**
   * Wait for a case another transaction holds (default). When false, CaseBusyError at once: the
   * holder may be a deadline's writes staged ahead of its instant (see PreparedWrite.stage),
   * which waits for that instant unless someone settles it.
   */
  wait?: boolean;
  /**
   * The command is an opinion on this task: read the stored opinions of its review round in the
   * same flight as the lock. The round's last opinion concludes the round with them, and a node
   * that holds nothing of the case would otherwise read them in a round trip of their own.
   */
  roundOf?: string;
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
  /**
   * Send the writes now but keep them uncommitted, holding the case, until `commit()` at `at`:
   * the instant then costs only the commit. False when they could not be staged (the store
   * cannot, or the case moved on); `commit()` then sends them as if never staged. The store may
   * stage other cases' writes for the same instant with them (one commit for all at the instant);
   * settling that staging settles it for every case in it.
   */
  stage(at: Date): Promise<boolean>;
  /** Commit the writes; StaleCaseError (nothing written) when the case moved on since it was read. */
  commit(): Promise<void>;
  /** Drop the writes (staged ones are rolled back); nothing is written. */
  abandon(): Promise<void>;
}

/** Writes staged ahead of their instant, not committed yet (they may outlive the node that staged them). */
export interface StagedWrite {
  id: string;
  /** The cases whose writes it holds (several due at one instant may share one). */
  caseIds: string[];
  /** The instant they were staged for. */
  at: Date;
}

/** Another transaction holds the case (a LockOptions.wait = false lock found it taken). */
export class CaseBusyError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is held by another transaction`);
  }
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
  /** Writes staged and not committed yet: of one case, or of every case. */
  stagedWrites(caseId?: string): Promise<StagedWrite[]>;
  /** Commit (or roll back) staged writes; false when they were already gone (settled by someone else). */
  finishStaged(id: string, commit: boolean): Promise<boolean>;
  /** Pending timers due at or before `now` (the sweep's safety net). */
  dueTimers(now: Date, limit: number): Promise<Pick<TimerRecord, 'caseId' | 'key' | 'dueAt'>[]>;
}
