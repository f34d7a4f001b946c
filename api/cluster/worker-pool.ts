/**
 * The primary's workers: forked, told where the database is, waited for until they listen,
 * replaced when one dies, and stopped in order.
 */
import cluster, { type Worker } from 'node:cluster';
import { isMessage, type ToPrimary, type ToWorker } from './messages.ts';

/** A worker that keeps dying soon after its start is restarted ever more slowly, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before dying counts as healthy: its replacement starts at once. */
const HEALTHY_AFTER_MS = 10_000;
/** How long a worker may take to finish its requests and close its connections before SIGKILL. */
const STOP_TIMEOUT_MS = 20_000;

interface Slot {
  index: number;
  worker?: Worker;
  startedAt: number;
  /** Its private loopback port once it listens. */
  privatePort?: number;
  /** Deaths in a row, each soon after its start. */
  quickDeaths: number;
  restart?: NodeJS.Timeout;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private stopping = false;
  private started = false;

  constructor(count: number, private readonly startMessage: Extract<ToWorker, { type: 'lianshen:start' }>, private readonly log: (line: string) => void) {
    this.slots = Array.from({ length: count }, (_, index) => ({ index, startedAt: 0, quickDeaths: 0 }));
  }

  /** Fork every worker; resolves with the URL once all listen, rejects if one exits first. */
  async start(): Promise<string> {
    const urls = await Promise.all(this.slots.map((slot) => this.fork(slot)));
    this.started = true;
    return urls[0]!;
  }

  /** Ask every worker to stop, wait for each (SIGKILL after STOP_TIMEOUT_MS); no replacements from here on. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.slots.map(async (slot) => {
      clearTimeout(slot.restart);
      const worker = slot.worker;
      if (!worker || worker.isDead()) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const kill = setTimeout(() => {
        this.log(`worker ${slot.index + 1} (pid ${worker.process.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
        worker.process.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      try {
        worker.send({ type: 'lianshen:stop' } satisfies ToWorker);
      } catch {
        worker.process.kill('SIGKILL'); // its channel is gone: it cannot be asked
      }
      await exited;
      clearTimeout(kill);
    }));
  }

  private fork(slot: Slot): Promise<string> {
    const worker = cluster.fork({ LIANSHEN_WORKER: String(slot.index + 1), LIANSHEN_WORKER_SLOTS: String(this.slots.length) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    return new Promise<string>((resolve, reject) => {
      let listening = false;
      worker.on('message', (message: unknown) => {
        if (isMessage<ToPrimary>(message, 'lianshen:hello')) worker.send(this.startMessage);
        if (!isMessage<Extract<ToPrimary, { type: 'lianshen:listening' }>>(message, 'lianshen:listening') || listening) return;
        listening = true;
        slot.privatePort = message.privatePort;
        this.tellPeers();
        if (this.started) this.log(`worker ${slot.index + 1} (pid ${worker.process.pid}) replaced the one that died, listening`);
        resolve(message.url);
      });
      worker.once('exit', (code, signal) => {
        if (slot.worker === worker) {
          slot.worker = undefined;
          slot.privatePort = undefined;
          this.tellPeers();
        }
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!listening) reject(new Error(`worker ${slot.index + 1} (pid ${worker.process.pid}) exited (${how}) before listening`));
        if (this.stopping) return;
        if (!this.started) return; // start() fails: the primary stops
        this.replace(slot, how);
      });
    });
  }

  /** Every live worker learns where the others' private ports are. */
  private tellPeers(): void {
    if (this.stopping) return;
    const ports: Array<[number, number]> = this.slots.filter((s) => s.privatePort !== undefined).map((s) => [s.index, s.privatePort!]);
    for (const slot of this.slots) {
      if (!slot.worker || slot.worker.isDead() || !slot.worker.isConnected()) continue;
      try {
        slot.worker.send({ type: 'lianshen:peers', ports } satisfies ToWorker);
      } catch {
        // exiting: its exit replaces it
      }
    }
  }

  private replace(slot: Slot, how: string): void {
    const ranMs = Date.now() - slot.startedAt;
    slot.quickDeaths = ranMs < HEALTHY_AFTER_MS ? slot.quickDeaths + 1 : 0;
    const delay = slot.quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (slot.quickDeaths - 1));
    this.log(`worker ${slot.index + 1} exited (${how}) after ${Math.round(ranMs / 1000)} s: starting another${delay ? ` in ${delay / 1000} s` : ''}`);
    slot.restart = setTimeout(() => {
      slot.restart = undefined;
      if (this.stopping) return;
      // A replacement that fails before listening is itself replaced (its exit lands here again).
      this.fork(slot).catch(() => {});
    }, delay);
  }
}
