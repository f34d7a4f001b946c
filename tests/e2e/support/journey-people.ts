/**
 * Who acts in the construction-permit journey: one person for each of the eight departments the
 * item invites to its joint review (县住建 leads). The shared harness users cover only the fire
 * brigade (xf-east) and the lead (zj-east); the other six are added to this test's database only.
 */
import { hashPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { PASSWORD, USERS } from '../../support/api-harness.ts';
import type { E2eApp } from './e2e-app.ts';

export interface JourneyDepartment {
  /** `<region code>:<kind>`, as tasks and the enterprise's department rows name it. */
  id: string;
  /** As the demo org names it (the meeting's attendance list shows these). */
  name: string;
  username: string;
}

const COUNTY = '990121';
const CITY = '990100';

/** In the order the item lists its participants. */
export const DEPARTMENTS: JourneyDepartment[] = [
  { id: `${COUNTY}:zj`, name: '东阳县住房和城乡建设局', username: 'zj-east' },
  { id: `${COUNTY}:zrzy`, name: '东阳县自然资源和规划局', username: 'journey-zrzy' },
  { id: `${COUNTY}:xf`, name: '东阳县消防救援支队', username: 'xf-east' },
  { id: `${COUNTY}:rf`, name: '东阳县人民防空办公室', username: 'journey-rf' },
  { id: `${COUNTY}:sthj`, name: '东阳县生态环境局', username: 'journey-sthj' },
  { id: `${COUNTY}:sw`, name: '东阳县水务局', username: 'journey-sw' },
  { id: `${CITY}:fgw`, name: '临川市发展和改革委员会', username: 'journey-fgw' },
  { id: `${CITY}:jt`, name: '临川市交通运输局', username: 'journey-jt' },
];

export function department(kind: string): JourneyDepartment {
  const found = DEPARTMENTS.find((d) => d.id.endsWith(`:${kind}`));
  if (!found) throw new Error(`no journey department ${kind}`);
  return found;
}

/** Add a reviewer for every department the shared USERS lack (password PASSWORD). */
export async function addDepartmentReviewers(app: E2eApp): Promise<void> {
  const users = new UserStore(app.db.pool);
  const passwordHash = await hashPassword(PASSWORD);
  for (const d of DEPARTMENTS.filter((x) => !(x.username in USERS))) {
    const [regionCode] = d.id.split(':');
    await users.create({ id: `u-${d.username}`, username: d.username, passwordHash, displayName: d.name, role: 'reviewer', regionCode: regionCode!, departmentId: d.id });
  }
}
