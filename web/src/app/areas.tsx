/** Every area of the app, and where each role lands after signing in. */
import type { Role } from '../shared/session.tsx';
import type { Area, PublicPage } from './area.ts';
import { designerArea } from '../designer/area.tsx';
import { enterpriseArea, enterprisePublicPages } from '../enterprise/area.tsx';
import { departmentArea } from '../department/area.tsx';
import { windowArea } from '../window/area.tsx';
import { supervisionArea } from '../supervision/area.tsx';

export const areas: Area[] = [enterpriseArea, windowArea, departmentArea, supervisionArea, designerArea];

export const publicPages: PublicPage[] = [...enterprisePublicPages];

/** The first area a role may enter (admins see supervision first). */
export function homeOf(role: Role): string {
  return areas.find((a) => a.roles.includes(role))?.base ?? '/login';
}
