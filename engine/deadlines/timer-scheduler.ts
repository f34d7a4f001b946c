/**
 * Durable wake-ups. The runtime records each timer in its case transaction, then asks the
 * scheduler (agenda on PostgreSQL in production) to wake the case at `dueAt`. A wake for a timer
 * that no longer applies is ignored by the case, so scheduling twice is harmless.
 */
export interface ScheduledWake {
  caseId: string;
  key: string;
  dueAt: Date;
}

export interface TimerScheduler {
  /** Arm (or move) the wake-ups one command armed, all at once. */
  scheduleAll(wakes: readonly ScheduledWake[]): Promise<void>;
  /** Drop wake-ups of a case that no longer apply. */
  cancelAll(caseId: string, keys: readonly string[]): Promise<void>;
}

/** For runtimes driven only by `runDueTimers()` (tests with a manual clock, tools). */
export const sweepOnlyScheduler: TimerScheduler = {
  scheduleAll: async () => {},
  cancelAll: async () => {},
};

/** A scheduler that forwards to one created later (the runtime is built before agenda starts). */
export function lateBoundScheduler(target: () => TimerScheduler): TimerScheduler {
  return {
    scheduleAll: (wakes) => target().scheduleAll(wakes),
    cancelAll: (caseId, keys) => target().cancelAll(caseId, keys),
  };
}
