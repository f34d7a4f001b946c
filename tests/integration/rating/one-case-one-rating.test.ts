import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../engine/errors/domain-error.ts';
import { NotTheApplicantError } from '../../../engine/rating/rating-errors.ts';
import { DEFAULT_RATING_POLICY } from '../../../engine/rating/rating-policy.ts';
import { FOUR_LEVEL } from '../../../engine/rating/rating-scales.ts';
import type { Runtime } from '../../../engine/runtime/runtime.ts';
import {
  finishedCase,
  applyAndAccept, createHarness, eventTypes, ITEM, REGION, reviewAll, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';

/** 食品经营许可 refused at the window (不予受理): a returned case. */
async function refusedCase(runtime: Runtime, applicantId: string): Promise<string> {
  const applied = await runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId });
  const done = await runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'refused', comment: '材料不全', actor: 'window-1' });
  expect(done.status).toBe('returned');
  return applied.caseId;
}

async function ratingWindow(h: Harness, caseId: string) {
  const [timer] = await rows(h.db, `SELECT kind, due_at, fired_at, cancelled_at FROM case_timers WHERE case_id = $1 AND key = 'rating-window'`, [caseId]);
  return timer;
}

describe('一事一评价: one case, one rating, by its applicant', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('opens a rating window of 15 working days when a case is finished, kept as a durable timer', async () => {
    const caseId = await finishedCase(h.runtime, 'ent-window');
    const timer = await ratingWindow(h, caseId);
    // Monday 2 March + 15 working days = Monday 23 March, to 24:00
    expect(timer).toMatchObject({ kind: 'rating-window', fired_at: null, cancelled_at: null });
    expect(timer!.due_at.toISOString()).toBe(new Date('2026-03-23T23:59:59.999+08:00').toISOString());
    expect(await eventTypes(h.db, caseId)).toEqual(expect.arrayContaining(['completed', 'rating-invited']));
    const told = await rows(h.db, `SELECT type FROM notifications WHERE recipient = 'ent-window'`);
    expect(told).toEqual([{ type: 'rating-invited' }]);
  });

  it('lets the applicant rate the finished case once, with comment and aspects, and archives it', async () => {
    const caseId = await finishedCase(h.runtime, 'ent-once');
    await h.runtime.rateCase({ caseId, applicantId: 'ent-once', level: '非常满意', comment: '  办事快，态度好 ', aspects: { attitude: '非常满意', efficiency: '满意' } });
    const [rating] = await rows(h.db, 'SELECT applicant_id, scale, level, rank, dissatisfied, comment, aspects, verification_due FROM ratings WHERE case_id = $1', [caseId]);
    expect(rating).toEqual({
      applicant_id: 'ent-once', scale: 'national-5', level: '非常满意', rank: 1, dissatisfied: false, comment: '办事快，态度好',
      aspects: { attitude: '非常满意', efficiency: '满意' }, verification_due: false,
    });
    expect(await rows(h.db, 'SELECT reason FROM case_archive WHERE case_id = $1', [caseId])).toEqual([{ reason: 'rated' }]);
    expect((await ratingWindow(h, caseId))!.cancelled_at).not.toBeNull();
    expect((await eventTypes(h.db, caseId)).slice(-2)).toEqual(['rated', 'archived']);

    const again = h.runtime.rateCase({ caseId, applicantId: 'ent-once', level: '不满意' });
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow('already been rated');
    expect(await rows(h.db, 'SELECT level FROM ratings WHERE case_id = $1', [caseId])).toEqual([{ level: '非常满意' }]);
  });

  it('lets the applicant rate a returned case (退办件) too', async () => {
    const caseId = await refusedCase(h.runtime, 'ent-returned');
    await h.runtime.rateCase({ caseId, applicantId: 'ent-returned', level: '基本满意' });
    expect(await rows(h.db, 'SELECT level FROM ratings WHERE case_id = $1', [caseId])).toEqual([{ level: '基本满意' }]);
  });

  it('never lets staff rate for the applicant: the runtime refuses anyone but the case’s applicant', async () => {
    const caseId = await finishedCase(h.runtime, 'ent-own');
    for (const actor of ['window-1', 'scjg', 'supervisor', 'ent-someone-else']) {
      const attempt = h.runtime.rateCase({ caseId, applicantId: actor, level: '非常满意' });
      await expect(attempt).rejects.toThrow(NotTheApplicantError);
      await expect(attempt).rejects.toThrow(NotFoundError);
    }
    expect(await rows(h.db, 'SELECT 1 FROM ratings WHERE case_id = $1', [caseId])).toEqual([]);
    expect((await ratingWindow(h, caseId))!.cancelled_at).toBeNull();
  });

  it('refuses a rating before the case has ended, and a level outside the scale', async () => {
    const running = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: 'ent-early' });
    await expect(h.runtime.rateCase({ caseId: running.caseId, applicantId: 'ent-early', level: '满意' })).rejects.toThrow(ConflictError);
    const caseId = await finishedCase(h.runtime, 'ent-bad-level');
    const bad = await h.runtime.rateCase({ caseId, applicantId: 'ent-bad-level', level: '很满意', aspects: { speed: '满意' } }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.problems.map((p: { path: string }) => p.path)).toEqual(['level', 'aspects.speed']);
  });

  it('marks a verification (核查) as due when the applicant is dissatisfied', async () => {
    const caseId = await finishedCase(h.runtime, 'ent-unhappy');
    await h.runtime.rateCase({ caseId, applicantId: 'ent-unhappy', level: '不满意', comment: '现场核查拖了很久' });
    const [rating] = await rows(h.db, 'SELECT dissatisfied, verification_due FROM ratings WHERE case_id = $1', [caseId]);
    expect(rating).toEqual({ dissatisfied: true, verification_due: true });
    const [due] = await rows(h.db, `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'verification-due'`, [caseId]);
    expect(due!.payload).toEqual({ level: '不满意', rank: 4 });
  });

  it('does not mark a verification for 基本满意', async () => {
    const caseId = await finishedCase(h.runtime, 'ent-ok');
    await h.runtime.rateCase({ caseId, applicantId: 'ent-ok', level: '基本满意' });
    expect(await rows(h.db, `SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'verification-due'`, [caseId])).toEqual([]);
  });

  it('uses the four-level scale when the centre configures it', async () => {
    const runtime = h.newRuntime({ settings: { rating: { ...DEFAULT_RATING_POLICY, scale: FOUR_LEVEL } } });
    const caseId = await finishedCase(runtime, 'ent-four');
    await expect(runtime.rateCase({ caseId, applicantId: 'ent-four', level: '非常满意' })).rejects.toThrow(ValidationError);
    await runtime.rateCase({ caseId, applicantId: 'ent-four', level: '一般' });
    expect(await rows(h.db, 'SELECT scale, level, rank, verification_due FROM ratings WHERE case_id = $1', [caseId]))
      .toEqual([{ scale: 'four-level', level: '一般', rank: 3, verification_due: false }]);
  });
});

describe('the rating window closes and the case is archived unrated', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-23T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('archives an unrated case when 15 working days (清明 not counted) have passed, then refuses a late rating', async () => {
    const caseId = await refusedCase(h.runtime, 'ent-late');
    // Monday 23 March + 15 working days, 4–6 April being 清明节 → Tuesday 14 April, 24:00
    expect((await ratingWindow(h, caseId))!.due_at.toISOString()).toBe(new Date('2026-04-14T23:59:59.999+08:00').toISOString());

    h.clock.set('2026-04-14T17:00:00+08:00');
    await h.runtime.runDueTimers();
    expect(await rows(h.db, 'SELECT 1 FROM case_archive WHERE case_id = $1', [caseId])).toEqual([]);

    h.clock.set('2026-04-15T08:30:00+08:00');
    expect(await h.runtime.runDueTimers()).toBe(1);
    expect(await rows(h.db, 'SELECT reason FROM case_archive WHERE case_id = $1', [caseId])).toEqual([{ reason: 'window-closed' }]);
    expect((await eventTypes(h.db, caseId)).slice(-2)).toEqual(['rating-window-closed', 'archived']);
    expect((await ratingWindow(h, caseId))!.fired_at).not.toBeNull();

    const late = h.runtime.rateCase({ caseId, applicantId: 'ent-late', level: '满意' });
    await expect(late).rejects.toThrow('rating window has closed');
    expect(await rows(h.db, 'SELECT 1 FROM ratings WHERE case_id = $1', [caseId])).toEqual([]);
    // a second wake (agenda and the sweep together) changes nothing
    expect(await h.runtime.fireTimer(caseId, 'rating-window')).toBe('stale');
    expect(await rows(h.db, `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'archived'`, [caseId])).toEqual([{ n: 1 }]);
  });

  it('opens no rating window for a withdrawn case', async () => {
    const applied = await h.runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: 'ent-withdrawn' });
    await h.runtime.cancelCase({ caseId: applied.caseId, actor: 'ent-withdrawn', reason: '不再需要' });
    expect(await ratingWindow(h, applied.caseId)).toBeUndefined();
    await expect(h.runtime.rateCase({ caseId: applied.caseId, applicantId: 'ent-withdrawn', level: '满意' })).rejects.toThrow('withdrawn');
  });
});
