/**
 * The steps of 差评核查 that span two cases, each a command of its own (one case, one
 * transaction), each idempotent, each re-run until it took effect:
 *
 *   rating (R)  ──commits──▶  `verification:start` timer on R, due now
 *   fire start: read R → start V (request id `verification:<R>`: one V per R, ever)
 *               → link on R (`verification-started`, request id `verification-started:<R>`; marks the timer fired)
 *   V ends      ──commits──▶  `verification-concluded` on V + `verification:report:<R>` timer on V, due now
 *   fire report: read V's conclusion → record it on R (`verification-concluded`, request id
 *               `verification-concluded:<V>`) → mark the report timer fired
 *
 * A crash anywhere leaves a pending timer behind; agenda or the sweep fires it again and every
 * step already done replays from command_log instead of running twice. The runtime also fires
 * each step right after the command that made it due, so nothing waits for the sweep normally.
 */
import type { CaseSession } from '../../cases/case-session.ts';
import type { CaseRecord } from '../../cases/case-types.ts';
import { afterStart } from '../../cases/start-case.ts';
import { prepareCase } from '../../cases/prepare-case.ts';
import type { FireResult } from '../../deadlines/fire-timer.ts';
import { NotFoundError } from '../../errors/domain-error.ts';
import { resolveDepartment } from '../../joint-review/participants.ts';
import type { Region } from '../../org/region.ts';
import type { CaseCommandRunner, CommandMeta } from '../../runtime/case-command-runner.ts';
import type { CommandResult } from '../../runtime/command-result.ts';
import type { RuntimeEnvironment } from '../../runtime/runtime-environment.ts';
import { departmentConcerned } from './department-concerned.ts';
import { concludeIfEnded, verificationConclusion, type VerificationConclusion } from './verification-conclusion.ts';
import {
  concludeRequestId, isVerificationCase, linkRequestId, ratedCaseOfReportKey, reportKey, startRequestId, VERIFICATION_ITEM_CODE,
  VERIFICATION_MATERIALS, VERIFICATION_START_KEY, VERIFICATION_TASKS, verificationLinkOf, type VerificationLink,
} from './verification-item.ts';

type Runner = Pick<CaseCommandRunner, 'run' | 'start'>;
type Handler = (s: CaseSession) => Promise<void>;

interface RatedCase {
  row: Pick<CaseRecord, 'id' | 'caseNumber' | 'itemCode' | 'regionCode' | 'applicantId'>;
  departmentId: string;
}

export class VerificationCoordinator {
  constructor(private readonly env: RuntimeEnvironment, private readonly runner: Runner) {}

  /**
   * Run a command that may end a verification case: its conclusion is recorded in the same
   * transaction, and reported to the rated case right after the commit.
   */
  async run(caseId: string, meta: CommandMeta, handler: Handler): Promise<CommandResult> {
    let report: string | undefined;
    const result = await this.runner.run(caseId, meta, async (s) => {
      // Read before the command: a completed process has no variables any more.
      if (isVerificationCase(s)) await s.requireEngine();
      const link = verificationLinkOf(s);
      await handler(s);
      if (link && (await concludeIfEnded(s, link))) report = reportKey(link.ratedCaseId);
    });
    if (report) await this.fire(caseId, report);
    return result;
  }

  /** Right after a rating committed: start its verification if it asked for one (else nothing happens). */
  async afterRating(ratedCaseId: string): Promise<void> {
    await this.fire(ratedCaseId, VERIFICATION_START_KEY);
  }

  /**
   * Fire one of the verification timers (agenda job, sweep, or right after the command that
   * armed it). Failures are logged and leave the timer pending: the next sweep tries again.
   */
  async fire(caseId: string, key: string): Promise<FireResult> {
    try {
      if (key === VERIFICATION_START_KEY) return await this.start(caseId);
      const ratedCaseId = ratedCaseOfReportKey(key);
      if (ratedCaseId) return await this.report(caseId, ratedCaseId, key);
      return 'stale';
    } catch (error) {
      this.env.log?.('a verification step failed; its timer stays pending for the sweep', { caseId, key, error: String(error) });
      return 'not-due';
    }
  }

  // ── start ────────────────────────────────────────────────────────────────────────────────

  private async start(ratedCaseId: string): Promise<FireResult> {
    const due = await this.read<{ state: FireResult; rated?: RatedCase }>(ratedCaseId, async (s) => {
      const state = await pendingState(s, VERIFICATION_START_KEY);
      return state === 'fired' ? { state, rated: { row: { ...s.row }, departmentId: await departmentConcerned(s) } } : { state };
    });
    const rated = due.rated;
    if (!rated) return due.state;
    const opened = await this.open(rated);
    let linked = false;
    await this.runner.run(ratedCaseId, { name: 'verification-started', requestId: linkRequestId(ratedCaseId) }, async (s) => {
      linked = true;
      if ((await pendingState(s, VERIFICATION_START_KEY)) !== 'stale') s.changes.firedTimers.push(VERIFICATION_START_KEY);
      const started = { verificationCaseId: opened.caseId, verificationCaseNumber: opened.caseNumber, departmentId: rated.departmentId, dueAt: opened.dueAt };
      s.event('verification-started', started);
      s.notify(s.row.applicantId, 'verification-started', started);
    });
    return linked ? 'fired' : 'stale';
  }

  /** Start the verification case of a rated case; a second call returns the first one's result. */
  private async open(rated: RatedCase): Promise<CommandResult> {
    const region = await this.verificationRegion(rated.row.regionCode);
    const { definition, row, variables } = await prepareCase(this.env, {
      itemCode: VERIFICATION_ITEM_CODE, regionCode: region.code, applicantId: rated.row.applicantId, startedBy: 'system',
    });
    const department = await resolveDepartment(this.env.org, rated.departmentId);
    const link: VerificationLink = {
      ratedCaseId: rated.row.id, ratedCaseNumber: rated.row.caseNumber, ratedItemCode: rated.row.itemCode, departmentId: department.departmentId,
    };
    // Like a 12345 routing, the rectifying department is chosen at run time.
    for (const name of ['participants', 'allParticipants']) {
      variables[name] = { ...(variables[name] as Record<string, unknown>), [VERIFICATION_TASKS.rectify]: [department] };
    }
    variables.verification = link;
    return this.runner.start(row, definition, variables, { name: 'start-verification', requestId: startRequestId(rated.row.id) }, async (s) => {
      await afterStart(s, VERIFICATION_MATERIALS);
      s.event('verification-opened', { ...link });
    });
  }

  // The rated case's own region, or the nearest one above it where the item is accepted.
  private async verificationRegion(code: string): Promise<Region> {
    const definition = await this.env.definitions.latest(VERIFICATION_ITEM_CODE);
    if (!definition) throw new NotFoundError(`no deployed item ${VERIFICATION_ITEM_CODE} (差评核查)`);
    let region = await this.env.org.region(code);
    while (region && definition.item.levels.length && !definition.item.levels.includes(region.level)) {
      region = region.parentCode ? await this.env.org.region(region.parentCode) : undefined;
    }
    if (!region) throw new NotFoundError(`no region at or above ${code} accepts ${VERIFICATION_ITEM_CODE}`);
    return region;
  }

  // ── report ───────────────────────────────────────────────────────────────────────────────

  private async report(verificationCaseId: string, ratedCaseId: string, key: string): Promise<FireResult> {
    const due = await this.read<{ state: FireResult; conclusion?: VerificationConclusion }>(verificationCaseId, async (s) => {
      const state = await pendingState(s, key);
      return state === 'fired' ? { state, conclusion: await verificationConclusion(s) } : { state };
    });
    const conclusion = due.conclusion;
    if (!conclusion) return due.state;
    await this.runner.run(ratedCaseId, { name: 'verification-concluded', requestId: concludeRequestId(verificationCaseId) }, async (s) => {
      s.event('verification-concluded', { ...conclusion });
    });
    let fired = false;
    await this.runner.run(verificationCaseId, { name: 'timer' }, async (s) => {
      if ((await pendingState(s, key)) === 'stale') return;
      s.changes.firedTimers.push(key);
      fired = true;
    });
    return fired ? 'fired' : 'stale';
  }

  /** Read the locked case without changing it (nothing is saved when a command changes nothing). */
  private async read<T>(caseId: string, read: (s: CaseSession) => Promise<T>): Promise<T> {
    const box: { value?: T } = {};
    await this.runner.run(caseId, { name: 'timer' }, async (s) => {
      box.value = await read(s);
    });
    return box.value as T;
  }
}

/** Whether the timer `key` of the locked case is pending and due ('fired' = go ahead). */
async function pendingState(s: CaseSession, key: string): Promise<FireResult> {
  const timer = (await s.tx.timersOf({ pendingOnly: true })).find((t) => t.key === key);
  if (!timer) return 'stale';
  return timer.dueAt.getTime() > s.now.getTime() ? 'not-due' : 'fired';
}
