/**
 * Durable wake-ups. The runtime records each timer in its case transaction, then asks the
 * scheduler (agenda on PostgreSQL in production) to wake the case at `dueAt`. A wake for a timer
 * that no longer applies is ignored by the case, so scheduling twice is harmless.
 */
export interface TimerScheduler {
  schedule(caseId: string, key: string, dueAt: Date): Promise<void>;
  cancel(caseId: string, key: string): Promise<void>;
}

/** For runtimes driven only by `runDueTimers()` (tests with a manual clock, tools). */
export const sweepOnlyScheduler: TimerScheduler = {
  schedule: async () => {},
  cancel: async () => {},
};
