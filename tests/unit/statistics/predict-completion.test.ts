import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../engine/calendar/index.ts';
import { predictCompletion, type HistoryTask, type PredictionInput, type TailSample } from '../../../engine/statistics/predict-completion.ts';

const calendar = WorkingDayCalendar.bundled();
const t = (iso: string) => new Date(`${iso}+08:00`);
const REGION = '990121';

// A case accepted Mon 2 March 2026 09:00, promised by Mon 9 March, waiting for two departments since then.
const OPEN: PredictionInput['case'] = {
  caseId: 'c1', caseNumber: '20260302000001', itemCode: 'ITEM', regionCode: REGION, status: 'running',
  acceptedAt: t('2026-03-02T09:00:00'), dueAt: t('2026-03-09T23:59:59.999'), pausedAt: null, endedAt: null, stops: [],
};
const pending = (departmentId: string) => ({
  taskId: `task-${departmentId}`, elementId: 'review', departmentId, departmentName: departmentId, level: 'county' as const,
  createdAt: t('2026-03-02T09:00:00'), dueAt: t('2026-03-05T23:59:59.999'),
});
/** A past task of `departmentId` that took `days` working days (created on a Monday). */
const took = (departmentId: string, days: number, itemCode = 'ITEM', elementId = 'review'): HistoryTask => ({
  departmentId, itemCode, elementId, regionCode: REGION, stops: [],
  createdAt: t('2026-02-02T09:00:00'), completedAt: calendar.addWorkingDays(t('2026-02-02T09:00:00'), days, REGION).at,
});
const tail = (days: number): TailSample => ({
  elementId: 'review', regionCode: REGION, stops: [], completedAt: t('2026-02-02T09:00:00'), endedAt: calendar.addWorkingDays(t('2026-02-02T09:00:00'), days, REGION).at,
});

describe('预计办结: from the real latency of the departments still pending', () => {
  it('takes the slowest pending department, with its p50 and p90, plus the rest of the process', () => {
    // Tue 3 March 10:00: each department has had 1 working day.
    const prediction = predictCompletion({
      case: OPEN,
      pending: [pending('990121:xf'), pending('990121:rf')],
      history: [
        ...[1, 1, 2, 2, 3].map((d) => took('990121:xf', d)), // p50 2, p90 3
        ...[2, 3, 4, 4, 6].map((d) => took('990121:rf', d)), // p50 4, p90 6
      ],
      tails: [1, 1, 2].map(tail), // p50 1, p90 2
    }, calendar, t('2026-03-03T10:00:00'));
    expect(prediction).toMatchObject({
      state: 'predicted', basis: 'history',
      // rf: p50 max(0, 4 − 1) + 1 = 4 → Mon 9 March; p90 max(0, 6 − 1) + 2 = 7 → Thu 12 March (after the promise)
      p50: { remainingWorkingDays: 4, date: t('2026-03-09T23:59:59.999') },
      p90: { remainingWorkingDays: 7, date: t('2026-03-12T23:59:59.999') },
      p90BeyondPromised: true,
    });
    if (prediction.state !== 'predicted') throw new Error('expected a prediction');
    expect(prediction.pending.map((p) => [p.departmentId, p.elapsedWorkingDays, p.latency.basis, p.remaining])).toEqual([
      ['990121:xf', 1, 'item-step', { p50: 2, p90: 4 }],
      ['990121:rf', 1, 'item-step', { p50: 4, p90: 7 }],
    ]);
  });

  it('uses all of a department’s tasks when it has too few on this item and step', () => {
    const prediction = predictCompletion({
      case: OPEN, pending: [pending('990121:xf')],
      history: [took('990121:xf', 1), took('990121:xf', 5, 'OTHER'), took('990121:xf', 3, 'OTHER', 'decide')],
      tails: [0, 0, 0].map(tail),
    }, calendar, t('2026-03-02T10:00:00'));
    expect(prediction).toMatchObject({ basis: 'history', p50: { remainingWorkingDays: 3 }, p90: { remainingWorkingDays: 5 } });
    if (prediction.state !== 'predicted') throw new Error('expected a prediction');
    expect(prediction.pending[0]!.latency).toEqual({ basis: 'department', samples: 3, p50: 3, p90: 5 });
  });

  it('falls back to the promised limit when a department or the rest of the process has no history', () => {
    const withoutTail = predictCompletion({ case: OPEN, pending: [pending('990121:xf')], history: [1, 2, 3].map((d) => took('990121:xf', d)), tails: [tail(1)] }, calendar, t('2026-03-03T10:00:00'));
    expect(withoutTail).toMatchObject({
      state: 'predicted', basis: 'promised-limit', promisedDate: OPEN.dueAt,
      p50: { date: OPEN.dueAt, remainingWorkingDays: 4 }, p90: { date: OPEN.dueAt, remainingWorkingDays: 4 }, p90BeyondPromised: false,
    });
    const newDepartment = predictCompletion({ case: OPEN, pending: [pending('990121:rf')], history: [1, 2, 3].map((d) => took('990121:xf', d)), tails: [1, 1, 1].map(tail) }, calendar, t('2026-03-03T10:00:00'));
    expect(newDepartment).toMatchObject({ basis: 'promised-limit' });
  });

  it('counts from now on the calendar: over 清明 (4–6 April) and after office hours', () => {
    const april = { ...OPEN, acceptedAt: t('2026-04-01T09:00:00'), dueAt: t('2026-04-10T23:59:59.999') };
    const task = { ...pending('990121:xf'), createdAt: t('2026-04-01T09:00:00') };
    const prediction = predictCompletion({ case: april, pending: [task], history: [2, 2, 2].map((d) => took('990121:xf', d)), tails: [0, 0, 0].map(tail) }, calendar, t('2026-04-02T18:00:00'));
    // 1 working day had (Thu 2); 1 to go, counted from the next working day as after 17:30: Tue 7 April.
    expect(prediction).toMatchObject({ p50: { remainingWorkingDays: 1, date: t('2026-04-07T23:59:59.999') } });
  });

  it('says when there is nothing to predict', () => {
    const input = { pending: [], history: [], tails: [] };
    expect(predictCompletion({ ...input, case: { ...OPEN, status: 'completed', endedAt: t('2026-03-04T10:00:00') } }, calendar, t('2026-03-05T10:00:00')))
      .toEqual({ caseId: 'c1', caseNumber: OPEN.caseNumber, state: 'ended', endedAt: t('2026-03-04T10:00:00') });
    expect(predictCompletion({ ...input, case: { ...OPEN, acceptedAt: null, dueAt: null } }, calendar, t('2026-03-05T10:00:00')))
      .toEqual({ caseId: 'c1', caseNumber: OPEN.caseNumber, state: 'not-accepted' });
    expect(predictCompletion({ ...input, case: { ...OPEN, pausedAt: t('2026-03-04T10:00:00') } }, calendar, t('2026-03-05T10:00:00')))
      .toMatchObject({ state: 'clock-stopped', pausedAt: t('2026-03-04T10:00:00') });
  });

  it('takes the working days a source counted for its samples instead of counting them again', () => {
    // The dates say 1 working day each; the source counted 5 (its calendar, its clock stops).
    const counted = (h: HistoryTask): HistoryTask => ({ ...h, workingDays: 5 });
    const prediction = predictCompletion({
      case: OPEN, pending: [pending('990121:xf')],
      history: [1, 1, 1].map((d) => counted(took('990121:xf', d))),
      tails: [0, 0, 0].map((d) => ({ ...tail(d), workingDays: 2 })),
    }, calendar, t('2026-03-02T10:00:00'));
    expect(prediction).toMatchObject({ basis: 'history', p50: { remainingWorkingDays: 7 }, p90: { remainingWorkingDays: 7 } });
  });
});

describe('预计办结 from a source’s remembered samples (PredictionInput.grouped)', () => {
  const history = [...[1, 1, 2, 2, 3].map((d) => took('990121:xf', d)), ...[2, 3, 4, 4, 6].map((d) => took('990121:rf', d))];
  const tails = [1, 1, 2].map(tail);
  const input = (): PredictionInput => ({
    case: OPEN, pending: [pending('990121:xf'), pending('990121:rf')], history, tails,
    grouped: {
      history: new Map(['990121:xf', '990121:rf'].map((d) => [d, history.filter((h) => h.departmentId === d)])),
      tails: new Map([['review', tails]]),
    },
  });

  it('predicts what the same samples predict as one flat list', () => {
    const now = t('2026-03-03T10:00:00');
    expect(predictCompletion(input(), calendar, now)).toEqual(predictCompletion({ case: OPEN, pending: input().pending, history, tails }, calendar, now));
  });

  it('takes a department’s spread and a step’s tail spread once per remembered list, not on every page', () => {
    const lists = input().grouped!;
    const page = (at: string) => predictCompletion({ ...input(), grouped: lists }, calendar, t(at));
    const [first, second] = [page('2026-03-03T10:00:00'), page('2026-03-03T10:00:30')];
    if (first.state !== 'predicted' || second.state !== 'predicted') throw new Error('expected predictions');
    expect(second.pending[1]!.latency).toBe(first.pending[1]!.latency);
    expect(second.pending[0]!.afterwards).toBe(first.pending[0]!.afterwards);
    // one spread of the step's tails serves every pending department of the page
    expect(first.pending[1]!.afterwards).toBe(first.pending[0]!.afterwards);
    // what is shared cannot be changed by one page
    expect(() => { (first.pending[0]!.latency as { p50: number | null }).p50 = 99; }).toThrow(TypeError);
  });
});
