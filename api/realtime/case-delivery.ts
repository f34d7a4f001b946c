/**
 * Pushes every committed case change to the rooms entitled to it: each new case event as
 * `case:event`, each new or changed task as `task:changed`. Runs as a runtime commit listener,
 * so nothing is pushed for a command that rolled back. One `to([...rooms])` per message: a
 * socket in several of the rooms receives it once.
 *
 * This node's sockets get a command's messages at once; the other app nodes get them all in ONE
 * server-side emit through the PostgreSQL adapter (one NOTIFY per command instead of one per
 * message and room set) and deliver them to their own sockets, in the same order.
 */
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import type { OrgDirectory } from '../../engine/org/region.ts';
import type { CommittedChange } from '../../engine/runtime/runtime-environment.ts';
import { presentEvent, presentTask } from '../cases/case-presenter.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import type { RealtimeServer, RoomDelivery } from './realtime-contract.ts';
import { room } from './realtime-rooms.ts';

// Regions nest city → county → township; the bound only guards against a cycle in bad data.
const MAX_REGION_DEPTH = 10;
const DELIVERIES = 'lianshen:deliveries';

/** The commit listener for `runtime.env.listeners`; also delivers what other nodes send. */
export function caseDelivery(io: RealtimeServer, reads: CaseReads, org: OrgDirectory) {
  const departments = new CaseDepartments(reads);
  io.on(DELIVERIES, (deliveries) => deliverHere(io, deliveries));
  return async (change: CommittedChange): Promise<void> => {
    const deliveries = await deliveriesOf(change, departments, org);
    if (!deliveries.length) return;
    deliverHere(io, deliveries);
    io.serverSideEmit(DELIVERIES, deliveries);
  };
}

function deliverHere(io: RealtimeServer, deliveries: RoomDelivery[]): void {
  for (const d of deliveries) {
    if (d.name === 'case:event') io.local.to(d.rooms).emit('case:event', d.payload);
    else io.local.to(d.rooms).emit('task:changed', d.payload);
  }
}

async function deliveriesOf({ caseRow, events, tasks }: CommittedChange, departments: CaseDepartments, org: OrgDirectory): Promise<RoomDelivery[]> {
  const deliveries: RoomDelivery[] = [];
  if (events.length) {
    const rooms = await caseRooms(caseRow, await departments.of(caseRow, tasks), org);
    for (const e of events) deliveries.push({ rooms, name: 'case:event', payload: { caseId: caseRow.id, caseNumber: caseRow.caseNumber, itemCode: caseRow.itemCode, event: presentEvent(e) } });
  }
  for (const t of tasks) {
    const rooms = taskRooms(t, caseRow);
    if (rooms.length) deliveries.push({ rooms, name: 'task:changed', payload: presentTask(t) });
  }
  return deliveries;
}

/**
 * Every department that holds or held a task of a case, kept per case with the version it is
 * true for: a task's department never changes and tasks are only added by commands, so when
 * this node committed the version before, the new tasks of this commit are all that is new;
 * otherwise (another node moved the case, or it is not kept) it is read again.
 */
export class CaseDepartments {
  private readonly kept = new Map<string, { version: number; departments: Set<string> }>();

  constructor(private readonly reads: CaseReads, private readonly capacity = 5_000) {}

  async of(c: CaseRecord, tasks: TaskRecord[]): Promise<Set<string>> {
    const known = this.kept.get(c.id);
    let departments: Set<string>;
    if (known && known.version === c.version - 1) {
      departments = known.departments;
      this.kept.delete(c.id);
    } else {
      departments = new Set(await this.reads.departmentsOf(c.id));
    }
    for (const t of tasks) if (t.departmentId) departments.add(t.departmentId);
    this.kept.set(c.id, { version: c.version, departments });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return departments;
  }
}

/**
 * Everyone who may read the case (see `canReadCase`): watchers, its applicant, the windows of
 * its region, every department that holds or held a task of it, supervisors of its region and
 * of every region above.
 */
export async function caseRooms(c: CaseRecord, departments: Set<string>, org: OrgDirectory): Promise<string[]> {
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
