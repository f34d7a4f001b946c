/**
 * How many app worker processes `npm start` runs when LIANSHEN_WORKERS is not set: one, for now.
 * Measured on the 2-core machine (2026-11-30, two Runtimes on one database): a case's live engine is cached in
 * the process that last ran a command on it, and workers take connections in turn, so with two
 * workers about half the commands land on a worker without that case's engine and rebuild it
 * from the stored state — 7.0 ms of Node CPU per opinion instead of 3.1 ms. With PostgreSQL's
 * 2 ms per opinion on the same two cores that is fewer opinions per second than one worker.
 */
export function defaultWorkers(): number {
  return 1;
}
