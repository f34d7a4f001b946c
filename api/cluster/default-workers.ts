/**
 * How many app worker processes `npm start` runs when LIANSHEN_WORKERS is not set: one.
 * Measured on the 2-core reference machine (2026-11-30, bench `--only workers --workers 1,2,2,1`,
 * back to back): one worker used 3.3–3.7 ms of Node and 1.4–2.1 ms of PostgreSQL CPU per opinion,
 * two workers 5.3 ms and 3.0–3.8 ms (with case affinity; 7.0 ms of Node without it, engines
 * rebuilt on half the commands). PostgreSQL shares the two cores, so one worker, bound by its own
 * core, does more opinions per second than two bound by both. README: "Worker processes".
 */
export function defaultWorkers(): number {
  return 1;
}
