/**
 * A production app node (`npm start`: the server bundled into dist/server) started as a child process on the
 * bench's database: how long it takes to listen, and its memory and CPU (/proc) while the bench
 * uses it. One process unless `LIANSHEN_WORKERS` is given (then a primary and its workers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, SERVER_DIST, SERVER_MAIN } from '../api/build-server.ts';
import { processStats, ticksToMs } from './machine.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppNode {
  pid: number;
  baseUrl: string;
  /** Wall time from spawning the process to its "listening" line, ms. */
  listeningMs: number;
  spawnedAt: number;
  /** Resident set size now and its peak so far (VmRSS, VmHWM), MiB, of the first process. */
  memory(): Promise<{ rssMiB: number; peakMiB: number }>;
  /** CPU ms used so far by the node's live processes (the primary and its workers); undefined without /proc. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

const serverBuilds = new Map<string, Promise<void>>();

/**
 * `npm start`'s command with this Node binary, plus LIANSHEN_BENCH_NODE_FLAGS for experiments
 * (e.g. `--trace-gc`, `--cpu-prof --cpu-prof-dir=/tmp/p`; before the script's own flags, which
 * therefore win where both set one). The server is bundled first, as prestart does, from the code
 * being measured: into dist/server, or `serverDir` (tests build their own, so that no two runs
 * replace each other's files).
 */
export async function startScript(serverDir = SERVER_DIST): Promise<string> {
  let built = serverBuilds.get(serverDir);
  if (!built) serverBuilds.set(serverDir, (built = buildServer(serverDir)));
  await built;
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const extra = process.env.LIANSHEN_BENCH_NODE_FLAGS?.trim();
  const bundled = /\S*dist\/server\/main\.mjs/;
  if (!bundled.test(manifest.scripts.start)) throw new Error(`npm start does not run dist/server/main.mjs any more: ${manifest.scripts.start}`);
  return manifest.scripts.start.replace(/^node /, `${process.execPath} ${extra ? `${extra} ` : ''}`).replace(bundled, path.join(serverDir, SERVER_MAIN));
}

export async function startAppNode(databaseUrl: string, env: Record<string, string> = {}): Promise<AppNode> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-bench-node-'));
  const spawnedAt = performance.now();
  // Exactly what `npm start` runs (its Node flags included), without npm's wrapper process, so the
  // pid measured is the app's.
  const child: ChildProcess = spawn('sh', ['-c', `exec ${await startScript()}`], {
    cwd: ROOT,
    // One process unless asked: the restart and memory figures are about one node process.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIANSHEN_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      // LIANSHEN_BENCH_NODE_LOG: keep the node's whole output (e.g. its --trace-gc lines).
      if (process.env.LIANSHEN_BENCH_NODE_LOG) appendFileSync(process.env.LIANSHEN_BENCH_NODE_LOG, chunk);
      output = (output + chunk.toString('utf8')).slice(-20_000);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((code) => reject(new Error(`app node exited with ${code} before listening:\n${output.slice(-3000)}`)));
  });
  const listeningMs = performance.now() - spawnedAt;
  const pid = child.pid!;
  return {
    pid, baseUrl, listeningMs, spawnedAt,
    memory: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
      return { rssMiB: Math.round(kb('VmRSS') / 102.4) / 10, peakMiB: Math.round(kb('VmHWM') / 102.4) / 10 };
    },
    cpuMs: () => processTreeCpuMs(pid),
    stop: async () => {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU ms (user + system) of `root` and every live process descended from it, from /proc. */
export function processTreeCpuMs(root: number): number | undefined {
  const processes = processStats();
  if (!processes) return undefined;
  const parent = new Map(processes.map((p) => [p.pid, p.ppid]));
  if (!parent.has(root)) return undefined;
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops += 1) if (p === root) return true;
    return false;
  };
  let ticks = 0;
  for (const p of processes) if (inTree(p.pid)) ticks += p.utime + p.stime;
  return ticksToMs(ticks);
}
