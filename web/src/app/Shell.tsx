/** The frame around an area: its menu, the language toggle, who is signed in, sign-out. */
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useLocale } from '../shared/i18n.tsx';
import { closeRealtime } from '../shared/realtime.ts';
import { useSession } from '../shared/session.tsx';
import type { Area } from './area.ts';

export function LocaleSwitch() {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented size="small" value={locale} onChange={(v) => setLocale(v as 'zh' | 'en')}
      options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} aria-label="language" />
  );
}

export function Shell({ area }: { area: Area }) {
  const { locale } = useLocale();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = area.menu
    .map((m) => `${area.base}${m.path ? `/${m.path}` : ''}`)
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Link to={area.base} style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }}>
          {locale === 'zh' ? '联审' : 'Lianshen'} · {area.title[locale]}
        </Link>
        <Menu theme="dark" mode="horizontal" style={{ flex: 1, minWidth: 0 }} selectedKeys={selected ? [selected] : []}
          items={area.menu.map((m) => {
            const to = `${area.base}${m.path ? `/${m.path}` : ''}`;
            return { key: to, label: <Link to={to}>{m[locale]}</Link> };
          })} />
        <Space>
          <LocaleSwitch />
          <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-user">{user?.displayName}</Typography.Text>
          <Button size="small" onClick={async () => { closeRealtime(); await logout(); navigate('/login'); }}>
            {locale === 'zh' ? '退出' : 'Sign out'}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>{area.element}</Layout.Content>
    </Layout>
  );
}

/** Public pages: no menu, only the language toggle and a way to sign in. */
export function PublicShell({ children }: { children: React.ReactNode }) {
  const { locale } = useLocale();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}>
        <Link to="/" style={{ color: '#fff', fontWeight: 600 }}>{locale === 'zh' ? '联审 · 政务服务' : 'Lianshen · Government services'}</Link>
        <Space><LocaleSwitch /><Link to="/login" style={{ color: '#fff' }}>{locale === 'zh' ? '登录' : 'Sign in'}</Link></Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
    </Layout>
  );
}
