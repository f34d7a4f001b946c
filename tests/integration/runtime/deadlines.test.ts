import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../../engine/adapters/postgres/load-calendar.ts';
import {
  applyAndAccept, createHarness, ITEM, REGION, rows, taskOf, type Harness,
} from '../../support/runtime-harness.ts';

const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

async function events(h: Harness, caseId: string, type: string) {
  return rows(h.db, 'SELECT payload FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq', [caseId, type]);
}

describe('working-day deadlines, the green channel and warnings', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness('2026-03-02T09:00:00+08:00'); });
  afterAll(async () => { await h.close(); });

  it('compresses every limit of a green-channel case (绿色通道)', async () => {
    const normal = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county);
    const green = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { green: true });
    // accepted Mon 2 March 09:00: promised 12 working days → 18 March; green 7 → 11 March
    expect(normal.dueAt).toBe(endOf('2026-03-18'));
    expect(green.dueAt).toBe(endOf('2026-03-11'));
    // review: 5 days → Mon 9 March (city fgw: its own 3 → Thu 5 March); green 3 → Thu 5 March (fgw 2 → Wed 4 March)
    expect(taskOf(normal, 'jointReview', `${REGION.county}:xf`).dueAt).toBe(endOf('2026-03-09'));
    expect(taskOf(normal, 'jointReview', `${REGION.city}:fgw`).dueAt).toBe(endOf('2026-03-05'));
    expect(taskOf(green, 'jointReview', `${REGION.county}:xf`).dueAt).toBe(endOf('2026-03-05'));
    expect(taskOf(green, 'jointReview', `${REGION.city}:fgw`).dueAt).toBe(endOf('2026-03-04'));
    expect(await events(h, green.caseId, 'green-channel')).toHaveLength(1);
  });

  it('shows yellow the day a limit ends, records 不作为默认 after it, and red for a late meeting and case', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-warn' });
    const reviews = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    for (const task of reviews) await h.runtime.signFor({ caseId: accepted.caseId, taskId: task.id, actor: 'r' });

    h.clock.set('2026-03-05T08:00:00+08:00'); // fgw's limit ends today
    await h.runtime.runDueTimers();
    expect((await events(h, accepted.caseId, 'warning')).map((e) => e.payload.light)).toEqual(['yellow']);

    h.clock.set('2026-03-10T08:00:00+08:00'); // every review limit has passed
    await h.runtime.runDueTimers();
    const defaults = await rows(h.db, `SELECT basis FROM opinions WHERE case_id = $1`, [accepted.caseId]);
    expect(defaults.map((d) => d.basis)).toEqual(Array(8).fill('inaction'));
    const meeting = await rows(h.db, `SELECT due_at FROM tasks WHERE case_id = $1 AND element_id = 'jointMeeting'`, [accepted.caseId]);
    // the meeting task arose on Tue 10 March at 08:00 (before office close, so that day is not counted): 3 days → Fri 13 March
    expect(meeting[0]!.due_at.toISOString()).toBe(endOf('2026-03-13'));

    h.clock.set('2026-03-19T09:00:00+08:00');
    await h.runtime.runDueTimers();
    const warnings = (await events(h, accepted.caseId, 'warning')).map((e) => `${e.payload.scope}:${e.payload.light}`);
    expect(warnings.filter((w) => w === 'task:yellow')).toHaveLength(9); // 8 reviews + the meeting
    expect(warnings).toEqual(expect.arrayContaining(['task:red', 'case:yellow', 'case:red']));
  });

  it('stops the clock for 补正 across National Day and resumes with the same working days left', async () => {
    h.clock.set('2026-09-22T10:00:00+08:00');
    const accepted = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: 'ent-holiday' });
    // promised 5 working days: 23, 24, (中秋 25–27 off), 28, 29, 30 September
    expect(accepted.dueAt).toBe(endOf('2026-09-30'));
    const review = taskOf(accepted, 'review');
    h.clock.set('2026-09-24T10:00:00+08:00');
    await h.runtime.signFor({ caseId: accepted.caseId, taskId: review.id, actor: 'scjg' });
    const asked = await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: review.id, decision: 'supplement', materials: ['经营场所平面图'], actor: 'scjg' });
    expect(asked.form).toBe('supplement');
    // nothing falls due while the applicant holds the case, however long
    h.clock.set('2026-10-08T10:00:00+08:00');
    expect(await h.runtime.runDueTimers()).toBe(0);
    const resumed = await h.runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(asked, 'supplement').id, outcome: 'supplied', actor: 'ent-holiday' });
    // 3 working days were left (28, 29, 30 Sept); after 国庆 they are 9 Oct, Sat 10 Oct (调休), Mon 12 Oct
    expect(resumed.dueAt).toBe(endOf('2026-10-12'));
    expect(taskOf(resumed, 'review').dueAt).toBe(endOf('2026-10-12'));
    const [pause] = await events(h, accepted.caseId, 'resumed');
    expect(pause!.payload.dueAt).toBe(endOf('2026-10-12'));
  });

  it('counts a city holiday stored in the database for the county cases under it', async () => {
    await h.db.pool.query(`INSERT INTO calendar_overrides (region_code, day, working, name) VALUES ('990100', '2026-11-04', false, '临川市建城纪念日')`);
    const runtime = h.newRuntime({ calendar: await loadCalendar(h.db.pool) });
    h.clock.set('2026-11-02T10:00:00+08:00');
    // food licence, promised 5 working days from Mon 2 November: 3, (4 off), 5, 6, 9, 10 → Tue 10 November
    const accepted = await applyAndAccept(runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: 'ent-local-holiday' });
    expect(accepted.dueAt).toBe(endOf('2026-11-10'));
  });

  it('refuses to change or delete the case record (events, opinions, accountability)', async () => {
    const [event] = await rows(h.db, 'SELECT case_id, seq FROM case_events LIMIT 1');
    await expect(h.db.pool.query(`UPDATE case_events SET type = 'forged' WHERE case_id = $1 AND seq = $2`, [event!.case_id, event!.seq])).rejects.toThrow(/append-only/);
    await expect(h.db.pool.query('DELETE FROM opinions')).rejects.toThrow(/append-only/);
    await expect(h.db.pool.query('DELETE FROM accountability_records')).rejects.toThrow(/append-only/);
  });

  it('flags a limit that runs into a year without holiday data as provisional', async () => {
    h.clock.set('2026-12-28T10:00:00+08:00');
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-2027' });
    const [row] = await rows(h.db, 'SELECT due_provisional FROM cases WHERE id = $1', [accepted.caseId]);
    expect(row!.due_provisional).toBe(true);
    expect(await events(h, accepted.caseId, 'calendar-provisional')).toHaveLength(1);
  });
});
