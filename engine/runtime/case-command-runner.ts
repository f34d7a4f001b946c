/**
 * Every case command runs the same way: build or reuse the engine, apply, save the engine state
 * and our own rows in one transaction, commit, then schedule timers. When this process holds the
 * case's row and open tasks as of its last commit (with its live engine, or with the snapshot
 * alone once the engine cache let the engine go), the command runs on them without locking first
 * and its writes are guarded by the row version (one flight); if another command got there first
 * it runs again on the locked, freshly read case. The cache is an optimisation:
 * correctness never depends on it.
 */
import type { CaseRecord } from '../cases/case-types.ts';
import { CaseSession } from '../cases/case-session.ts';
import { LiveEngine } from '../engine-host/live-engine.ts';
import { EngineCache } from '../engine-host/engine-cache.ts';
import { IdempotencyMismatchError, NotFoundError } from '../errors/domain-error.ts';
import {
  CaseBusyError, DuplicateRequestError, StaleCaseError, type CachedCase, type CaseChanges, type CaseTransaction, type LockedCase, type LockOptions,
} from '../store/case-store.ts';
import type { DeployedDefinition } from '../store/definition-store.ts';
import { CommandSlots } from './command-slots.ts';
import { commandResult, type CommandResult } from './command-result.ts';
import { KnowingTransaction, knownAfter, type KnownRecords } from './known-records.ts';
import type { RuntimeEnvironment } from './runtime-environment.ts';

export interface CommandMeta {
  name: string;
  requestId?: string;
  /**
   * The handler loads the engine itself where it needs it (`s.requireEngine()`): on a case this
   * node does not hold, the engine is then rebuilt from the stored state only when used.
   */
  lazyEngine?: boolean;
  /** An opinion on this task: its round's stored opinions come with the lock (LockOptions.roundOf). */
  roundOf?: string;
}

type Handler = (s: CaseSession) => Promise<void>;

interface Outcome {
  result: CommandResult;
  committed?: CaseSession;
  /** What the node knew of the case before the command (none when it ran locked). */
  knownBefore?: KnownRecords;
}

/**
 * A command computed ahead of its instant (a deadline's effect) whose writes are not sent yet.
 * `commit` sends them in the case's turn; undefined when the case moved on meanwhile (nothing
 * written: run the command again the ordinary way). `stage` sends them shortly before the
 * instant, uncommitted (false: not staged, `commit` sends them); `abandon` drops them.
 */
export interface PreparedCommand {
  stage(): Promise<boolean>;
  commit(): Promise<CommandResult | undefined>;
  abandon(): Promise<void>;
}

/** Attempts to lock a busy case (settling a deadline staged in the way) before waiting in line. */
const BUSY_ATTEMPTS = 4;

/** A case as this node last committed it, with what it knows of its rows. */
type Snapshot = CachedCase & { known?: KnownRecords };

export class CaseCommandRunner {
  private readonly cache: EngineCache<Snapshot>;
  /**
   * How often a command found its live engine vs rebuilt it from the stored state, and how often
   * a command on a cached case had to run again locked (the case had moved on, or it failed).
   */
  readonly stats = { reused: 0, restored: 0, retriedLocked: 0, withoutEngine: 0, fromSnapshot: 0 };
  private readonly definitions = new Map<number, DeployedDefinition>();
  /** Per case, the end of the queue of this process's commands on it. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly slots: CommandSlots;

  get cacheUsage(): { entries: number; bytes: number } {
    return this.cache.usage;
  }

  constructor(private readonly env: RuntimeEnvironment) {
    this.slots = new CommandSlots(env.settings.concurrentCommands);
    this.cache = new EngineCache({
      maxEntries: env.settings.engineCacheSize, maxBytes: env.settings.engineCacheMB * 1_000_000, maxSnapshots: env.settings.caseSnapshotCacheSize,
    });
  }

  /**
   * Run a command on an existing case. Commands on one case in this process run one after
   * another (they would wait for the row lock anyway): each then finds the engine the previous
   * one cached instead of rebuilding it from the stored state.
   */
  async run(caseId: string, meta: CommandMeta, handler: Handler): Promise<CommandResult> {
    return this.inTurn(caseId, () => this.runInTurn(caseId, meta, handler));
  }

  /**
   * Compute a command on the case as stored, as of the instant `instant` reads from it (a
   * deadline's, maybe still ahead; none: nothing to prepare), without sending its writes: the
   * CPU-heavy part (rebuilding the engine, moving it, encoding its state) is done before the
   * instant and only the writes are left for it. The engine is rebuilt, never taken from the
   * cache, and let go afterwards. Undefined when the command changes nothing (it is then run the
   * ordinary way when due).
   */
  async prepare(caseId: string, meta: CommandMeta, handler: Handler, instant: (tx: CaseTransaction) => Promise<Date | undefined>): Promise<PreparedCommand | undefined> {
    let session: CaseSession | undefined;
    let now = new Date(0);
    const { result, write } = await this.slots.run(() => this.env.cases.prepareOnSnapshot(caseId, async (snapshot, tx) => {
      const at = await instant(tx);
      if (!at) return undefined;
      // Never before the case's last step: its events stay in order.
      now = new Date(Math.max(at.getTime(), snapshot.row.updatedAt.getTime()));
      const definition = await this.definition(snapshot.row.definitionId);
      const engine = async () => LiveEngine.restore(caseId, definition.id, definition.sourceContext, await tx.engineState());
      const s = new CaseSession(this.env, { ...snapshot.row }, definition, engine, tx, [...snapshot.openTasks], snapshot.lastSeq, now);
      session = s;
      return (await this.apply(s, meta, handler)).result;
    }));
    if (!write || !session || !result) return undefined;
    const s = session;
    s.releaseEngine();
    s.changes.engineState = undefined; // encoded into the write already
    return {
      // In the case's turn: a command of this process on the case that came first is not
      // overtaken; one that comes after finds it staged and settles it (lockedCase).
      stage: () => this.inTurn(caseId, () => this.slots.run(() => write.stage(now))),
      abandon: () => write.abandon(),
      commit: () => this.inTurn(caseId, async () => {
        try {
          // Outside the command slots: a staged write's commit is one COMMIT PREPARED on the
          // store's own connection (or a wait for the one another case of its staging sent), an
          // unstaged one a flight of writes with no read inside it — neither can starve a command
          // of a connection, and queueing behind the commands only makes a deadline late.
          await write.commit();
        } catch (error) {
          if (error instanceof StaleCaseError) return undefined;
          throw error;
        }
        // Without its engine the session leaves the case's snapshot alone in the cache; whatever
        // this node held of the case, a version behind now, is dropped (committed() replaces it).
        await this.committed(s, undefined);
        return result;
      }),
    };
  }

  /** Run `work` after this process's earlier commands on the case, before its later ones. */
  private async inTurn<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(caseId);
    let release!: () => void;
    const done = new Promise<void>((resolve) => { release = resolve; });
    const tail = previous ? previous.then(() => done) : done;
    this.queues.set(caseId, tail);
    try {
      if (previous) await previous;
      return await work();
    } finally {
      release();
      if (this.queues.get(caseId) === tail) this.queues.delete(caseId);
    }
  }

  private async runInTurn(caseId: string, meta: CommandMeta, handler: Handler): Promise<CommandResult> {
    // Taken out of the cache: a concurrent command on the same case in this process runs locked.
    const cached = this.cache.take(caseId);
    if (cached?.snapshot) {
      const snapshot = cached.snapshot;
      try {
        const result = await this.guard(caseId, () => this.env.cases.withCachedCase(snapshot, async (stored) => {
          const definition = await this.definition(snapshot.row.definitionId);
          const tx = snapshot.known ? new KnowingTransaction(stored, snapshot.known) : stored;
          // A snapshot kept without its engine: the engine is rebuilt from the stored state only
          // if the command needs it (the store refuses a state of another version than the snapshot's).
          const engine = cached.engine ?? (async () => {
            const state = await tx.engineState();
            this.stats.restored += 1;
            return LiveEngine.restore(caseId, definition.id, definition.sourceContext, state);
          });
          const s = new CaseSession(this.env, { ...snapshot.row }, definition, engine, tx, [...snapshot.openTasks], snapshot.lastSeq, this.env.clock.now());
          if (!meta.lazyEngine) await s.requireEngine();
          return { ...(await this.apply(s, meta, handler)), knownBefore: snapshot.known };
        }));
        if (cached.engine) this.stats.reused += 1;
        else this.stats.fromSnapshot += 1;
        return result;
      } catch {
        // Stale, a repeated request id, or a refusal that may come from a stale view: the locked
        // path decides with what is stored (replaying a prior result, or refusing for real).
        this.stats.retriedLocked += 1;
      }
    }
    const cachedVersion = this.cache.peekVersion(caseId);
    return this.guard(caseId, () =>
      this.lockedCase(caseId, { requestId: meta.requestId, cachedVersion, roundOf: meta.roundOf }, async (locked, tx) => {
        if (locked.prior) return { result: replay(locked.prior, meta) };
        const definition = await this.definition(locked.row.definitionId);
        const engine = () => this.engineFor(caseId, locked.row.version, definition, tx);
        const s = new CaseSession(this.env, { ...locked.row }, definition, engine, tx, await tx.openTasks(), locked.lastSeq, this.env.clock.now());
        if (!meta.lazyEngine) await s.requireEngine();
        const outcome = await this.apply(s, meta, handler);
        if (!s.hasEngine) this.stats.withoutEngine += 1;
        return outcome;
      }),
    );
  }

  /**
   * Lock the case and run `work`. The case may be held by a deadline's writes staged for its
   * instant (PreparedCommand.stage), which would hold it until then: such a holder is settled
   * first, else (another node's command) the lock is tried again shortly, then waited for.
   */
  private async lockedCase<T>(caseId: string, options: LockOptions, work: (locked: LockedCase, tx: CaseTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.env.cases.withLockedCase(caseId, { ...options, wait: attempt > BUSY_ATTEMPTS }, work);
      } catch (error) {
        if (!(error instanceof CaseBusyError)) throw error;
        if (!(await this.settleStaged(caseId))) await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
      }
    }
  }

  /**
   * Settle deadlines' writes staged and still uncommitted, of one case (in the way of a command)
   * or of every case (the sweep: their node may be gone). One whose instant has come commits: the
   * deadline passed before anyone acted. One still ahead gives way (rolled back) to the command
   * that came before it, whose case it is; the deadline's wake then runs the ordinary way at its
   * instant (a department that acted in time is not deemed to consent), as do those of the other
   * cases staged with it, rolled back with it. The sweep leaves those ahead, and those due for
   * less than `graceMs`, to the node that staged them. Returns how many.
   */
  async settleStaged(caseId?: string, graceMs = 0): Promise<number> {
    const now = this.env.clock.now().getTime();
    let settled = 0;
    for (const staged of await this.env.cases.stagedWrites(caseId)) {
      const due = staged.at.getTime() <= now - graceMs;
      if (!due && !caseId) continue;
      if (await this.env.cases.finishStaged(staged.id, due)) settled += 1;
      for (const id of staged.caseIds) this.cache.evict(id);
    }
    return settled;
  }

  /** Start a new case of `definition` and run `handler` on it in the same transaction. */
  async start(row: Omit<CaseRecord, 'caseNumber'>, definition: DeployedDefinition, variables: Record<string, unknown>, meta: CommandMeta, handler: Handler): Promise<CommandResult> {
    if (meta.requestId) {
      const prior = await this.env.cases.findCommand(meta.requestId);
      if (prior) return replay(prior, meta);
    }
    this.definitions.set(definition.id, definition);
    const engine = await LiveEngine.start(row.id, definition.id, definition.sourceContext, variables);
    try {
      return await this.guard(row.id, () =>
        this.env.cases.withNewCase(row, (locked: LockedCase, tx: CaseTransaction) =>
          this.apply(new CaseSession(this.env, { ...locked.row }, definition, engine, tx, [], locked.lastSeq, row.createdAt), meta, handler),
        ),
      );
    } catch (error) {
      const prior = error instanceof DuplicateRequestError && meta.requestId ? await this.env.cases.findCommand(meta.requestId) : undefined;
      if (prior) return replay(prior, meta);
      throw error;
    }
  }

  private async engineFor(caseId: string, version: number, definition: DeployedDefinition, tx: CaseTransaction): Promise<LiveEngine> {
    // Taken, not shared: a live engine belongs to one command at a time.
    const live = this.cache.take(caseId);
    if (live?.engine && live.version === version) {
      this.stats.reused += 1;
      return live.engine;
    }
    this.stats.restored += 1;
    return LiveEngine.restore(caseId, definition.id, definition.sourceContext, await tx.engineState());
  }

  /** The deployed definition with this id (immutable, so cached for the process lifetime). */
  async definition(id: number): Promise<DeployedDefinition> {
    let definition = this.definitions.get(id);
    if (!definition) {
      definition = await this.env.definitions.byId(id);
      if (!definition) throw new NotFoundError(`definition ${id} not found`);
      this.definitions.set(id, definition);
    }
    return definition;
  }

  private async apply(s: CaseSession, meta: CommandMeta, handler: Handler): Promise<Outcome> {
    await handler(s);
    if (s.row.form !== s.initialForm && s.row.version > 0) s.event('form-changed', { from: s.initialForm, to: s.row.form });
    if (!hasChanges(s)) return { result: commandResult(s) };
    s.row.version += 1;
    s.row.updatedAt = s.now;
    if (s.engineTouched) s.changes.engineState = await s.engine.state();
    const result = commandResult(s);
    if (meta.requestId) s.changes.command = { requestId: meta.requestId, name: meta.name, result };
    await s.tx.save(s.changes);
    return { result, committed: s };
  }

  // The transaction is over once the store returns: only then cache the engine and arm timers.
  private async guard(caseId: string, work: () => Promise<Outcome>): Promise<CommandResult> {
    try {
      const outcome = await this.slots.run(work);
      if (outcome.committed) await this.committed(outcome.committed, outcome.knownBefore);
      return outcome.result;
    } catch (error) {
      this.cache.evict(caseId);
      throw error;
    }
  }

  private async committed(s: CaseSession, knownBefore: KnownRecords | undefined): Promise<void> {
    // A command that never needed the engine keeps the case's snapshot alone (whatever was kept
    // before is now stale and replaced). A cache with no budget keeps nothing (every command rebuilds what it needs: the bench's cold runs).
    // An ended case's engine is let go: its process is over, and a live engine kept for nothing
    // makes every garbage collection of the node mark ~1.4 MB more (rating and verification
    // commands on it, days later, rebuild it from the stored state like any other).
    if (s.row.status === 'running' && this.cache.keepsEngines) {
      this.cache.put(s.row.id, s.row.version, s.hasEngine ? s.engine : undefined, { ...cacheable(s), known: knownAfter(knownBefore, s) });
    } else {
      this.cache.evict(s.row.id);
    }
    await scheduleTimers(this.env, s.changes).catch((error) =>
      this.env.log?.('timer scheduling failed; the sweep will catch up', { caseId: s.row.id, error: String(error) }));
    const change = { caseRow: s.row, events: s.changes.events, tasks: [...s.changes.newTasks, ...s.changes.updatedTasks], openTasks: s.openTasks };
    for (const listener of this.env.listeners ?? []) {
      try {
        await listener(change);
      } catch (error) {
        this.env.log?.('a commit listener failed', { caseId: s.row.id, error: String(error) });
      }
    }
  }
}

/** The case as committed, to run the next command on without reading it again. */
function cacheable(s: CaseSession): CachedCase {
  const openTasks = [...s.openTasks].sort(storeOrder);
  return { row: { ...s.row }, lastSeq: s.lastSeq, openTasks };
}

// The order the store lists open tasks in (created, then execution id, byte order).
function storeOrder(a: { createdAt: Date; executionId: string }, b: { createdAt: Date; executionId: string }): number {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.executionId < b.executionId ? -1 : a.executionId > b.executionId ? 1 : 0;
}

function replay(prior: { name: string; result: unknown }, meta: CommandMeta): CommandResult {
  if (prior.name !== meta.name) {
    throw new IdempotencyMismatchError(`request id ${meta.requestId} was used for ${prior.name}`, { requestId: meta.requestId });
  }
  return prior.result as CommandResult;
}

function hasChanges(s: CaseSession): boolean {
  const c: CaseChanges = s.changes;
  return s.engineTouched || c.events.length > 0 || c.newTasks.length > 0 || c.updatedTasks.length > 0
    || c.timers.length > 0 || c.cancelledTimers.length > 0 || c.cancelledTaskTimers.length > 0 || c.meetings.length > 0 || c.materials.length > 0 || c.firedTimers.length > 0 || c.caseRow.version === 0;
}

async function scheduleTimers(env: RuntimeEnvironment, changes: CaseChanges): Promise<void> {
  // All of a command's wake-ups in one statement: a poll never sees half of them (a case's timers
  // due together are claimed, prepared and fired together), and one round trip, not one each.
  const armed = changes.timers.filter((t) => t.remainingDays === null).map((t) => ({ caseId: t.caseId, key: t.key, dueAt: t.dueAt }));
  if (armed.length) await env.scheduler.scheduleAll(armed);
  if (changes.cancelledTimers.length) await env.scheduler.cancelAll(changes.caseRow.id, changes.cancelledTimers);
}
