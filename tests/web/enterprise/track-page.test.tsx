// @vitest-environment jsdom
import '../department/antd-dom.ts';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrackPage } from '../../../web/src/enterprise/public/TrackPage.tsx';
import type { PublicProgress } from '../../../web/src/enterprise/types.ts';
import { LocaleProvider } from '../../../web/src/shared/i18n.tsx';

const progress: PublicProgress = {
  caseNumber: '20260302000001', itemCode: '010030001000', status: 'running', form: 'joint',
  acceptedAt: '2026-03-02T01:10:00.000Z', dueAt: '2026-03-18T15:59:59.999Z', endedAt: null,
  pending: [{ step: 'jointReview', departmentId: '990121:xf', dueAt: '2026-03-09T15:59:59.999Z' }],
  steps: [{ type: 'applied', at: '2026-03-02T01:00:00.000Z' }, { type: 'accepted', at: '2026-03-02T01:10:00.000Z' }],
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

function renderAt(url: string) {
  return render(<LocaleProvider><MemoryRouter initialEntries={[url]}><TrackPage /></MemoryRouter></LocaleProvider>);
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
    expect(screen.getByText('消防救援')).toBeTruthy();
    expect(lookups(fetch).map(([url]) => url)).toEqual(['/api/public/progress?caseNumber=20260302000001&queryCode=482913']);
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
