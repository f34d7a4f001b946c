/** Who is signed in, for the whole app: restored from the cookie session on load, ended on any 401. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, post, setCsrfToken, SIGNED_OUT_EVENT } from './api.ts';
import { closeRealtime } from './realtime.ts';

export type Role = 'applicant' | 'window' | 'reviewer' | 'lead' | 'supervisor' | 'designer' | 'admin';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentId: string | null;
}

interface SessionState {
  /** undefined while the session is being restored; null when nobody is signed in. */
  user: User | null | undefined;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    get<{ user: User }>('/api/auth/me').then((r) => setUser(r.user), () => setUser(null));
    const signedOut = () => setUser(null);
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password, client: 'browser' });
    setCsrfToken(r.csrfToken);
    // A socket of the previous session (expired, or another user's) would stay dead or speak for
    // the wrong user: the screens after sign-in open a new one with the new cookie.
    closeRealtime();
    setUser(r.user);
    return r.user;
  }, []);
  const logout = useCallback(async () => {
    await post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
