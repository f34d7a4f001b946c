/**
 * One case of the bench's ten-department construction permit (review-item.ts, county 990121), walked
 * either through the real HTTP API as its users would, or through the Runtime directly: apply,
 * accept, sign for and approve in every department, hold the joint review meeting, issue the permit.
 */
import type { CommandResult } from '../engine/runtime/command-result.ts';
import type { Runtime } from '../engine/runtime/runtime.ts';
import type { JsonClient } from './http-client.ts';
import { expectStatus } from './http-client.ts';
import { REVIEW_ITEM } from './review-item.ts';
import { COUNTY, DEPARTMENTS, LEAD, type BenchApp } from './world.ts';

/** Every essential material of the item, handed in at application. */
export const MATERIALS = ['CP01', 'CP02', 'CP03', 'CP04', 'CP05', 'CP06', 'CP07', 'CP08', 'CP09'];
export const OPINION_BODY = JSON.stringify({ decision: 'approve' });
/** The round's last opinion is measured apart: it alone moves the engine (会签 joins there). */
export const JOIN_STEP = 'opinion (joins)';
const opinionStep = (i: number) => (i === DEPARTMENTS.length - 1 ? JOIN_STEP : 'opinion');
// Held as soon as it is scheduled (the bench's clock stands still): at the clock's present.
const MEETING_PLACE = '东阳县政务服务中心三楼联审会议室';

export interface PreparedCase {
  caseId: string;
  /** department id → its joint-review task (signed for, waiting for the opinion). */
  reviewTasks: Map<string, string>;
}

interface TaskView { id: string; elementId: string; departmentId: string | null; status: string; kind: string }

export type Step = <T>(name: string, work: () => Promise<T>) => Promise<T>;
const plain: Step = (_name, work) => work();

/** Over HTTP: apply (enterprise), accept (window), sign for in all ten departments. */
export async function applyAcceptSign(app: BenchApp, http: JsonClient, enterprise: number, step: Step = plain): Promise<PreparedCase> {
  const { users } = app;
  const token = users.enterprises[enterprise % users.enterprises.length]!;
  const applied = await step('apply', async () => expectStatus(await http.post<{ id: string }>('/api/cases', { itemCode: REVIEW_ITEM, regionCode: COUNTY, materials: MATERIALS }, token), 201, 'apply'));
  const accepted = await step('accept', async () => expectStatus(await http.post<{ tasks: TaskView[] }>(`/api/cases/${applied.id}/accept`, {}, users.window), 200, 'accept'));
  const reviewTasks = new Map<string, string>();
  for (const task of accepted.tasks) {
    if (task.elementId === 'jointReview' && task.status === 'open' && task.departmentId) reviewTasks.set(task.departmentId, task.id);
  }
  if (reviewTasks.size !== DEPARTMENTS.length) throw new Error(`expected ${DEPARTMENTS.length} joint-review tasks, got ${reviewTasks.size}`);
  for (const department of DEPARTMENTS) {
    await step('sign', async () => expectStatus(await http.post(`/api/tasks/${reviewTasks.get(department)}/sign`, {}, users.departments.get(department)), 200, `sign ${department}`));
  }
  return { caseId: applied.id, reviewTasks };
}

/** Over HTTP: every department's opinion, the meeting scheduled and closed, the permit issued. */
export async function reviewAndFinish(app: BenchApp, http: JsonClient, prepared: PreparedCase, step: Step = plain, lookup: <T>(work: () => Promise<T>) => Promise<T> = (w) => w()): Promise<void> {
  const { users } = app;
  for (const [i, department] of DEPARTMENTS.entries()) {
    await step(opinionStep(i), async () => expectStatus(await http.send({ method: 'POST', path: `/api/tasks/${prepared.reviewTasks.get(department)}/opinion`, body: OPINION_BODY, token: users.departments.get(department) }), 200, `opinion ${department}`));
  }
  const lead = users.departments.get(LEAD)!;
  const meetingTask = await lookup(() => openTaskOf(app, prepared.caseId, 'jointMeeting'));
  const meeting = { at: app.clock.now().toISOString(), place: MEETING_PLACE };
  await step('meeting', async () => expectStatus(await http.post(`/api/tasks/${meetingTask}/meeting`, meeting, lead), 200, 'schedule meeting'));
  const attendance = Object.fromEntries(DEPARTMENTS.map((d) => [d, true]));
  await step('meeting-close', async () => expectStatus(await http.post(`/api/tasks/${meetingTask}/meeting/close`, { decision: 'approved', attendance }, lead), 200, 'close meeting'));
  const permitTask = await lookup(() => openTaskOf(app, prepared.caseId, 'issuePermit'));
  await step('permit', async () => expectStatus(await http.post(`/api/tasks/${permitTask}/complete`, { outcome: 'approved' }, lead), 200, 'issue permit'));
  const status = await lookup(async () => (await app.pool.query('SELECT status FROM cases WHERE id = $1', [prepared.caseId])).rows[0]?.status);
  if (status !== 'completed') throw new Error(`case ${prepared.caseId} ended ${status}, expected completed`);
}

async function openTaskOf(app: BenchApp, caseId: string, elementId: string): Promise<string> {
  const { rows } = await app.pool.query(`SELECT id FROM tasks WHERE case_id = $1 AND element_id = $2 AND status IN ('open', 'signed')`, [caseId, elementId]);
  if (rows.length !== 1) throw new Error(`expected one open ${elementId} task, found ${rows.length}`);
  return rows[0].id as string;
}

function only(result: CommandResult, elementId: string): string {
  const found = result.openTasks.filter((t) => t.elementId === elementId);
  if (found.length !== 1) throw new Error(`expected one open ${elementId} task, found ${found.length}`);
  return found[0]!.id;
}

/** The runtime steps of one whole case, each a function of the previous result (to interleave cases). */
export function runtimeCaseSteps(runtime: Runtime, applicantId: string): Array<{ name: string; run: (last: CommandResult | undefined) => Promise<CommandResult> }> {
  let caseId = '';
  let reviewTasks: Array<{ id: string; departmentId: string | null }> = [];
  const steps: Array<{ name: string; run: (last: CommandResult | undefined) => Promise<CommandResult> }> = [
    { name: 'start', run: async () => {
      const r = await runtime.startCase({ itemCode: REVIEW_ITEM, regionCode: COUNTY, applicantId, materials: MATERIALS });
      caseId = r.caseId;
      return r;
    } },
    { name: 'accept', run: async (last) => {
      const r = await runtime.completeTask({ caseId, taskId: only(last!, 'accept'), outcome: 'accepted', actor: 'u-window' });
      reviewTasks = r.openTasks.filter((t) => t.elementId === 'jointReview');
      if (reviewTasks.length !== DEPARTMENTS.length) throw new Error(`expected ${DEPARTMENTS.length} review tasks, got ${reviewTasks.length}`);
      return r;
    } },
    ...DEPARTMENTS.map((_, i) => ({ name: 'sign', run: () => runtime.signFor({ caseId, taskId: reviewTasks[i]!.id, actor: `u-staff-${i}` }) })),
    ...DEPARTMENTS.map((_, i) => ({ name: opinionStep(i), run: () => runtime.giveOpinion({ caseId, taskId: reviewTasks[i]!.id, decision: 'approve' as const, actor: `u-staff-${i}` }) })),
    { name: 'meeting', run: (last) => runtime.scheduleMeeting({ caseId, taskId: only(last!, 'jointMeeting'), at: runtime.env.clock.now(), place: MEETING_PLACE, actor: 'u-lead' }) },
    { name: 'meeting-close', run: (last) => runtime.closeMeeting({
      caseId, taskId: only(last!, 'jointMeeting'), decision: 'approved', attendance: Object.fromEntries(DEPARTMENTS.map((d) => [d, true])), actor: 'u-lead',
    }) },
    { name: 'permit', run: async (last) => {
      const r = await runtime.completeTask({ caseId, taskId: only(last!, 'issuePermit'), outcome: 'approved', actor: 'u-lead' });
      if (r.status !== 'completed') throw new Error(`case ended ${r.status}, expected completed`);
      return r;
    } },
  ];
  return steps;
}

/** Run one whole case through the runtime, step by step. */
export async function runtimeCase(runtime: Runtime, applicantId: string, step: Step = plain): Promise<void> {
  let last: CommandResult | undefined;
  for (const s of runtimeCaseSteps(runtime, applicantId)) last = await step(s.name, () => s.run(last));
}
