// @vitest-environment jsdom
import '../department/antd-dom.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrackPage } from '../../../web/src/enterprise/public/TrackPage.tsx';
import type { PublicProgress } from '../../../web/src/enterprise/types.ts';
import { LocaleProvider } from '../../../web/src/shared/i18n.tsx';

const progress: PublicProgress = {
  caseNumber: '20260302000001', itemCode: '010030001000', status: 'running', form: 'joint',
  acceptedAt: '2026-03-02T01:10:00.000Z', dueAt: '2026-03-18T15:59:59.999Z', endedAt: null,
  pending: [
    { step: 'jointReview', departmentId: '990121:xf', departmentName: '东阳县消防救援支队', dueAt: '2026-03-09T15:59:59.999Z' },
    { step: 'planCheck', departmentId: '990121:zrzy', departmentName: '东阳县自然资源和规划局', dueAt: '2026-03-10T15:59:59.999Z' },
  ],
  departments: [
    { departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局', round: 1, state: 'approved', light: 'none', dueAt: '2026-03-09T15:59:59.999Z', completedAt: '2026-03-03T02:00:00.000Z', remainingWorkingDays: null, late: false, overdueWorkingDays: 0 },
    { departmentId: '990121:xf', departmentName: '东阳县消防救援支队', round: 1, state: 'signed', light: 'yellow', dueAt: '2026-03-09T15:59:59.999Z', completedAt: null, remainingWorkingDays: 2, late: false, overdueWorkingDays: 0 },
  ],
  steps: [
    { type: 'applied', at: '2026-03-02T01:00:00.000Z' }, { type: 'accepted', at: '2026-03-02T01:10:00.000Z' },
    { type: 'signed', at: '2026-03-02T02:00:00.000Z', departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局' },
    { type: 'signed', at: '2026-03-02T03:00:00.000Z', departmentId: '990121:xf', departmentName: '东阳县消防救援支队' },
    { type: 'opinion', at: '2026-03-03T02:00:00.000Z', departmentId: '990121:zj', departmentName: '东阳县住房和城乡建设局', decision: 'approve' },
  ],
};

/** The server, as far as the page asks it: the lookup answers only for the right number and code. */
function stubServer() {
  const fetch = vi.fn(async (url: string) => {
    const u = new URL(url, 'http://localhost');
    if (u.pathname === '/api/public/progress') {
      const right = u.searchParams.get('caseNumber') === progress.caseNumber && u.searchParams.get('queryCode') === '482913';
      return json(right ? progress : { code: 'not_found', title: 'not found' }, right ? 200 : 404);
    }
    if (u.pathname === '/api/catalogue/010030001000') return json({ itemCode: '010030001000', name: '企业投资建设项目施工许可', departments: [{ code: 'xf', name: '消防救援' }] });
    return json({ code: 'not_found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function renderAt(url: string, locale?: 'zh' | 'en') {
  return render(<LocaleProvider locale={locale}><MemoryRouter initialEntries={[url]}><TrackPage /></MemoryRouter></LocaleProvider>);
}

const lookups = (fetch: ReturnType<typeof stubServer>) => fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/public/progress'));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('公开查询 opened from the acceptance notice QR code', () => {
  it('fills in the case number and query code from the link and shows the progress at once, looked up once', async () => {
    const fetch = stubServer();
    renderAt('/track?caseNumber=20260302000001&queryCode=482913');
    await screen.findByTestId('track-result');
    expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe('20260302000001');
    expect((screen.getByLabelText('查询码') as HTMLInputElement).value).toBe('482913');
    expect(screen.getByTestId('track-status').textContent).toBe('办理中');
    expect(lookups(fetch).map(([url]) => url)).toEqual(['/api/public/progress?caseNumber=20260302000001&queryCode=482913']);
  });

  it('names the department of each step, and lists every department with its state and countdown', async () => {
    stubServer();
    renderAt('/track?caseNumber=20260302000001&queryCode=482913');
    const result = await screen.findByTestId('track-result');
    const steps = [...within(screen.getByTestId('track-steps')).getAllByText(/^(部门签收|部门出具意见)/)].map((e) => e.textContent);
    expect(steps).toEqual(['部门签收 · 东阳县住房和城乡建设局', '部门签收 · 东阳县消防救援支队', '部门出具意见 · 东阳县住房和城乡建设局 · 同意']);
    const rows = within(screen.getByTestId('track-departments')).getAllByTestId('department-row');
    expect(rows.map((r) => [r.getAttribute('data-department'), r.getAttribute('data-state')])).toEqual([['990121:zj', 'approved'], ['990121:xf', 'signed']]);
    expect(rows[0]!.textContent).toContain('东阳县住房和城乡建设局');
    expect(rows[0]!.textContent).toContain('同意');
    expect(rows[1]!.textContent).toContain('东阳县消防救援支队');
    expect(within(rows[1]!).getByTestId('department-countdown').textContent).toBe('剩余 2 个工作日');
    // 正在办理 lists the open steps not already shown as a reviewing department's row
    expect(within(result).getByTestId('track-pending').textContent).toContain('东阳县自然资源和规划局');
    expect(within(result).getByTestId('track-pending').textContent).not.toContain('东阳县消防救援支队');
  });

  it('shows the steps and departments in English when the visitor switches language', async () => {
    stubServer();
    renderAt('/track?caseNumber=20260302000001&queryCode=482913', 'en');
    await screen.findByTestId('track-result');
    expect(screen.getByText('Signed for · 东阳县消防救援支队')).toBeTruthy();
    expect(within(screen.getByTestId('track-departments')).getByText('Signed for, reviewing')).toBeTruthy();
    expect(within(screen.getByTestId('track-departments')).getByText('2 working days left')).toBeTruthy();
  });

  it('says the case was not found when the link carries a wrong query code', async () => {
    stubServer();
    renderAt('/track?caseNumber=20260302000001&queryCode=000000');
    expect((await screen.findByTestId('track-error')).textContent).toContain('没有找到该办件');
    expect(screen.queryByTestId('track-result')).toBeNull();
  });

  it('does not send a malformed code from the link, and shows the form rule instead', async () => {
    const fetch = stubServer();
    renderAt('/track?caseNumber=20260302000001&queryCode=12ab');
    await waitFor(() => expect(document.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect((screen.getByLabelText('查询码') as HTMLInputElement).value).toBe('12ab');
    expect(lookups(fetch)).toHaveLength(0);
  });

  it('waits for the visitor to type when the page is opened without a link', async () => {
    const fetch = stubServer();
    renderAt('/track');
    await screen.findByLabelText('办件编号');
    expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe('');
    expect(lookups(fetch)).toHaveLength(0);
    expect(screen.queryByTestId('track-error')).toBeNull();
  });
});
