/** Routes: sign-in, public pages, and one area per audience guarded by role. */
import { ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LoginPage } from '../auth/LoginPage.tsx';
import { LocaleProvider, useLocale } from '../shared/i18n.tsx';
import { SessionProvider, useSession } from '../shared/session.tsx';
import type { Area } from './area.ts';
import { areas, homeOf, publicPages } from './areas.tsx';
import { PublicShell, Shell } from './Shell.tsx';

function Guarded({ area }: { area: Area }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Spin style={{ display: 'block', marginTop: '20vh' }} />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!area.roles.includes(user.role)) return <Navigate to={homeOf(user.role)} replace />;
  return <Shell area={area} />;
}

function Home() {
  const { user } = useSession();
  if (user === undefined) return <Spin style={{ display: 'block', marginTop: '20vh' }} />;
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

function Localised({ children }: { children: React.ReactNode }) {
  const { locale } = useLocale();
  return <ConfigProvider locale={locale === 'zh' ? zhCN : enUS}>{children}</ConfigProvider>;
}

export function App() {
  return (
    <LocaleProvider>
      <Localised>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<PublicShell><LoginPage /></PublicShell>} />
              {publicPages.map((p) => <Route key={p.path} path={p.path} element={<PublicShell>{p.element}</PublicShell>} />)}
              {areas.map((a) => <Route key={a.base} path={`${a.base}/*`} element={<Guarded area={a} />} />)}
              <Route path="*" element={<Home />} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </Localised>
    </LocaleProvider>
  );
}
