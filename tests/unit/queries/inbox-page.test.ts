import { describe, expect, it } from 'vitest';
import { isoFromUtcTimestamp } from '../../../engine/adapters/postgres/pg-inbox-source.ts';
import { bundledYears, WorkingDayCalendar } from '../../../engine/calendar/index.ts';
import { departmentInboxPage, lightOf, type InboxRow, type InboxSource } from '../../../engine/queries/department-inbox.ts';
import { mayReturn } from '../../../engine/work-orders/handling-rules.ts';

const iso = (local: string) => new Date(`${local}+08:00`).toISOString();
const row = (over: Partial<InboxRow>): InboxRow => ({
  taskId: 't', caseId: 'c', caseNumber: 'LS1', itemCode: '010030001000', regionCode: '990121', elementId: 'review', kind: 'review',
  status: 'signed', green: false, paused: false, createdAt: iso('2026-03-02T09:00:00'), signDueAt: null, dueAt: null, yellowAt: null, ...over,
});
const sourceOf = (rows: InboxRow[]): InboxSource => ({ openTasksOf: async () => ({ rows, next: null, total: rows.length }) });

describe('a page of 待办 computed from ISO instants', () => {
  // 东阳县 keeps Thursday 5 March 2026 as a local day off: the same deadline leaves it one working day fewer.
  const calendar = new WorkingDayCalendar({ years: bundledYears(), overrides: { '990121': { holidays: [{ date: '2026-03-05', name: '县庆' }] } } });
  const now = new Date('2026-03-03T10:00:00+08:00');
  const friday = iso('2026-03-06T23:59:59.999');

  it('counts working days per region and deadline, as the calendar does for each row', async () => {
    const rows = [
      row({ taskId: 'a', regionCode: '990121', dueAt: friday }),
      row({ taskId: 'b', regionCode: '990122', dueAt: friday }),
      row({ taskId: 'c', regionCode: '990121', dueAt: friday }),
      row({ taskId: 'd', regionCode: '990121', dueAt: iso('2026-03-09T23:59:59.999') }),
      row({ taskId: 'e', regionCode: '990121', dueAt: null }),
    ];
    const { tasks, total } = await departmentInboxPage(sourceOf(rows), calendar, now, '990121:xf');
    expect(tasks.map((t) => t.remainingWorkingDays)).toEqual(rows.map((r) => (r.dueAt ? calendar.remainingWorkingDays(now, new Date(r.dueAt), r.regionCode) : null)));
    expect(tasks.map((t) => t.remainingWorkingDays)).toEqual([2, 3, 2, 3, null]);
    expect(total).toBe(5);
  });

  it('gives each row the light lightOf gives its instants, and passes the instants through unchanged', async () => {
    const rows = [
      row({ taskId: 'unsigned-late', status: 'open', signDueAt: iso('2026-03-02T23:59:59.999'), dueAt: friday }),
      row({ taskId: 'yellow', dueAt: friday, yellowAt: iso('2026-03-03T00:00:00') }),
      row({ taskId: 'red', dueAt: iso('2026-03-02T23:59:59.999') }),
      row({ taskId: 'paused', paused: true, dueAt: iso('2026-03-02T23:59:59.999') }),
      row({ taskId: 'calm', dueAt: friday, yellowAt: iso('2026-03-06T00:00:00') }),
    ];
    const { tasks } = await departmentInboxPage(sourceOf(rows), calendar, now, '990121:xf');
    expect(tasks.map((t) => t.light)).toEqual(['red', 'yellow', 'red', 'none', 'none']);
    const date = (s: string | null) => (s === null ? null : new Date(s));
    expect(tasks.map((t) => t.light)).toEqual(rows.map((r) => lightOf({ ...r, dueAt: date(r.dueAt), yellowAt: date(r.yellowAt), signDueAt: date(r.signDueAt) }, now)));
    expect(tasks.map(({ light: _l, remainingWorkingDays: _d, returnable: _r, ...r }) => r)).toEqual(rows);
  });

  it('marks a handling task returnable while unsigned and within its sign-for limit, as the return rule decides', async () => {
    const handle = { kind: 'handle', elementId: 'handle', itemCode: '200150001000' };
    const rows = [
      row({ ...handle, taskId: 'in-time', status: 'open', signDueAt: iso('2026-03-04T23:59:59.999') }),
      row({ ...handle, taskId: 'late', status: 'open', signDueAt: iso('2026-03-02T23:59:59.999') }),
      row({ ...handle, taskId: 'signed', status: 'signed', signDueAt: iso('2026-03-04T23:59:59.999') }),
      row({ ...handle, taskId: 'no-limit', status: 'open', signDueAt: null }),
      row({ taskId: 'review', status: 'open', signDueAt: iso('2026-03-04T23:59:59.999') }),
    ];
    const { tasks } = await departmentInboxPage(sourceOf(rows), calendar, now, '990121:xf');
    expect(tasks.map((t) => [t.taskId, t.returnable])).toEqual([['in-time', true], ['late', false], ['signed', false], ['no-limit', true], ['review', false]]);
    const date = (s: string | null) => (s === null ? null : new Date(s));
    expect(tasks.slice(0, 4).map((t) => t.returnable)).toEqual(rows.slice(0, 4).map((r) => mayReturn({ status: r.status as 'open', signDueAt: date(r.signDueAt) }, now)));
  });
});

describe('instants read as UTC timestamp text', () => {
  it('writes them as Date#toJSON does (milliseconds, truncated) or with microseconds for the paging key', () => {
    expect(isoFromUtcTimestamp('2026-03-06 15:59:59.999', 3)).toBe('2026-03-06T15:59:59.999Z');
    expect(isoFromUtcTimestamp('2026-03-06 15:59:59.999', 6)).toBe('2026-03-06T15:59:59.999000Z');
    expect(isoFromUtcTimestamp('2026-03-02 01:00:00', 3)).toBe(new Date('2026-03-02T09:00:00+08:00').toJSON());
    expect(isoFromUtcTimestamp('2026-03-02 01:00:00', 6)).toBe('2026-03-02T01:00:00.000000Z');
    expect(isoFromUtcTimestamp('2026-03-02 01:00:00.1234', 3)).toBe('2026-03-02T01:00:00.123Z');
    expect(isoFromUtcTimestamp('2026-03-02 01:00:00.123456', 6)).toBe('2026-03-02T01:00:00.123456Z');
    expect(isoFromUtcTimestamp('2026-03-02 01:00:00.5', 3)).toBe('2026-03-02T01:00:00.500Z');
  });

  it('refuses what the platform never writes rather than guess', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 00:00:00 BC', '2026-03-02T01:00:00Z']) {
      expect(() => isoFromUtcTimestamp(text, 3), text).toThrow(RangeError);
    }
  });
});
