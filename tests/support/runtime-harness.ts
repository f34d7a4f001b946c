/**
 * A real runtime on a fresh PostgreSQL database with a manual clock: every bundled item
 * deployed, timers fired explicitly (no sleeping), plus small queries for assertions.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deployBundledItems, PROCESSES_DIR } from '../../api/bundled-items.ts';
import { createRuntimeOn, type RuntimeOptions } from '../../engine/adapters/postgres/create-runtime.ts';
import { ManualClock } from '../../engine/clock/clock.ts';
import type { CommandResult, TaskSummary } from '../../engine/runtime/command-result.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const ITEM = {
  constructionPermit: '010030001000',
  foodBusinessLicence: '010070001000',
  hazardousChemicals: '010100001000',
  workOrder12345: '200150001000',
  ratingVerification: '200140001000',
} as const;

export const REGION = { city: '990100', county: '990121', otherCounty: '990122', township: '990121001' } as const;

/** Monday 2 March 2026, 09:00 in Shanghai: an ordinary working morning. */
export const MONDAY_MORNING = '2026-03-02T09:00:00+08:00';

export interface Harness {
  db: TestDatabase;
  clock: ManualClock;
  runtime: Runtime;
  /** Another runtime on the same database (a restarted or second app node). */
  newRuntime(options?: RuntimeOptions): Runtime;
  close(): Promise<void>;
}

export async function createHarness(start: string = MONDAY_MORNING, options: RuntimeOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const clock = new ManualClock(start);
  const newRuntime = (extra: RuntimeOptions = {}) => createRuntimeOn(db.pool, { clock, ...options, ...extra });
  const runtime = newRuntime();
  await deployBundledItems(runtime);
  return { db, clock, runtime, newRuntime, close: () => db.drop() };
}

/** Read a BPMN file from processes/ or tests/fixtures/bpmn/. */
export async function bpmn(name: string): Promise<string> {
  const inProcesses = path.join(PROCESSES_DIR, name);
  const inFixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn', name);
  return readFile(name.includes('/') ? name : await exists(inProcesses) ? inProcesses : inFixtures, 'utf8');
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(() => true, () => false);
}

/** The single open task of an element (optionally for one department) in a command result. */
export function taskOf(result: CommandResult, elementId: string, departmentId?: string): TaskSummary {
  const found = result.openTasks.filter((t) => t.elementId === elementId && (!departmentId || t.departmentId === departmentId));
  if (found.length !== 1) throw new Error(`expected one open ${elementId} task${departmentId ? ` for ${departmentId}` : ''}, found ${found.length}: ${JSON.stringify(result.openTasks)}`);
  return found[0]!;
}

/** Apply and accept at the window: the case's clock starts. */
export async function applyAndAccept(runtime: Runtime, itemCode: string, regionCode: string, extra: { green?: boolean; applicantId?: string } = {}): Promise<CommandResult> {
  const applied = await runtime.startCase({ itemCode, regionCode, applicantId: extra.applicantId ?? 'ent-1', green: extra.green });
  return runtime.completeTask({ caseId: applied.caseId, taskId: taskOf(applied, 'accept').id, outcome: 'accepted', actor: 'window-1' });
}

/** 食品经营许可 through to 办结 (a finished case, ready to be rated); returns its id. */
export async function finishedCase(runtime: Runtime, applicantId: string): Promise<string> {
  const accepted = await applyAndAccept(runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId });
  const reviewed = await reviewAll(runtime, accepted, 'review');
  const done = await runtime.completeTask({ caseId: accepted.caseId, taskId: taskOf(reviewed, 'issueLicence').id, outcome: 'approved', actor: 'scjg' });
  if (done.status !== 'completed') throw new Error(`case ${accepted.caseId} did not finish: ${done.status}`);
  return accepted.caseId;
}

/** Sign for and give the same decision on every open task of a review element. */
export async function reviewAll(runtime: Runtime, result: CommandResult, elementId: string, decision: 'approve' | 'reject' = 'approve'): Promise<CommandResult> {
  let last = result;
  for (const task of result.openTasks.filter((t) => t.elementId === elementId)) {
    await runtime.signFor({ caseId: result.caseId, taskId: task.id, actor: 'reviewer' });
    last = await runtime.giveOpinion({ caseId: result.caseId, taskId: task.id, decision, actor: 'reviewer', ...(decision === 'reject' ? { reasons: ['不符合条件'] } : {}) });
  }
  return last;
}

/** Schedule and close the open meeting of a case; `absent` departments did not attend. */
export async function holdMeeting(h: Harness, caseId: string, options: { runtime?: Runtime; decision?: 'approved' | 'rejected'; absent?: string[] } = {}): Promise<CommandResult> {
  const runtime = options.runtime ?? h.runtime;
  const [task] = await rows<{ id: string }>(h.db, `SELECT id FROM tasks WHERE case_id = $1 AND kind = 'meeting' AND status IN ('open', 'signed')`, [caseId]);
  if (!task) throw new Error('no open meeting task');
  await runtime.scheduleMeeting({ caseId, taskId: task.id, at: h.clock.now(), place: '政务服务中心三楼联审会议室', actor: 'lead' });
  const invitees = await rows<{ department_id: string }>(h.db,
    'SELECT department_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.task_id = $1', [task.id]);
  const attendance = Object.fromEntries(invitees.map((r) => [r.department_id, !(options.absent ?? []).includes(r.department_id)]));
  return runtime.closeMeeting({ caseId, taskId: task.id, decision: options.decision ?? 'approved', attendance, actor: 'lead' });
}

/** Event types of a case in order. */
export async function eventTypes(db: TestDatabase, caseId: string): Promise<string[]> {
  const { rows } = await db.pool.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  return rows.map((r) => r.type);
}

/** Rows of a query, for assertions. */
export async function rows<T = Record<string, any>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.pool.query(sql, params)).rows as T[];
}
