/**
 * A production app node (`npm start`: api/main.ts under tsx) started as a child process on the
 * bench's database: how long it takes to listen, and its memory (/proc) while the bench uses it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppNode {
  pid: number;
  baseUrl: string;
  /** Wall time from spawning the process to its "listening" line, ms. */
  listeningMs: number;
  spawnedAt: number;
  /** Resident set size now and its peak so far (VmRSS, VmHWM), MiB. */
  memory(): Promise<{ rssMiB: number; peakMiB: number }>;
  stop(): Promise<void>;
}

export async function startAppNode(databaseUrl: string, env: Record<string, string> = {}): Promise<AppNode> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lianshen-bench-node-'));
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
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
    stop: async () => {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
