/** A 12345 work order as the hotline, the departments and supervision see it: its stage and history. */
import type { CaseEvent, CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import { mayReturn } from '../../engine/work-orders/handling-rules.ts';
import { presentEvent, presentTask } from '../cases/case-presenter.ts';

export type Stage = 'dispatch' | 'handle' | 'callback' | 'supervise' | 'closed';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const isOpen = (t: Pick<TaskRecord, 'status'>) => t.status === 'open' || t.status === 'signed';

/** Where the order waits: 派单, 办理 (signed or not), 回访, only 督办 (it runs beside the others), or closed. */
export function stageOf(status: string, openElements: string[]): Stage {
  if (status !== 'running') return 'closed';
  for (const stage of ['dispatch', 'handle', 'callback', 'supervise'] as const) if (openElements.includes(stage)) return stage;
  return 'closed';
}

/** The list row of an order as of `now`; `names`: department display names by id. */
export function presentOrderSummary(c: CaseRecord, open: Array<Pick<TaskRecord, 'elementId' | 'status' | 'departmentId' | 'dueAt' | 'signDueAt'>>, names: ReadonlyMap<string, string>, now: Date) {
  const handle = open.find((t) => t.elementId === 'handle');
  const handling = handle?.departmentId ?? null;
  return {
    id: c.id, caseNumber: c.caseNumber, regionCode: c.regionCode, status: c.status, stage: stageOf(c.status, open.map((t) => t.elementId)),
    handlingDepartmentId: handling, handlingDepartmentName: handling ? names.get(handling) ?? handling : null,
    handleSigned: handle ? handle.status === 'signed' : null, handleDueAt: iso(handle?.dueAt ?? null),
    /** 退回 is still open to the handling department (not signed for, within the sign-for limit). */
    returnable: handle ? mayReturn(handle, now) : false,
    supervised: open.some((t) => t.elementId === 'supervise'), createdAt: iso(c.createdAt), dueAt: iso(c.dueAt), endedAt: iso(c.endedAt),
  };
}

/** The full order as of `now`: summary, history read from its events, tasks and timeline; `names` covers its tasks' departments. */
export function presentOrder(c: CaseRecord, tasks: TaskRecord[], events: CaseEvent[], names: ReadonlyMap<string, string>, now: Date) {
  const completed = (elementId: string) => events.filter((e) => e.type === 'task-completed' && e.payload.elementId === elementId);
  const text = (e: CaseEvent) => (e.payload.comment as string | null) ?? null;
  const departmentOf = (taskId: string | null) => tasks.find((t) => t.id === taskId)?.departmentId ?? null;
  const routings = events.filter((e) => e.type === 'routed');
  const dispatches = completed('dispatch');
  const routedBy = dispatches.filter((d) => d.payload.outcome === 'routed');
  const closedAtOnce = dispatches.find((d) => d.payload.outcome === 'closed');
  const handled = completed('handle');
  const answered = handled.find((e) => e.payload.outcome === 'answered');
  const callback = completed('callback')[0];
  return {
    ...presentOrderSummary(c, tasks.filter(isOpen), names, now),
    applicantId: c.applicantId,
    /** Display names of every department the order reached (routings, returns, the answer, the coordinator). */
    departmentNames: Object.fromEntries(names),
    /** 首接负责制: the first department the order reached coordinates from then on. */
    coordinatorDepartmentId: (routings[0]?.payload.coordinator as string | undefined) ?? null,
    dutyOfficerAlerted: events.some((e) => e.type === 'duty-officer-alerted'),
    escalated: events.some((e) => e.type === 'escalated'),
    urged: events.filter((e) => e.type === 'urged').length,
    // Each 'routed' event is written by the dispatch completion that carries its instructions.
    routings: routings.map((e, i) => ({
      departmentId: e.payload.departmentId as string, instructions: routedBy[i] ? text(routedBy[i]) : null, at: e.at.toISOString(),
    })),
    returns: handled.filter((e) => e.payload.outcome === 'returned').map((e) => ({
      departmentId: departmentOf(e.taskId), reason: e.payload.returnReason as string, reasonText: e.payload.returnReasonText as string,
      comment: text(e), at: e.at.toISOString(),
    })),
    /** The department's answer, or the hotline's own when it answered at once (即时答复). */
    answer: answered ? { departmentId: departmentOf(answered.taskId), text: text(answered), at: answered.at.toISOString() }
      : closedAtOnce ? { departmentId: null, text: text(closedAtOnce), at: closedAtOnce.at.toISOString() } : null,
    callback: callback ? { rating: callback.payload.outcome as string, comment: text(callback), at: callback.at.toISOString() } : null,
    supervision: completed('supervise').map((e) => ({ conclusion: text(e), at: e.at.toISOString() }))[0] ?? null,
    tasks: tasks.map(presentTask),
    timeline: events.map(presentEvent),
  };
}
