/**
 * 差评核查: a 不满意-or-worse rating opens exactly one verification case (processes/rating-
 * verification.bpmn) whatever is retried or restarted; the verification runs through the
 * runtime — 电子监察室 finding, the department's rectification, the reply to the applicant —
 * and its outcome is recorded with the rating; the reply limit turns red when missed.
 * Real PostgreSQL, manual clock, nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RatingReads } from '../../../api/ratings/rating-reads.ts';
import { presentRating } from '../../../api/ratings/rating-presenter.ts';
import { DEFAULT_RATING_POLICY } from '../../../engine/rating/rating-policy.ts';
import { VERIFICATION_ITEM_CODE, VERIFICATION_START_KEY } from '../../../engine/rating/verification/verification-item.ts';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';
import type { Runtime } from '../../../engine/runtime/runtime.ts';
import type { CaseStore } from '../../../engine/store/case-store.ts';
import {
  finishedCase,
  applyAndAccept, createHarness, eventTypes, ITEM, REGION, reviewAll, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';

const CITY_JC = '990100:jc';
const COUNTY_SCJG = '990121:scjg';

async function verificationsOf(h: Harness, ratedCaseId: string) {
  return rows<{ case_id: string; payload: Record<string, string> }>(h.db,
    `SELECT case_id, payload FROM case_events WHERE type = 'verification-opened' AND payload->>'ratedCaseId' = $1`, [ratedCaseId]);
}

async function verificationCount(h: Harness): Promise<number> {
  return (await rows<{ n: number }>(h.db, 'SELECT count(*)::int AS n FROM cases WHERE item_code = $1', [VERIFICATION_ITEM_CODE]))[0]!.n;
}

async function startTimer(h: Harness, caseId: string) {
  return (await rows(h.db, 'SELECT kind, fired_at, cancelled_at FROM case_timers WHERE case_id = $1 AND key = $2', [caseId, VERIFICATION_START_KEY]))[0];
}

async function eventsOf(h: Harness, caseId: string, type: string) {
  return rows<{ payload: Record<string, any> }>(h.db, 'SELECT payload FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq', [caseId, type]);
}

/** The one verification case of a rated case, shaped like a command result (its open tasks). */
async function theVerification(h: Harness, ratedCaseId: string): Promise<CommandResult> {
  const opened = await verificationsOf(h, ratedCaseId);
  expect(opened).toHaveLength(1);
  const caseId = opened[0]!.case_id;
  const [c] = await rows(h.db, 'SELECT case_number, status, form, version, due_at, query_code FROM cases WHERE id = $1', [caseId]);
  const tasks = await rows(h.db, `SELECT * FROM tasks WHERE case_id = $1 AND status IN ('open', 'signed') ORDER BY created_at`, [caseId]);
  return {
    caseId, caseNumber: c!.case_number, status: c!.status, form: c!.form, version: c!.version, dueAt: c!.due_at?.toISOString() ?? null,
    queryCode: c!.query_code,
    openTasks: tasks.map((t) => ({
      id: t.id, elementId: t.element_id, kind: t.kind, round: t.round, departmentId: t.department_id, assignee: t.assignee, status: t.status,
      dueAt: t.due_at?.toISOString() ?? null, signDueAt: t.sign_due_at?.toISOString() ?? null,
    })),
  };
}

/** Make one kind of command of a runtime fail, as if the node died right before it committed. */
function crashOn(runtime: Runtime, requestIdPrefix: string): void {
  const store = runtime.env.cases as CaseStore;
  const original = store.withLockedCase.bind(store);
  store.withLockedCase = (caseId, options, work) => options.requestId?.startsWith(requestIdPrefix)
    ? Promise.reject(new Error('node stopped'))
    : original(caseId, options, work);
  // A command on a case whose engine the node holds writes without locking first: stop it there too.
  store.withCachedCase = () => Promise.reject(new Error('node stopped'));
}

/** Make a runtime unable to create any case, as if the node died before the new case committed. */
function crashOnNewCases(runtime: Runtime): void {
  const store = runtime.env.cases as CaseStore;
  store.withNewCase = () => Promise.reject(new Error('node stopped'));
}

describe('差评核查: a dissatisfied rating opens exactly one verification', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('starts the verification right after a 不满意 rating, in the rated case’s region, naming the lead department', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-unhappy');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-unhappy', level: '不满意', comment: '现场核查拖了很久', requestId: 'rate-unhappy' });

    const opened = await verificationsOf(h, ratedId);
    expect(opened).toHaveLength(1);
    const verificationId = opened[0]!.case_id;
    expect(opened[0]!.payload).toMatchObject({ ratedCaseId: ratedId, ratedItemCode: ITEM.foodBusinessLicence, departmentId: COUNTY_SCJG });
    const [v] = await rows(h.db, 'SELECT item_code, region_code, applicant_id, status, accepted_at IS NOT NULL AS accepted FROM cases WHERE id = $1', [verificationId]);
    expect(v).toEqual({ item_code: VERIFICATION_ITEM_CODE, region_code: REGION.county, applicant_id: 'ent-unhappy', status: 'running', accepted: true });
    // the 电子监察室 of the city investigates first
    expect(await rows(h.db, `SELECT element_id, kind, department_id, status FROM tasks WHERE case_id = $1`, [verificationId]))
      .toEqual([{ element_id: 'investigate', kind: 'review', department_id: CITY_JC, status: 'open' }]);

    // the rated case: rating, verification owed, started (linked) — and the start timer took effect
    expect((await eventTypes(h.db, ratedId)).slice(-4)).toEqual(['rated', 'verification-due', 'archived', 'verification-started']);
    expect((await eventsOf(h, ratedId, 'verification-started'))[0]!.payload).toMatchObject({ verificationCaseId: verificationId, departmentId: COUNTY_SCJG });
    expect(await startTimer(h, ratedId)).toMatchObject({ kind: 'rating-window', fired_at: expect.any(Date), cancelled_at: null });
    expect(await rows(h.db, `SELECT type FROM notifications WHERE recipient = 'ent-unhappy' AND case_id = $1 ORDER BY event_seq`, [ratedId]))
      .toEqual([{ type: 'rating-invited' }, { type: 'verification-started' }]);

    // retrying the rating, firing the timer again, sweeping on a restarted node: still one
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-unhappy', level: '不满意', requestId: 'rate-unhappy' });
    expect(await h.runtime.fireTimer(ratedId, VERIFICATION_START_KEY)).toBe('stale');
    const restarted = h.newRuntime();
    await restarted.runDueTimers();
    expect(await verificationsOf(h, ratedId)).toHaveLength(1);
    expect(await eventsOf(h, ratedId, 'verification-started')).toHaveLength(1);
  });

  it('starts none for a satisfied rating (基本满意 included)', async () => {
    const before = await verificationCount(h);
    for (const level of ['非常满意', '满意', '基本满意']) {
      const ratedId = await finishedCase(h.runtime, `ent-${level}`);
      await h.runtime.rateCase({ caseId: ratedId, applicantId: `ent-${level}`, level });
      expect(await startTimer(h, ratedId)).toBeUndefined();
      expect(await eventsOf(h, ratedId, 'verification-started')).toEqual([]);
    }
    await h.runtime.runDueTimers();
    expect(await verificationCount(h)).toBe(before);
  });

  it('survives the node stopping right after the rating committed: the sweep of a restarted node starts it', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-crash-1');
    const crashing = h.newRuntime();
    crashOnNewCases(crashing); // the verification case's own start never commits
    await crashing.rateCase({ caseId: ratedId, applicantId: 'ent-crash-1', level: '非常不满意' });
    expect(await verificationsOf(h, ratedId)).toEqual([]);
    expect(await startTimer(h, ratedId)).toMatchObject({ fired_at: null, cancelled_at: null });
    expect(await rows(h.db, 'SELECT verification_due FROM ratings WHERE case_id = $1', [ratedId])).toEqual([{ verification_due: true }]);

    const restarted = h.newRuntime();
    expect(await restarted.runDueTimers()).toBeGreaterThanOrEqual(1);
    expect(await verificationsOf(h, ratedId)).toHaveLength(1);
    expect(await eventsOf(h, ratedId, 'verification-started')).toHaveLength(1);
    expect((await startTimer(h, ratedId))!.fired_at).not.toBeNull();
  });

  it('survives the node stopping after the verification case began but before it was linked: no second case, even when fired concurrently', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-crash-2');
    const crashing = h.newRuntime();
    crashOn(crashing, 'verification-started:'); // the link on the rated case never commits
    await crashing.rateCase({ caseId: ratedId, applicantId: 'ent-crash-2', level: '不满意' });
    expect(await verificationsOf(h, ratedId)).toHaveLength(1);
    expect(await eventsOf(h, ratedId, 'verification-started')).toEqual([]);
    expect((await startTimer(h, ratedId))!.fired_at).toBeNull();

    // two restarted nodes, agenda and the sweep all wake it at once
    const a = h.newRuntime();
    const b = h.newRuntime();
    await Promise.all([a.runDueTimers(), b.fireTimer(ratedId, VERIFICATION_START_KEY), a.fireTimer(ratedId, VERIFICATION_START_KEY), b.runDueTimers()]);
    expect(await verificationsOf(h, ratedId)).toHaveLength(1);
    const started = await eventsOf(h, ratedId, 'verification-started');
    expect(started).toHaveLength(1);
    expect(started[0]!.payload.verificationCaseId).toBe((await verificationsOf(h, ratedId))[0]!.case_id);
  });

  it('sends a case refused at the window (no department acted) to the service centre for rectification', async () => {
    const applied = await h.runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-refused' });
    await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'refused', comment: '材料不全', actor: 'window-1' });
    await h.runtime.rateCase({ caseId: applied.caseId, applicantId: 'ent-refused', level: '不满意' });
    expect((await verificationsOf(h, applied.caseId))[0]!.payload.departmentId).toBe('990121:zwfw');
  });
});

describe('差评核查 end to end: investigation, rectification, reply, outcome with the rating', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  const ratingOf = async (caseId: string) => {
    const [c] = await rows(h.db, 'SELECT * FROM cases WHERE id = $1', [caseId]);
    const row = { ...c, caseNumber: c!.case_number, status: c!.status, id: c!.id } as never;
    return presentRating(row, await new RatingReads(h.db.pool).ofCase(caseId), DEFAULT_RATING_POLICY, h.clock.now());
  };

  it('部分属实: the department rectifies, the applicant is satisfied, and 部分属实已整改 is recorded with the rating', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-e2e');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-e2e', level: '不满意', comment: '窗口人员态度生硬' });
    let v = await theVerification(h, ratedId);
    expect((await ratingOf(ratedId)).verification).toMatchObject({
      state: 'in-progress', case: { id: v.caseId, status: 'running' }, departmentId: COUNTY_SCJG,
      openSteps: [{ elementId: 'investigate', departmentId: CITY_JC, status: 'open' }], outcome: null,
    });

    // 市电子监察室: sign for, find 部分属实
    const investigate = taskOf(v, 'investigate');
    await h.runtime.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    v = await h.runtime.recordVerificationFinding({ caseId: v.caseId, taskId: investigate.id, finding: '部分属实', reasons: ['现场核查时限内完成，但窗口告知不清'], actor: 'jc-1' });
    const rectify = taskOf(v, 'rectify', COUNTY_SCJG);
    expect(rectify).toMatchObject({ kind: 'handle', signDueAt: expect.any(String), dueAt: expect.any(String) });

    // 县市场监管局: sign for, report the rectification
    await h.runtime.signFor({ caseId: v.caseId, taskId: rectify.id, actor: 'scjg-1' });
    v = await h.runtime.completeTask({ caseId: v.caseId, taskId: rectify.id, outcome: 'answered', comment: '已对窗口人员约谈并完善一次性告知单', actor: 'scjg-1' });
    const reply = taskOf(v, 'reply');
    expect(reply).toMatchObject({ kind: 'callback', assignee: 'dispatcher' });

    // the hotline replies and calls back: satisfied — the verification ends
    v = await h.runtime.completeTask({ caseId: v.caseId, taskId: reply.id, outcome: 'satisfied', comment: '已电话答复，申请人认可整改', actor: 'hotline-1' });
    expect(v.status).toBe('completed');

    const expected = {
      verificationCaseId: v.caseId, status: 'completed', outcome: '部分属实已整改', finding: '部分属实', reasons: ['现场核查时限内完成，但窗口告知不清'],
      departmentId: COUNTY_SCJG, rectified: true, rectification: '已对窗口人员约谈并完善一次性告知单', applicantSatisfied: true,
      reviewedBySupervisor: false, escalated: false,
    };
    expect((await eventsOf(h, v.caseId, 'verification-concluded'))[0]!.payload).toMatchObject({ ratedCaseId: ratedId, ...expected });
    const recorded = await eventsOf(h, ratedId, 'verification-concluded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.payload).toMatchObject(expected);
    expect((await ratingOf(ratedId)).verification).toMatchObject({ state: 'concluded', case: { status: 'completed' }, openSteps: [], outcome: expected });
    expect((await ratingOf(ratedId)).rating).toMatchObject({ level: '不满意', verificationDue: true });

    // the report timer took effect once; firing it again changes nothing
    const [report] = await rows(h.db, `SELECT key, fired_at FROM case_timers WHERE case_id = $1 AND key LIKE 'verification:report:%'`, [v.caseId]);
    expect(report).toEqual({ key: `verification:report:${ratedId}`, fired_at: expect.any(Date) });
    expect(await h.runtime.fireTimer(v.caseId, report!.key)).toBe('stale');
    await h.runtime.runDueTimers();
    expect(await eventsOf(h, ratedId, 'verification-concluded')).toHaveLength(1);
  });

  it('不属实 by a plain opinion: straight to the reply; still unsatisfied → 效能监察复核; the outcome says so', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-unfounded');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-unfounded', level: '非常不满意' });
    let v = await theVerification(h, ratedId);
    const investigate = taskOf(v, 'investigate');
    await h.runtime.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    v = await h.runtime.giveOpinion({ caseId: v.caseId, taskId: investigate.id, decision: 'approve', actor: 'jc-1' });
    expect(v.openTasks.map((t) => t.elementId)).toEqual(['reply']);
    v = await h.runtime.completeTask({ caseId: v.caseId, taskId: taskOf(v, 'reply').id, outcome: 'unsatisfied', actor: 'hotline-1' });
    const supervise = taskOf(v, 'superviseReply');
    expect(supervise).toMatchObject({ kind: 'supervise', assignee: 'supervisor' });
    expect((await ratingOf(ratedId)).verification.state).toBe('in-progress');
    v = await h.runtime.completeTask({ caseId: v.caseId, taskId: supervise.id, outcome: 'done', comment: '复核维持不属实结论', actor: 'supervisor-1' });
    expect(v.status).toBe('completed');
    expect((await ratingOf(ratedId)).verification).toMatchObject({
      state: 'concluded',
      outcome: { outcome: '不属实', finding: '不属实', rectified: false, applicantSatisfied: false, reviewedBySupervisor: true },
    });
  });

  it('records the outcome with the rating even when the node stops right after the verification ended', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-crash-3');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-crash-3', level: '不满意' });
    let v = await theVerification(h, ratedId);
    const crashing = h.newRuntime();
    crashOn(crashing, 'verification-concluded:'); // recording on the rated case never commits
    const investigate = taskOf(v, 'investigate');
    await crashing.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    v = await crashing.recordVerificationFinding({ caseId: v.caseId, taskId: investigate.id, finding: '不属实', reasons: ['经调取记录，办理符合规定'], actor: 'jc-1' });
    v = await crashing.completeTask({ caseId: v.caseId, taskId: taskOf(v, 'reply').id, outcome: 'satisfied', actor: 'hotline-1' });
    expect(v.status).toBe('completed');
    expect(await eventsOf(h, ratedId, 'verification-concluded')).toEqual([]);
    // the read model already shows what the verification concluded
    expect((await ratingOf(ratedId)).verification).toMatchObject({ state: 'concluded', outcome: { outcome: '不属实' } });

    const restarted = h.newRuntime();
    await Promise.all([restarted.runDueTimers(), h.runtime.runDueTimers()]);
    const recorded = await eventsOf(h, ratedId, 'verification-concluded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.payload).toMatchObject({ verificationCaseId: v.caseId, outcome: '不属实', reasons: ['经调取记录，办理符合规定'] });
  });

  it('refuses a finding outside the list, and an upheld finding without reasons', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-bad-finding');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-bad-finding', level: '不满意' });
    const v = await theVerification(h, ratedId);
    const investigate = taskOf(v, 'investigate');
    await h.runtime.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    const bad = await h.runtime.recordVerificationFinding({ caseId: v.caseId, taskId: investigate.id, finding: '基本属实', actor: 'jc-1' }).catch((e) => e);
    expect(bad.problems).toEqual([expect.objectContaining({ path: 'finding' })]);
    const bare = await h.runtime.recordVerificationFinding({ caseId: v.caseId, taskId: investigate.id, finding: '属实', actor: 'jc-1' }).catch((e) => e);
    expect(bare.problems).toEqual([expect.objectContaining({ path: 'reasons' })]);
  });

  it('never opens a verification of a verification: rating the 核查 itself 不满意 starts nothing more', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-twice');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-twice', level: '不满意' });
    let v = await theVerification(h, ratedId);
    const investigate = taskOf(v, 'investigate');
    await h.runtime.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    v = await h.runtime.giveOpinion({ caseId: v.caseId, taskId: investigate.id, decision: 'approve', actor: 'jc-1' });
    await h.runtime.completeTask({ caseId: v.caseId, taskId: taskOf(v, 'reply').id, outcome: 'satisfied', actor: 'hotline-1' });
    const before = await verificationCount(h);
    await h.runtime.rateCase({ caseId: v.caseId, applicantId: 'ent-twice', level: '不满意' });
    expect(await rows(h.db, 'SELECT verification_due FROM ratings WHERE case_id = $1', [v.caseId])).toEqual([{ verification_due: false }]);
    await h.runtime.runDueTimers();
    expect(await verificationCount(h)).toBe(before);
  });
});

describe('差评核查: the reply limit', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('turns yellow the day before and red once the 2 working days to reply the applicant have passed', async () => {
    const ratedId = await finishedCase(h.runtime, 'ent-late-reply');
    await h.runtime.rateCase({ caseId: ratedId, applicantId: 'ent-late-reply', level: '不满意' });
    let v = await theVerification(h, ratedId);
    const investigate = taskOf(v, 'investigate');
    await h.runtime.signFor({ caseId: v.caseId, taskId: investigate.id, actor: 'jc-1' });
    // Tuesday 3 March: not upheld, the reply is due (2 working days) by Thursday 5 March, 24:00
    h.clock.set('2026-03-03T10:00:00+08:00');
    v = await h.runtime.giveOpinion({ caseId: v.caseId, taskId: investigate.id, decision: 'approve', actor: 'jc-1' });
    const reply = taskOf(v, 'reply');
    expect(reply.dueAt).toBe(new Date('2026-03-05T23:59:59.999+08:00').toISOString());

    const warnings = () => rows(h.db, `SELECT payload->>'light' AS light, payload->>'elementId' AS element FROM case_events WHERE case_id = $1 AND type = 'warning' ORDER BY seq`, [v.caseId]);
    h.clock.set('2026-03-05T09:00:00+08:00');
    await h.runtime.runDueTimers();
    expect(await warnings()).toEqual([{ light: 'yellow', element: 'reply' }]);

    h.clock.set('2026-03-06T08:30:00+08:00');
    await h.runtime.runDueTimers();
    expect(await warnings()).toEqual([{ light: 'yellow', element: 'reply' }, { light: 'red', element: 'reply' }]);
    const [red] = await eventsOf(h, v.caseId, 'warning').then((all) => all.filter((e) => e.payload.light === 'red'));
    expect(red!.payload).toMatchObject({ scope: 'task', elementId: 'reply', light: 'red', limit: 'review' });

    // the rating shows the missed reply limit with its verification
    const view = await new RatingReads(h.db.pool).ofCase(ratedId);
    expect(view.verification).toMatchObject({ state: 'in-progress', redWarnings: [{ elementId: 'reply', limit: 'review' }] });
    expect(view.verification.openSteps).toEqual([expect.objectContaining({ elementId: 'reply', assignee: 'dispatcher' })]);
  });
});
