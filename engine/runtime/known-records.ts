/**
 * What a node knows for certain about a case it holds, beyond the row and its open tasks: the
 * opinions of review rounds and the meetings of meeting tasks that began in commands this node
 * ran one after another on the case (its cached lineage). Any command elsewhere moves the row
 * version on, which discards the whole cache entry, so this knowledge is only ever used on the
 * version it was built for; anything not known is read from the store as before.
 */
import type { CaseSession } from '../cases/case-session.ts';
import type { CaseMaterial, OpinionRecord, TaskRecord, TimerRecord } from '../cases/case-types.ts';
import type { MeetingRecord } from '../meetings/meeting-types.ts';
import type { CaseChanges, CaseTransaction } from '../store/case-store.ts';

export interface KnownRecords {
  /** Stored opinions by `elementId#round`, for rounds whose tasks were created on this lineage. */
  opinions: Map<string, OpinionRecord[]>;
  /** The meeting (or none yet) by task id, for meeting tasks created on this lineage. */
  meetings: Map<string, MeetingRecord | null>;
}

const roundKey = (r: { elementId: string; round: number }) => `${r.elementId}#${r.round}`;

/** The knowledge after a committed command, from what it had before (none on a locked run). */
export function knownAfter(before: KnownRecords | undefined, s: CaseSession): KnownRecords {
  const opinions = new Map(before?.opinions);
  const meetings = new Map(before?.meetings);
  // A round's tasks are all created by the command that starts it (apply-engine-effects numbers
  // the round there), so a round first seen among new tasks has no opinion stored before.
  for (const task of s.changes.newTasks) {
    if (!opinions.has(roundKey(task))) opinions.set(roundKey(task), []);
    if (task.kind === 'meeting') meetings.set(task.id, null);
  }
  for (const opinion of s.changes.opinions) {
    const known = opinions.get(roundKey(opinion));
    if (known) opinions.set(roundKey(opinion), [...known, opinion]);
  }
  for (const meeting of s.changes.meetings) {
    if (meetings.has(meeting.taskId)) meetings.set(meeting.taskId, meeting);
  }
  // Only what open tasks can still ask for is kept.
  const open = new Set(s.openTasks.map(roundKey));
  for (const key of opinions.keys()) if (!open.has(key)) opinions.delete(key);
  const openIds = new Set(s.openTasks.map((t) => t.id));
  for (const id of meetings.keys()) if (!openIds.has(id)) meetings.delete(id);
  return { opinions, meetings };
}

/** A transaction that answers from the node's knowledge where it has it. */
export class KnowingTransaction implements CaseTransaction {
  constructor(private readonly inner: CaseTransaction, private readonly known: KnownRecords) {}

  async opinionsOf(elementId: string, round: number): Promise<OpinionRecord[]> {
    const known = this.known.opinions.get(roundKey({ elementId, round }));
    return known ? structuredClone(known) : this.inner.opinionsOf(elementId, round);
  }

  async meetingOf(taskId: string): Promise<MeetingRecord | undefined> {
    if (!this.known.meetings.has(taskId)) return this.inner.meetingOf(taskId);
    return structuredClone(this.known.meetings.get(taskId)) ?? undefined;
  }

  engineState(): Promise<unknown> { return this.inner.engineState(); }
  openTasks(): Promise<TaskRecord[]> { return this.inner.openTasks(); }
  tasksOf(elementId: string, round: number): Promise<TaskRecord[]> { return this.inner.tasksOf(elementId, round); }
  rejections(): Promise<OpinionRecord[]> { return this.inner.rejections(); }
  timersOf(filter: { pendingOnly: boolean }): Promise<TimerRecord[]> { return this.inner.timersOf(filter); }
  materials(): Promise<CaseMaterial[]> { return this.inner.materials(); }
  save(changes: CaseChanges): Promise<void> { return this.inner.save(changes); }
}
