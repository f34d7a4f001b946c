import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictionHistory } from '../../../api/read-models/prediction-history.ts';
import type { Pool } from '../../../engine/adapters/postgres/pool.ts';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { applyAndAccept, ITEM, REGION, reviewAll, taskOf } from '../../support/runtime-harness.ts';

const APPLICANT = 'u-ent-east';
const at = (local: string) => `2026-03-${local}+08:00`;

/**
 * 预计办结 on the progress page and the project page: from a bounded sample of the latest
 * history, read once per page. It says exactly what GET /api/cases/:id/prediction says (the
 * same sample; that endpoint read the whole year until it took seconds per case at scale).
 */
describe('预计办结 in progress and project reads', () => {
  let h: ApiHarness;
  const open: string[] = [];
  let projectId: string;

  beforeAll(async () => {
    h = await createApiHarness(at('02T09:00:00'));
    // Four 食品经营许可 accepted on Monday 2 March; 东阳 scjg reviews them after 1, 2, 3 and 4 working days, each decided at once.
    const history: CommandResult[] = [];
    for (let i = 0; i < 4; i++) history.push(await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: APPLICANT }));
    for (const [i, day] of ['03', '04', '05', '06'].entries()) {
      h.clock.set(at(`${day}T10:00:00`));
      const reviewed = await reviewAll(h.runtime, history[i]!, 'review');
      await h.runtime.completeTask({ caseId: reviewed.caseId, taskId: taskOf(reviewed, 'issueLicence').id, outcome: 'approved', actor: 'scjg' });
    }
    // Two open cases of one project, accepted on Monday 9 March, read on Tuesday 10 March.
    h.clock.set(at('09T09:00:00'));
    projectId = (await h.runtime.registerProject({ name: '东阳食品街', applicantId: APPLICANT, regionCode: REGION.county })).id;
    for (let i = 0; i < 2; i++) {
      const applied = await h.runtime.startCase({ itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, applicantId: APPLICANT, projectId });
      await h.runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'window-1' });
      open.push(applied.caseId);
    }
    h.clock.set(at('10T10:00:00'));
  });
  afterAll(async () => { await h.close(); });

  it('predicts in the progress exactly what the statistics predict from the whole year, when the history is smaller than the sample', async () => {
    const supervisor = await h.as('supervisor-city');
    for (const caseId of open) {
      const progress = (await supervisor.get(`/api/cases/${caseId}/progress`)).body.prediction;
      const full = (await supervisor.get(`/api/cases/${caseId}/prediction`)).body;
      expect(full).toMatchObject({ state: 'predicted', basis: 'history' });
      expect(full.pending[0].latency).toMatchObject({ basis: 'item-step', samples: 4 });
      expect(progress).toEqual({
        state: full.state, basis: full.basis, promisedDate: full.promisedDate, p50: full.p50, p90: full.p90, p90BeyondPromised: full.p90BeyondPromised,
      });
    }
  });

  it('gives each case of a project the prediction of its own progress', async () => {
    const supervisor = await h.as('supervisor-city');
    const project = (await supervisor.get(`/api/projects/${projectId}`)).body;
    expect(project.cases.map((c: { id: string }) => c.id).sort()).toEqual([...open].sort());
    for (const c of project.cases) {
      expect(c.progress.prediction).toMatchObject({ state: 'predicted', basis: 'history' });
      expect(c.progress.prediction).toEqual((await supervisor.get(`/api/cases/${c.id}/progress`)).body.prediction);
    }
  });

  it('samples only the latest completions and finished cases, and reads a department and an item once a minute for all cases', async () => {
    const statements: string[] = [];
    const pool = { query: (text: string, values: unknown[]) => { statements.push(text); return h.db.pool.query(text, values); } } as unknown as Pool;
    const history = new PredictionHistory(pool, h.runtime.env.calendar, 3);
    const pendingOf = async (caseId: string) => {
      const task = (await h.db.pool.query(`SELECT id, created_at, due_at FROM tasks WHERE case_id = $1 AND status IN ('open', 'signed') AND department_id IS NOT NULL`, [caseId])).rows[0];
      return [{ taskId: task.id, elementId: 'review', departmentId: `${REGION.county}:scjg`, departmentName: 'scjg', level: 'county' as const, createdAt: task.created_at, dueAt: task.due_at }];
    };
    const caseOf = (caseId: string) => ({
      caseId, caseNumber: 'x', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, status: 'running' as const,
      acceptedAt: new Date(at('09T09:00:00')), dueAt: null, pausedAt: null, endedAt: null,
    });
    const [first, second] = await Promise.all(open.map(async (caseId) => history.inputFor(caseOf(caseId), await pendingOf(caseId), h.clock.now())));
    for (const input of [first!, second!]) {
      // The three reviews done last (Wednesday to Friday), not Tuesday's; the three cases finished last.
      const latest = ['04', '05', '06'].map((day) => new Date(at(`${day}T10:00:00`)).toISOString());
      expect(input.history.map((s) => s.completedAt.toISOString()).sort()).toEqual(latest);
      expect(input.history.every((s) => s.elementId === 'review')).toBe(true);
      expect(input.tails.map((t) => t.endedAt.toISOString()).sort()).toEqual(latest);
    }
    const reads = (marker: string) => statements.filter((s) => s.includes(marker)).length;
    expect(reads('CROSS JOIN LATERAL')).toBe(1);
    expect(reads('max(t.completed_at)')).toBe(1);
    // Within a minute the samples are remembered; later they are read again.
    await history.inputFor(caseOf(open[0]!), await pendingOf(open[0]!), new Date(h.clock.now().getTime() + 60_000));
    expect(reads('CROSS JOIN LATERAL')).toBe(1);
    await history.inputFor(caseOf(open[0]!), await pendingOf(open[0]!), new Date(h.clock.now().getTime() + 61_000));
    expect(reads('CROSS JOIN LATERAL')).toBe(2);
  });

  it('counts each sampled completion once a minute, not on every page: its working days and its case clock stops', async () => {
    const stopReads: string[][] = [];
    const pool = {
      query: (text: string, values: unknown[]) => {
        if (text.includes(`type IN ('paused', 'resumed')`)) stopReads.push(values[0] as string[]);
        return h.db.pool.query(text, values);
      },
    } as unknown as Pool;
    const history = new PredictionHistory(pool, h.runtime.env.calendar, 3);
    const caseId = open[0]!;
    const task = (await h.db.pool.query(`SELECT id, created_at, due_at FROM tasks WHERE case_id = $1 AND status IN ('open', 'signed') AND department_id IS NOT NULL`, [caseId])).rows[0];
    const pending = [{ taskId: task.id, elementId: 'review', departmentId: `${REGION.county}:scjg`, departmentName: 'scjg', level: 'county' as const, createdAt: task.created_at, dueAt: task.due_at }];
    const subject = {
      caseId, caseNumber: 'x', itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county, status: 'running' as const,
      acceptedAt: new Date(at('09T09:00:00')), dueAt: null, pausedAt: null, endedAt: null,
    };
    const first = await history.inputFor(subject, pending, h.clock.now());
    // the latest three of the four reviews, done after 2, 3 and 4 working days
    expect(first.history.map((s) => s.workingDays).sort()).toEqual([2, 3, 4]);
    const sampled = stopReads.flat().filter((id) => id !== caseId);
    expect(sampled.length).toBeGreaterThanOrEqual(3);

    // the next pages within the minute read the case's own stops alone
    stopReads.length = 0;
    const again = await history.predict(subject, pending, new Date(h.clock.now().getTime() + 30_000));
    const other = await history.predict({ ...subject, caseId: open[1]! }, pending, new Date(h.clock.now().getTime() + 40_000));
    expect(stopReads).toEqual([[caseId], [open[1]!]]);
    expect(again).toMatchObject({ state: 'predicted', basis: 'history' });
    expect(other).toMatchObject({ state: 'predicted', basis: 'history' });
    // and take the department's spread from the remembered sample once, not on every page
    if (again.state !== 'predicted' || other.state !== 'predicted') throw new Error('expected predictions');
    expect(other.pending[0]!.latency).toBe(again.pending[0]!.latency);
  });
});
