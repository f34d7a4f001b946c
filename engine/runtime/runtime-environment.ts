/**
 * Everything the runtime core needs from outside, injected in one object so the core does no
 * I/O of its own: storage, the org directory, timers, the clock and the calendar.
 */
import type { WorkingDayCalendar } from '../calendar/index.ts';
import type { CaseEvent, CaseRecord, TaskRecord } from '../cases/case-types.ts';
import type { Clock } from '../clock/clock.ts';
import type { TimerScheduler } from '../deadlines/timer-scheduler.ts';
import type { OrgDirectory } from '../org/region.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { DefinitionStore } from '../store/definition-store.ts';
import type { ProjectStore } from '../store/project-store.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';
import { DEFAULT_RATING_POLICY, type RatingPolicy } from '../rating/rating-policy.ts';

export interface RuntimeSettings {
  /** 绿色通道: limits without an explicit green value are multiplied by this and rounded up. */
  greenFactor: number;
  /** Yellow light this many working days before a limit, unless the task says otherwise. */
  warnDaysBefore: number;
  /** Live engines kept in memory (an optimisation: correctness never depends on it). */
  engineCacheSize: number;
  /**
   * …and the megabytes they may take, by each engine's estimated heap (~1.3 MB for the
   * construction permit); 0 = none kept. Sized so a node stays within its memory.
   */
  engineCacheMB: number;
  /**
   * Cases kept by their snapshot alone (row and open tasks, a few KB each) once their engine is
   * let go, so that commands needing no engine run unlocked in one flight; 0 = none.
   */
  caseSnapshotCacheSize: number;
  /**
   * Case transactions open at once in this process; the store's pool needs a few connections
   * more, for what a command reads outside its transaction (see CommandSlots).
   */
  concurrentCommands: number;
  /** 一事一评价: scale, rating window (working days), aspects. */
  rating: RatingPolicy;
}

export const DEFAULT_SETTINGS: RuntimeSettings = { greenFactor: 0.5, warnDaysBefore: 1, engineCacheSize: 500, engineCacheMB: 16, caseSnapshotCacheSize: 2000, concurrentCommands: 16, rating: DEFAULT_RATING_POLICY };

/** What a committed command changed, for realtime delivery (never called before the commit). */
export interface CommittedChange {
  caseRow: CaseRecord;
  events: CaseEvent[];
  /** Tasks the command created or changed. */
  tasks: TaskRecord[];
  /** The case's open tasks as committed with this version (changed or not). */
  openTasks?: readonly TaskRecord[];
}

export interface RuntimeEnvironment {
  cases: CaseStore;
  definitions: DefinitionStore;
  projects: ProjectStore;
  /** The tamper-evident chain of opinions and ratings (appended by the database, read to verify). */
  ledger: LedgerStore;
  org: OrgDirectory;
  scheduler: TimerScheduler;
  clock: Clock;
  calendar: WorkingDayCalendar;
  settings: RuntimeSettings;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Listeners told about every committed change (socket.io, notifications …); failures are logged, never undo the commit. */
  listeners?: Array<(change: CommittedChange) => void | Promise<void>>;
}
