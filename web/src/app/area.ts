/** What an area of the app (one audience) tells the shell: where it lives, who may enter, its menu. */
import type { ReactNode } from 'react';
import type { Role } from '../shared/session.tsx';

export interface Area {
  /** URL prefix, e.g. '/designer'. */
  base: string;
  roles: Role[];
  title: { zh: string; en: string };
  /** Menu entries, paths relative to `base` ('' is the area's home). */
  menu: { path: string; zh: string; en: string }[];
  /** The area's screens: a `<Routes>` with paths relative to `base`. */
  element: ReactNode;
}

/** A page anyone may open without signing in (public progress lookup, the catalogue). */
export interface PublicPage {
  path: string;
  title: { zh: string; en: string };
  element: ReactNode;
}
