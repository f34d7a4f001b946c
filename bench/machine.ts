/**
 * The machine a run happened on, and CPU meters for the PostgreSQL server processes (read from
 * /proc: the postmaster and its children), so a phase can say where the cores went.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type pg from 'pg';
import { postmasterPid } from '../engine/adapters/postgres/server-priority.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
}

export async function describeMachine(client: pg.Pool | pg.Client): Promise<MachineInfo> {
  const { rows } = await client.query(`SELECT current_setting('server_version') AS version`);
  const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level', 'max_connections', 'full_page_writes', 'commit_delay')`);
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: String(rows[0].version),
    postgresSettings: Object.fromEntries(settings.rows.map((r) => [r.name, r.unit && r.unit !== 's' && r.unit !== 'ms' ? `${r.setting} × ${r.unit}` : r.setting])),
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown';
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Reads the CPU time of one PostgreSQL cluster's processes. */
export class PostgresCpuMeter {
  constructor(private readonly databaseDir: string) {}

  /**
   * CPU milliseconds used so far by the postmaster, its live children, and its children that
   * already exited (the postmaster's cutime/cstime). Undefined where /proc is unavailable.
   */
  read(): number | undefined {
    const postmaster = postmasterPid(this.databaseDir);
    if (postmaster === undefined) return undefined;
    const processes = processStats();
    if (!processes) return undefined;
    let ticks = 0;
    let found = false;
    for (const p of processes) {
      if (p.pid !== postmaster && p.ppid !== postmaster) continue;
      found = true;
      ticks += p.utime + p.stime;
      if (p.pid === postmaster) ticks += p.cutime + p.cstime;
    }
    return found ? (ticks / clockTicks()) * 1000 : undefined;
  }
}

/** One live process as /proc/<pid>/stat tells it (times in clock ticks). */
export interface ProcessStat { pid: number; ppid: number; utime: number; stime: number; cutime: number; cstime: number }

/** Every live process (undefined where /proc is unavailable). */
export function processStats(): ProcessStat[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const stats: ProcessStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid … — comm may contain spaces, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    stats.push({ pid: Number(entry), ppid: fields[1]!, utime: fields[11]!, stime: fields[12]!, cutime: fields[13]!, cstime: fields[14]! });
  }
  return stats;
}

/** CPU milliseconds (user + system) of a clock-tick count. */
export function ticksToMs(ticks: number): number {
  return (ticks / clockTicks()) * 1000;
}

/**
 * CPU milliseconds the whole machine spent busy so far (all cores, every process, kernel
 * included; /proc/stat), so a phase can tell its own load from anybody else's.
 */
export function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    const busy = fields[0]! + fields[1]! + fields[2]! + fields[5]! + fields[6]! + fields[7]!;
    return (busy / clockTicks()) * 1000;
  } catch {
    return undefined;
  }
}


/** The scheduler's account of one thread (/proc/<pid>/task/<tid>/schedstat), in ms. */
export interface ThreadSchedule { onCpuMs: number; runQueueMs: number; slices: number }

/** Parse a schedstat line: nanoseconds on a CPU, nanoseconds runnable but waiting for one, timeslices. */
export function parseSchedstat(line: string): ThreadSchedule | undefined {
  const [onCpu, waiting, slices] = line.trim().split(/\s+/).map(Number);
  if (![onCpu, waiting, slices].every((n) => Number.isFinite(n))) return undefined;
  return { onCpuMs: onCpu! / 1e6, runQueueMs: waiting! / 1e6, slices: slices! };
}

/**
 * The schedule of a process's main thread (the event loop; this process's unless `pid` is given)
 * so far; undefined where /proc is unavailable or the process is gone. The event loop's "busy" share counts time it was runnable but not running: this
 * tells the two apart.
 */
export function mainThreadSchedule(pid = process.pid): ThreadSchedule | undefined {
  try {
    return parseSchedstat(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Wait until the machine is quiet (under `thresholdCores` busy over a one-second sample) before
 * a timed phase, for at most `maxWaitMs`; returns the load seen last. Another program running
 * meanwhile (a test run, a build) would otherwise be measured as our own slowness.
 */
export async function waitForQuietMachine(log: (line: string) => void, thresholdCores = 0.3, maxWaitMs = 300_000): Promise<number | undefined> {
  const deadline = Date.now() + maxWaitMs;
  let told = false;
  for (;;) {
    const before = machineBusyMs();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = machineBusyMs();
    if (before === undefined || after === undefined) return undefined;
    const cores = (after - before) / 1000;
    if (cores < thresholdCores || Date.now() >= deadline) {
      if (told) log(cores < thresholdCores ? `  machine quiet again (${cores.toFixed(2)} cores busy)` : `  still ${cores.toFixed(2)} cores busy; measuring anyway`);
      return cores;
    }
    if (!told) log(`  the machine is busy (${cores.toFixed(2)} cores used by other programs); waiting up to ${maxWaitMs / 1000} s for it to calm down …`);
    told = true;
  }
}
