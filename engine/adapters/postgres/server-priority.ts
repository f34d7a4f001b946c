/**
 * The embedded PostgreSQL runs a notch below the app (nice 5 unless LIANSHEN_PG_NICE says
 * otherwise). On a small machine the app's one event loop is what limits throughput, and every
 * statement it sends wakes a backend; woken onto the loop's own core, the backend took the core
 * from it: under the bench's opinion load the loop's thread waited, runnable, for a core 23–32% of
 * the time while a quarter of the machine sat idle (main thread schedstat). At a lower priority a
 * woken backend preempts the loop less often (the wait fell to 21–26%), and still takes any idle
 * core at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Niceness of the embedded server's processes unless configured (0 = leave them alone). */
export const EMBEDDED_NICENESS = 5;

/**
 * Give the server under `databaseDir` (its postmaster and the processes it already forked; later
 * backends inherit it) the niceness `niceness`. Returns how many processes were changed.
 */
export function lowerServerPriority(databaseDir: string, niceness: number, log?: (line: string) => void): number {
  if (niceness <= 0) return 0;
  const postmaster = postmasterPid(databaseDir);
  if (postmaster === undefined) return 0;
  let changed = 0;
  for (const pid of [postmaster, ...childrenOf(postmaster)]) {
    try {
      os.setPriority(pid, niceness);
      changed += 1;
    } catch (error) {
      // A process that exited meanwhile, or a system that refuses: the server runs as before.
      if (pid === postmaster) log?.(`could not lower the embedded PostgreSQL's priority: ${(error as Error).message}`);
    }
  }
  return changed;
}

/** The pid of the server running on `databaseDir`, from its postmaster.pid; undefined when none runs. */
export function postmasterPid(databaseDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// Processes whose parent is `parent` (Linux /proc; elsewhere none, and only the postmaster changes).
function childrenOf(parent: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}
