/**
 * Pushes every committed case change to the rooms entitled to it: each new case event as
 * `case:event`, each new or changed task as `task:changed`. Runs as a runtime commit listener,
 * so nothing is pushed for a command that rolled back. One `io.to([...rooms])` per message: a
 * socket in several of the rooms receives it once; through the PostgreSQL adapter the sockets
 * of every app node receive it.
 */
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import type { OrgDirectory } from '../../engine/org/region.ts';
import type { CommittedChange } from '../../engine/runtime/runtime-environment.ts';
import { presentEvent, presentTask } from '../cases/case-presenter.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import type { RealtimeServer } from './realtime-contract.ts';
import { room } from './realtime-rooms.ts';

// Regions nest city → county → township; the bound only guards against a cycle in bad data.
const MAX_REGION_DEPTH = 10;

/** The commit listener for `runtime.env.listeners`. */
export function caseDelivery(io: RealtimeServer, reads: CaseReads, org: OrgDirectory) {
  return async ({ caseRow, events, tasks }: CommittedChange): Promise<void> => {
    if (events.length) {
      const rooms = await caseRooms(caseRow, tasks, reads, org);
      for (const e of events) io.to(rooms).emit('case:event', { caseId: caseRow.id, caseNumber: caseRow.caseNumber, event: presentEvent(e) });
    }
    for (const t of tasks) {
      const rooms = taskRooms(t, caseRow);
      if (rooms.length) io.to(rooms).emit('task:changed', presentTask(t));
    }
  };
}

/**
 * Everyone who may read the case (see `canReadCase`): watchers, its applicant, the windows of
 * its region, every department that holds or held a task of it, supervisors of its region and
 * of every region above.
 */
export async function caseRooms(c: CaseRecord, tasks: TaskRecord[], reads: CaseReads, org: OrgDirectory): Promise<string[]> {
  const departments = new Set(await reads.departmentsOf(c.id));
  for (const t of tasks) if (t.departmentId) departments.add(t.departmentId);
  const regions = await regionAndAncestors(org, c.regionCode);
  return [
    room.case(c.id), room.applicant(c.applicantId), room.window(c.regionCode),
    ...[...departments].map(room.department), ...regions.map(room.region),
  ];
}

/** Whose work a task is: its department; the window for acceptance; the applicant for 补正. */
export function taskRooms(t: TaskRecord, c: CaseRecord): string[] {
  if (t.departmentId) return [room.department(t.departmentId)];
  if (t.kind === 'accept') return [room.window(c.regionCode)];
  if (t.kind === 'supplement') return [room.applicant(c.applicantId)];
  return [];
}

async function regionAndAncestors(org: OrgDirectory, code: string): Promise<string[]> {
  const codes: string[] = [];
  let next: string | null = code;
  while (next && codes.length < MAX_REGION_DEPTH && !codes.includes(next)) {
    codes.push(next);
    next = (await org.region(next))?.parentCode ?? null;
  }
  return codes;
}
