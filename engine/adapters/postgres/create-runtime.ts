/** Wires a Runtime to PostgreSQL: the stores and directory on one pool, the bundled calendar. */
import { WorkingDayCalendar } from '../../calendar/index.ts';
import { systemClock, type Clock } from '../../clock/clock.ts';
import type { TimerScheduler } from '../../deadlines/timer-scheduler.ts';
import { sweepOnlyScheduler } from '../../deadlines/timer-scheduler.ts';
import { Runtime } from '../../runtime/runtime.ts';
import { DEFAULT_SETTINGS, type RuntimeEnvironment, type RuntimeSettings } from '../../runtime/runtime-environment.ts';
import { PgCaseStore } from './pg-case-store.ts';
import { PgDefinitionStore } from './pg-definition-store.ts';
import { PgLedgerStore } from './pg-ledger-store.ts';
import { PgOrgDirectory } from './pg-org-directory.ts';
import { PgProjectStore } from './pg-project-store.ts';
import type { Pool } from './pool.ts';

export interface RuntimeOptions {
  clock?: Clock;
  scheduler?: TimerScheduler;
  calendar?: WorkingDayCalendar;
  settings?: Partial<RuntimeSettings>;
  listeners?: RuntimeEnvironment['listeners'];
}

/** A Runtime whose storage is the given pool. */
export function createRuntimeOn(pool: Pool, options: RuntimeOptions = {}): Runtime {
  return new Runtime({
    cases: new PgCaseStore(pool),
    definitions: new PgDefinitionStore(pool),
    projects: new PgProjectStore(pool),
    ledger: new PgLedgerStore(pool),
    org: new PgOrgDirectory(pool),
    scheduler: options.scheduler ?? sweepOnlyScheduler,
    clock: options.clock ?? systemClock,
    calendar: options.calendar ?? WorkingDayCalendar.bundled(),
    settings: { ...DEFAULT_SETTINGS, concurrentCommands: commandSlotsFor(pool), ...options.settings },
    listeners: options.listeners ?? [],
  });
}

// Four connections stay out of the commands' reach for the reads they make through the pool.
function commandSlotsFor(pool: Pool): number {
  return Math.max(1, (pool.options.max ?? 10) - 4);
}
