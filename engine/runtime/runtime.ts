/**
 * The runtime's public face: the functions the API (and tests) call. Each case command runs
 * through the CaseCommandRunner: one lock, one transaction, timers armed after commit.
 */
import { randomUUID } from 'node:crypto';
import { pauseClock, resumeClock } from '../cases/case-clock.ts';
import { completeTask, type CompleteTaskInput } from '../cases/complete-task.ts';
import { endCase } from '../cases/end-case.ts';
import { afterStart } from '../cases/start-case.ts';
import { prepareCase, type StartCaseInput } from '../cases/prepare-case.ts';
import type { ProjectRecord } from '../store/project-store.ts';
import { compileDefinition } from '../definitions/compile-definition.ts';
import { fireTimers, type FireResult } from '../deadlines/fire-timer.ts';
import { NotFoundError, ValidationError } from '../errors/domain-error.ts';
import { giveOpinion, type GiveOpinionInput } from '../joint-review/give-opinion.ts';
import { signFor } from '../joint-review/sign-for.ts';
import { markGreen, type MarkGreenInput } from '../green-channel/mark-green.ts';
import { supplyMaterials } from '../green-channel/missing-materials.ts';
import { closeMeeting, type CloseMeetingInput } from '../meetings/close-meeting.ts';
import { scheduleMeeting, type ScheduleMeetingInput } from '../meetings/schedule-meeting.ts';
import type { DeployedDefinition } from '../store/definition-store.ts';
import { CaseCommandRunner } from './case-command-runner.ts';
import { rateCase, type RateCaseInput } from '../rating/rate-case.ts';
import { verifyLedger, type LedgerVerification } from '../ledger/verify-ledger.ts';
import { recordFinding, type RecordFindingInput } from '../rating/verification/record-finding.ts';
import { VerificationCoordinator } from '../rating/verification/verification-coordinator.ts';
import { isVerificationTimerKey } from '../rating/verification/verification-item.ts';
import type { CommandResult } from './command-result.ts';
import type { CaseTransaction } from '../store/case-store.ts';
import type { RuntimeEnvironment } from './runtime-environment.ts';


interface CaseRef {
  caseId: string;
  requestId?: string;
}

/** A case's timers fired ahead of their instant, waiting for it (Runtime.prepareTimers). */
export interface PreparedTimers {
  stage(): Promise<boolean>;
  commit(): Promise<FireResult[] | undefined>;
  abandon(): Promise<void>;
}

export class Runtime {
  private readonly runner: CaseCommandRunner;
  /** 差评核查: starts verifications of 不满意 ratings and reports their conclusions back. */
  private readonly verification: VerificationCoordinator;

  constructor(readonly env: RuntimeEnvironment) {
    this.runner = new CaseCommandRunner(env);
    this.verification = new VerificationCoordinator(env, this.runner);
  }

  /**
   * Live-engine cache counters: commands that reused an engine vs rebuilt it from its state,
   * commands on a cached case that had to run again locked, and locked commands that never
   * needed the engine (签收, an opinion before its round's last).
   */
  get engineStats(): { reused: number; restored: number; retriedLocked: number; withoutEngine: number; fromSnapshot: number } {
    return { ...this.runner.stats };
  }

  /** Live engines this node keeps and their estimated heap (bytes; 0 when bounded by count alone). */
  get engineCacheUsage(): { entries: number; bytes: number } {
    return this.runner.cacheUsage;
  }

  /** Validate an uploaded BPMN file and store it as the next immutable version of its item. */
  async deploy(xml: string | Buffer, meta: { deployedBy?: string; catalogue?: unknown } = {}): Promise<DeployedDefinition> {
    const compiled = await compileDefinition(xml);
    return (await this.env.definitions.deploy(compiled, { deployedBy: meta.deployedBy ?? null, catalogue: meta.catalogue, at: this.env.clock.now() })).definition;
  }

  /**
   * Deploy unless the latest version of the item already has exactly this text, compiled to the
   * engine form this runtime runs (a version compiled by an older runtime is deployed anew). With
   * `onlyOverDeployedBy`, also leave the item alone once someone else deployed its latest version.
   */
  async deployIfChanged(xml: string, meta: { deployedBy?: string; catalogue?: unknown; onlyOverDeployedBy?: string } = {}): Promise<{ deployed: boolean; definition: DeployedDefinition }> {
    const compiled = await compileDefinition(xml);
    return this.env.definitions.deploy(compiled, {
      deployedBy: meta.deployedBy ?? null, catalogue: meta.catalogue, at: this.env.clock.now(), skipIfUnchanged: true, onlyOverDeployedBy: meta.onlyOverDeployedBy,
    });
  }

  /** Apply for an item in a region: the latest version, participants resolved for the region. */
  async startCase(input: StartCaseInput): Promise<CommandResult> {
    const { definition, row, variables } = await prepareCase(this.env, input);
    return this.runner.start(row, definition, variables, { name: 'start', requestId: input.requestId }, (s) => afterStart(s, input.materials ?? [], input.urgent ?? false));
  }

  /** Register a construction project that groups an applicant's cases. */
  async registerProject(input: { name: string; applicantId: string; regionCode: string }): Promise<ProjectRecord> {
    if (!input.name.trim()) throw new ValidationError('a project needs a name', [{ path: 'name', reason: 'required' }]);
    if (!(await this.env.org.region(input.regionCode))) throw new ValidationError('unknown region', [{ path: 'regionCode', reason: `no region "${input.regionCode}"` }]);
    const project: ProjectRecord = {
      id: randomUUID(), name: input.name, applicantId: input.applicantId, regionCode: input.regionCode, keyProject: false,
      helperId: null, markedBy: null, markedAt: null, createdAt: this.env.clock.now(),
    };
    await this.env.projects.create(project);
    return project;
  }

  /** 重点项目: a supervisor registers a project as key project; every running case of it goes green. */
  async markKeyProject(input: { projectId: string; actor: string; helperId?: string }): Promise<{ markedCases: string[] }> {
    if (!(await this.env.projects.get(input.projectId))) throw new NotFoundError('no such project', { projectId: input.projectId });
    await this.env.projects.markKey(input.projectId, input.actor, input.helperId ?? null, this.env.clock.now());
    // Each case in its own transaction; running this again finishes what a crash interrupted.
    const markedCases: string[] = [];
    for (const caseId of await this.env.projects.casesToMarkGreen(input.projectId)) {
      await this.markGreen({ caseId, actor: input.actor, reason: '重点项目', helperId: input.helperId });
      markedCases.push(caseId);
    }
    return { markedCases };
  }

  /** 签收: a department signs for its task. */
  signFor(input: CaseRef & { taskId: string; actor: string }): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'sign-for', requestId: input.requestId, lazyEngine: true }, async (s) => signFor(s, input.taskId, input.actor));
  }

  /** A department's opinion on its review task. */
  giveOpinion(input: CaseRef & GiveOpinionInput): Promise<CommandResult> {
    // The engine is rebuilt only for the round's last opinion (record-opinion.ts).
    return this.verification.run(input.caseId, { name: 'opinion', requestId: input.requestId, lazyEngine: true, roundOf: input.taskId }, (s) => giveOpinion(s, input));
  }

  /** Complete a non-review task (acceptance, supplement, decision, meeting, dispatch …). */
  completeTask(input: CaseRef & CompleteTaskInput): Promise<CommandResult> {
    return this.verification.run(input.caseId, { name: 'complete-task', requestId: input.requestId }, (s) => completeTask(s, input));
  }

  /** 联审会: the lead department schedules (or reschedules) the meeting of a meeting task. */
  scheduleMeeting(input: CaseRef & ScheduleMeetingInput): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'schedule-meeting', requestId: input.requestId }, async (s) => { await scheduleMeeting(s, input); });
  }

  /** Close the meeting with attendance and decision; absent invitees default to its decision (缺席默认). */
  closeMeeting(input: CaseRef & CloseMeetingInput): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'close-meeting', requestId: input.requestId }, (s) => closeMeeting(s, input));
  }

  /** 绿色通道: a supervisor marks a running case green (optionally naming its 帮办). */
  markGreen(input: CaseRef & MarkGreenInput): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'mark-green', requestId: input.requestId }, (s) => markGreen(s, input));
  }

  /** 容缺受理: the applicant supplies materials promised at acceptance. */
  supplyMaterials(input: CaseRef & { codes: string[]; actor: string }): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'supply-materials', requestId: input.requestId }, (s) => supplyMaterials(s, input.codes, input.actor));
  }

  /** Stop the case clock (expert review, hearing …; 补正 stops it by itself). */
  pauseClock(input: CaseRef & { reason: string }): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'pause', requestId: input.requestId }, (s) => pauseClock(s, input.reason));
  }

  /** Restart the case clock. */
  resumeClock(input: CaseRef): Promise<CommandResult> {
    return this.runner.run(input.caseId, { name: 'resume', requestId: input.requestId }, (s) => resumeClock(s));
  }

  /** Withdraw a running case (by the applicant or the centre), closing every open task. */
  cancelCase(input: CaseRef & { actor: string; reason: string }): Promise<CommandResult> {
    return this.verification.run(input.caseId, { name: 'cancel', requestId: input.requestId }, async (s) => {
      if (s.row.status !== 'running') throw new ValidationError('case has ended', [{ path: 'caseId', reason: `case is ${s.row.status}` }]);
      s.event('cancel-requested', { by: input.actor, reason: input.reason });
      await endCase(s, 'cancelled');
    });
  }

  /**
   * 一事一评价: the applicant rates an ended case, once, before its rating window closes. A
   * 不满意-or-worse rating commits with a pending verification start, which is fired right
   * away (and by agenda or the sweep should this node stop first); a retry fires it again.
   */
  async rateCase(input: CaseRef & RateCaseInput): Promise<CommandResult> {
    const result = await this.runner.run(input.caseId, { name: 'rate', requestId: input.requestId }, (s) => rateCase(s, input));
    await this.verification.afterRating(input.caseId);
    return result;
  }

  /** 差评核查: the 电子监察室's finding (属实 / 部分属实 / 不属实) on a verification's investigation task. */
  recordVerificationFinding(input: CaseRef & RecordFindingInput): Promise<CommandResult> {
    return this.verification.run(input.caseId, { name: 'verification-finding', requestId: input.requestId }, (s) => recordFinding(s, input));
  }

  /**
   * Recompute the ledger's hash chains of opinions, default consents and ratings; the first
   * broken link, if any. Anchors what has been appended since the last anchor first, so every
   * committed entry is checked against an anchor too.
   */
  async verifyLedger(): Promise<LedgerVerification> {
    await this.anchorLedger();
    return verifyLedger(this.env.ledger);
  }

  /** Tie every case's ledger chain into the chain of anchors (the sweep does this periodically). */
  async anchorLedger(): Promise<number | null> {
    return this.env.ledger.anchor(this.env.clock.now());
  }

  /** Wake a case for one of its timers (agenda job or sweep); a stale wake changes nothing. */
  async fireTimer(caseId: string, key: string): Promise<FireResult> {
    return (await this.fireTimers(caseId, [key]))[0]!;
  }

  /**
   * Wake a case for several of its timers in one command (a burst of deadlines at one instant:
   * one lock, one engine state, one commit per case); each result as `fireTimer` would report it.
   */
  async fireTimers(caseId: string, keys: readonly string[]): Promise<FireResult[]> {
    const results: FireResult[] = [];
    const plain: number[] = [];
    for (const [i, key] of keys.entries()) {
      if (isVerificationTimerKey(key)) results[i] = await this.verification.fire(caseId, key);
      else plain.push(i);
    }
    if (!plain.length) return results;
    // Most timers (lights, reminders, a default consent before its round's last, a stale wake) never need the engine.
    await this.runner.run(caseId, { name: 'timer', lazyEngine: true }, async (s) => {
      const fired = await fireTimers(s, plain.map((i) => keys[i]!));
      plain.forEach((i, n) => { results[i] = fired[n]!; });
    });
    return results;
  }

  /**
   * Compute ahead what firing these timers of one case at their due instant (maybe still ahead)
   * will write, leaving only the writes for the instant: a burst of deadlines at
   * the start of office hours then takes effect at its instant instead of queueing behind the
   * engine work of every case before it. `commit()` answers as `fireTimers` would, or undefined
   * when the case moved on meanwhile (fire them then). `stage()`, shortly before the instant,
   * sends the writes uncommitted so that the instant costs only their commit; `abandon()` drops
   * them. Undefined when nothing would change, or for the timers of 差评核查 (they span two cases).
   */
  async prepareTimers(caseId: string, keys: readonly string[]): Promise<PreparedTimers | undefined> {
    if (keys.some((key) => isVerificationTimerKey(key))) return undefined;
    let results: FireResult[] = [];
    // As of the deadline itself (the latest of these timers'): what the ordinary wake would
    // write at that instant, with that instant on every record.
    const instant = async (tx: CaseTransaction) => {
      const due = (await tx.timersOf({ pendingOnly: true })).filter((t) => keys.includes(t.key)).map((t) => t.dueAt.getTime());
      return due.length ? new Date(Math.max(...due)) : undefined;
    };
    const prepared = await this.runner.prepare(caseId, { name: 'timer', lazyEngine: true }, async (s) => {
      results = await fireTimers(s, keys);
    }, instant);
    if (!prepared) return undefined;
    return {
      stage: () => prepared.stage(),
      commit: async () => ((await prepared.commit()) ? results : undefined),
      abandon: () => prepared.abandon(),
    };
  }

  /**
   * The safety net: fire every pending timer already due by the clock (by more than
   * `overdueByMs`, so a sweep leaves the timers agenda is about to fire to agenda); returns how
   * many fired. A case's due timers fire in one command.
   */
  async runDueTimers(limit = 1000, options: { overdueByMs?: number } = {}): Promise<number> {
    // Deadlines staged for their instant by a node that did not commit them (it died): their
    // instant has come, so they take effect now, as the wake below would.
    await this.runner.settleStaged(undefined, options.overdueByMs ?? 0)
      .catch((error) => this.env.log?.('settling staged deadlines failed; the next sweep retries', { error: String(error) }));
    let fired = 0;
    // Firing can arm timers that are already due (a second 催办 after a long outage): repeat
    // until a pass fires nothing.
    for (let pass = 0; pass < 100; pass += 1) {
      let firedNow = 0;
      const byCase = new Map<string, string[]>();
      for (const timer of await this.env.cases.dueTimers(new Date(this.env.clock.now().getTime() - (options.overdueByMs ?? 0)), limit)) {
        const keys = byCase.get(timer.caseId);
        if (keys) keys.push(timer.key);
        else byCase.set(timer.caseId, [timer.key]);
      }
      for (const [caseId, keys] of byCase) {
        firedNow += (await this.fireTimers(caseId, keys)).filter((r) => r === 'fired').length;
      }
      fired += firedNow;
      if (firedNow === 0) break;
    }
    // The sweep is the runtime's periodic chore: it also anchors the ledger's new entries.
    await this.anchorLedger().catch((error) => this.env.log?.('ledger anchoring failed; the next sweep retries', { error: String(error) }));
    return fired;
  }
}
