/**
 * Which department rectifies after a 差评: the rated case's **lead department** (牵头部门) —
 * the department accountable to the applicant for the whole case (牵头负责; a 12345 order's
 * handling department, 首接负责). Read from the case's own task rows:
 *
 * 1. among department tasks that were done, the last one held by a lead participant;
 * 2. a case without a lead: the department that acted last;
 * 3. a case no department ever acted on (e.g. refused at the window, 不予受理): the service
 *    centre (`zwfw`) of the case's region, which runs the windows.
 *
 * One department, on purpose: rectification is a single accountable task (`handle`), and the
 * investigation may name another department when the first one returns it (record-finding.ts).
 */
import type { CaseSession } from '../../cases/case-session.ts';
import type { TaskRecord } from '../../cases/case-types.ts';
import { departmentId } from '../../org/region.ts';
import { taskHistory } from './task-history.ts';

/** The id ('<region>:<kind>') of the department the rating of the locked case is about. */
export async function departmentConcerned(s: CaseSession): Promise<string> {
  const held = (await taskHistory(s, Object.keys(s.item.tasks))).filter((t) => t.departmentId !== null);
  const acted = held.filter((t) => t.status === 'done');
  const candidates = acted.length ? acted : held;
  const leads = candidates.filter((t) => t.lead);
  return latest(leads.length ? leads : candidates)?.departmentId ?? departmentId(s.row.regionCode, 'zwfw');
}

function latest(tasks: TaskRecord[]): TaskRecord | undefined {
  const at = (t: TaskRecord) => (t.completedAt ?? t.createdAt).getTime();
  return [...tasks].sort((a, b) => at(a) - at(b)).at(-1);
}
