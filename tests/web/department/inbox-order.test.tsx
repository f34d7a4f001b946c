// @vitest-environment jsdom
import './antd-dom.ts';
import { App } from 'antd';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboxPage } from '../../../web/src/department/InboxPage.tsx';
import { orderInbox, type InboxTask } from '../../../web/src/department/inbox-order.ts';
import { LocaleProvider } from '../../../web/src/shared/i18n.tsx';
import { SessionProvider } from '../../../web/src/shared/session.tsx';

// The live refresh is driven by hand: `taskChanged()` plays a task:changed message.
const live = vi.hoisted(() => ({ onTask: undefined as undefined | ((task: unknown) => void) }));
vi.mock('../../../web/src/shared/realtime.ts', () => ({ useTaskChanges: (cb: (task: unknown) => void) => { live.onTask = cb; }, useCaseEvents: () => undefined, useReconnect: () => undefined }));
const taskChanged = () => act(() => live.onTask?.({ id: 't', caseId: 'c' }));

function task(caseNumber: string, over: Partial<InboxTask> = {}): InboxTask {
  return {
    taskId: `t-${caseNumber}`, caseId: `c-${caseNumber}`, caseNumber, itemCode: '010030001000', regionCode: '990121', elementId: 'jointReview',
    kind: 'review', status: 'open', green: false, paused: false, createdAt: '2026-03-02T01:00:00.000Z', signDueAt: null,
    dueAt: '2026-03-10T15:59:59.999Z', light: 'none', remainingWorkingDays: 5, returnable: false, ...over,
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('待办 order', () => {
  it('puts every green-channel task before any other, even one due later', () => {
    const ordered = orderInbox([
      task('A', { dueAt: '2026-03-03T15:59:59.999Z' }),
      task('G', { green: true, dueAt: '2026-03-20T15:59:59.999Z' }),
    ]);
    expect(ordered.map((t) => t.caseNumber)).toEqual(['G', 'A']);
  });

  it('orders by the nearest deadline within each group, tasks without a limit last', () => {
    const ordered = orderInbox([
      task('late', { dueAt: '2026-03-12T15:59:59.999Z' }),
      task('none', { dueAt: null }),
      task('soon', { dueAt: '2026-03-04T15:59:59.999Z' }),
      task('g-late', { green: true, dueAt: '2026-03-09T15:59:59.999Z' }),
      task('g-soon', { green: true, dueAt: '2026-03-05T15:59:59.999Z' }),
      task('g-none', { green: true, dueAt: null }),
    ]);
    expect(ordered.map((t) => t.caseNumber)).toEqual(['g-soon', 'g-late', 'g-none', 'soon', 'late', 'none']);
  });

  it('breaks deadline ties by the older task, then by task id (as the server pages), and leaves the input untouched', () => {
    const input = [
      task('3', { createdAt: '2026-03-02T03:00:00.000Z' }),
      task('2', { createdAt: '2026-03-02T02:00:00.000Z' }),
      task('1', { createdAt: '2026-03-02T03:00:00.000Z' }),
      task('0', { dueAt: null, createdAt: '2026-03-01T00:00:00.000Z' }),
      task('00', { dueAt: null, createdAt: '2026-03-01T00:00:00.000Z' }),
    ];
    const before = input.map((t) => t.caseNumber);
    expect(orderInbox(input).map((t) => t.caseNumber)).toEqual(['2', '1', '3', '0', '00']);
    expect(input.map((t) => t.caseNumber)).toEqual(before);
  });
});

describe('InboxPage', () => {
  it('shows the inbox in 待办 order with lights, the green tag and working days left, whatever order the server sent', async () => {
    const tasks = [
      task('20260302000001', { dueAt: '2026-03-12T15:59:59.999Z', remainingWorkingDays: 8 }),
      task('20260302000002', { dueAt: '2026-03-04T15:59:59.999Z', light: 'yellow', remainingWorkingDays: 2, status: 'signed' }),
      task('20260302000003', { green: true, dueAt: '2026-03-13T15:59:59.999Z', remainingWorkingDays: 9 }),
    ];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const body = url.startsWith('/api/tasks/inbox') ? { tasks, nextCursor: null, total: 3 }
        : url.startsWith('/api/catalogue') ? { items: [{ itemCode: '010030001000', name: '企业投资建设项目施工许可', materials: [] }] }
        : url.startsWith('/api/auth/me') ? { user: { id: 'u', username: 'xf', displayName: 'xf', role: 'reviewer', regionCode: '990121', departmentId: '990121:xf' } }
        : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    render(<LocaleProvider><SessionProvider><App><MemoryRouter><InboxPage /></MemoryRouter></App></SessionProvider></LocaleProvider>);
    await waitFor(() => expect(screen.getAllByTestId(/^inbox-row-/)).toHaveLength(3));
    const rows = screen.getAllByTestId(/^inbox-row-/);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['inbox-row-20260302000003', 'inbox-row-20260302000002', 'inbox-row-20260302000001']);
    expect(within(rows[0]!).getByText('绿色通道')).toBeTruthy();
    expect(within(rows[1]!).getByText('黄灯')).toBeTruthy();
    expect(within(rows[1]!).getByText('2 个工作日')).toBeTruthy();
    // a signed task takes an opinion; an open one must be signed for first
    expect(within(rows[1]!).getByRole('button', { name: '审查意见' })).toBeTruthy();
    expect(within(rows[2]!).getByRole('button', { name: '签 收' })).toBeTruthy();
  });

  it('offers 退回 on a handling task only while the server says it may still be returned', async () => {
    const handle = { itemCode: '200150001000', elementId: 'handle', kind: 'handle', signDueAt: '2026-03-04T15:59:59.999Z' };
    const tasks = [task('20260302000011', { ...handle, returnable: true }), task('20260302000012', { ...handle, returnable: false, light: 'red' })];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const body = url.startsWith('/api/tasks/inbox') ? { tasks, nextCursor: null, total: 2 }
        : url.startsWith('/api/auth/me') ? { user: { id: 'u', username: 'xf', displayName: 'xf', role: 'reviewer', regionCode: '990121', departmentId: '990121:xf' } }
        : url.startsWith('/api/catalogue') ? { items: [] } : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    render(<LocaleProvider><SessionProvider><App><MemoryRouter><InboxPage /></MemoryRouter></App></SessionProvider></LocaleProvider>);
    await waitFor(() => expect(screen.getAllByTestId(/^inbox-row-/)).toHaveLength(2));
    const open = screen.getByTestId('inbox-row-20260302000011');
    const late = screen.getByTestId('inbox-row-20260302000012');
    expect(within(open).getByRole('button', { name: '签 收' })).toBeTruthy();
    expect(within(open).getByRole('button', { name: '退 回' })).toBeTruthy();
    // past its sign-for limit the order must be handled: 签收 only
    expect(within(late).getByRole('button', { name: '签 收' })).toBeTruthy();
    expect(within(late).queryByRole('button', { name: '退 回' })).toBeNull();
  });

  it('shows the first page, loads the next on 加载更多, signs loaded rows in a batch and reloads every loaded page on a live change', async () => {
    const all = Array.from({ length: 5 }, (_, i) => task(`2026030200001${i}`, { dueAt: `2026-03-1${i}T15:59:59.999Z` }));
    let served = all;
    const inboxCalls: string[] = [];
    const signed: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      let body: unknown = {};
      if (url.startsWith('/api/tasks/inbox')) {
        inboxCalls.push(url);
        const params = new URL(url, 'http://x').searchParams;
        const start = params.get('after') ? served.findIndex((t) => t.taskId === params.get('after')) + 1 : 0;
        const limit = Number(params.get('limit'));
        // Pages of 3 whatever the client asks, so a 5-task inbox has two.
        const page = served.slice(start, start + Math.min(limit, 3));
        body = { tasks: page, nextCursor: start + 3 < served.length ? page.at(-1)!.taskId : null, total: served.length };
      } else if (url.startsWith('/api/tasks/batch-sign')) {
        const { taskIds } = JSON.parse(String(init?.body)) as { taskIds: string[] };
        signed.push(...taskIds);
        body = { results: taskIds.map((taskId) => ({ taskId, ok: true })) };
      } else if (url.startsWith('/api/auth/me')) {
        body = { user: { id: 'u', username: 'xf', displayName: 'xf', role: 'reviewer', regionCode: '990121', departmentId: '990121:xf' } };
      } else if (url.startsWith('/api/catalogue')) body = { items: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    render(<LocaleProvider><SessionProvider><App><MemoryRouter><InboxPage /></MemoryRouter></App></SessionProvider></LocaleProvider>);
    await waitFor(() => expect(screen.getAllByTestId(/^inbox-row-/)).toHaveLength(3));
    expect(screen.getByTestId('inbox-total').textContent).toBe('共 5 件');
    expect(inboxCalls[0]).toBe('/api/tasks/inbox?limit=100');

    fireEvent.click(screen.getByTestId('inbox-load-more'));
    await waitFor(() => expect(screen.getAllByTestId(/^inbox-row-/)).toHaveLength(5));
    expect(inboxCalls.at(-1)).toBe(`/api/tasks/inbox?limit=100&after=${all[2]!.taskId}`);
    expect(screen.getAllByTestId(/^inbox-row-/).map((r) => r.getAttribute('data-testid'))).toEqual(all.map((t) => `inbox-row-${t.caseNumber}`));
    expect(screen.queryByTestId('inbox-load-more')).toBeNull();

    // Batch 签收 across both pages.
    fireEvent.click(screen.getByRole('checkbox', { name: all[1]!.caseNumber }));
    fireEvent.click(screen.getByRole('checkbox', { name: all[4]!.caseNumber }));
    fireEvent.click(screen.getByTestId('batch-sign'));
    await waitFor(() => expect(signed).toEqual([all[1]!.taskId, all[4]!.taskId]));

    // After 签收 the loaded pages are read again (both of them), and the selection is gone.
    await waitFor(() => expect(inboxCalls).toHaveLength(4));
    expect(inboxCalls.slice(2)).toEqual(['/api/tasks/inbox?limit=100', `/api/tasks/inbox?limit=100&after=${all[2]!.taskId}`]);
    await waitFor(() => expect(screen.getByTestId('batch-sign').textContent).toContain('0'));

    // A live change (here: both signed elsewhere) reloads both loaded pages, and shows it.
    served = [all[0]!, { ...all[1]!, status: 'signed' }, all[2]!, all[3]!, { ...all[4]!, status: 'signed' }];
    expect(screen.getByTestId(`inbox-row-${all[4]!.caseNumber}`).textContent).not.toContain('已签收');
    taskChanged();
    await waitFor(() => expect(screen.getByTestId(`inbox-row-${all[4]!.caseNumber}`).textContent).toContain('已签收'));
    expect(inboxCalls.slice(4)).toEqual(['/api/tasks/inbox?limit=100', `/api/tasks/inbox?limit=100&after=${all[2]!.taskId}`]);
    expect(screen.getAllByTestId(/^inbox-row-/)).toHaveLength(5);
  });
});
