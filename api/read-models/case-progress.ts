/**
 * 办理进度 as the applicant follows it: who holds the case now, each department's state on its
 * review (awaiting sign-for, signed, approved, approved by default, asked for 补正, rejected),
 * its working-day countdown and light, the case's own light, what a 补正 asks for (all of it,
 * 一次性告知), the 联审会 with its attendance and 缺席默认, and the predicted completion date. Lights follow the department inbox (`lightOf`).
 */
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import { lightOf, type Light } from '../../engine/queries/department-inbox.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import type { PendingTask } from '../../engine/statistics/predict-completion.ts';
import { departmentNamesOf } from '../org/department-reads.ts';
import { meetingsOf } from './case-meetings.ts';
import type { MeetingProgress } from './meeting-progress.ts';
import { PredictionHistory } from './prediction-history.ts';

export type DepartmentState = 'awaiting-sign' | 'reviewing' | 'signed' | 'approved' | 'default-approved' | 'supplement' | 'rejected' | 'cancelled';

interface OpinionRow {
  taskId: string;
  decision: 'approve' | 'reject' | 'supplement';
  basis: string;
  reasons: string[];
  conditions: string[];
  materials: string[];
  round: number;
  elementId: string;
}

interface Countdown {
  light: Light;
  /** Working days left before the limit (today not counted); null without a limit. */
  remainingWorkingDays: number | null;
  /** Past the limit (even by less than a working day). */
  late: boolean;
  /** Working days past the limit; 0 when not late or late only today. */
  overdueWorkingDays: number;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

// Named: parsed and planned once per connection. Of every case of a page at once: a project's
// page used to send them case by case (4 statements per case).
export const PROGRESS_OPINIONS = {
  name: 'lianshen_progress_opinions',
  text: 'SELECT case_id, task_id, element_id, round, decision, basis, reasons, conditions, materials FROM opinions WHERE case_id = ANY($1::uuid[]) ORDER BY id',
};
export const PROGRESS_YELLOW_TIMERS = {
  name: 'lianshen_progress_yellow_timers',
  text: `SELECT case_id, key, due_at FROM case_timers WHERE case_id = ANY($1::uuid[]) AND kind IN ('case-yellow', 'task-yellow') AND cancelled_at IS NULL`,
};
const OPEN = new Set(['open', 'signed']);

export class CaseProgressReads {
  /** `history`: one per node, shared with the other 预计办结 readers, so samples are read once a minute. */
  constructor(private readonly pool: Pool, private readonly runtime: Runtime, private readonly history = new PredictionHistory(pool, runtime.env.calendar)) {}

  /** The progress of one case at `now` (the runtime clock's unless given). */
  async of(c: CaseRecord, tasks: TaskRecord[], now = this.runtime.env.clock.now()) {
    return (await this.ofAll([{ c, tasks }], now))[0]!;
  }

  /** The progress of several cases at one instant (a project's page), each statement sent once for all of them. */
  async ofAll(cases: ReadonlyArray<{ c: CaseRecord; tasks: TaskRecord[] }>, now = this.runtime.env.clock.now()) {
    const ids = cases.map(({ c }) => c.id);
    const reviews = new Map(cases.map(({ c, tasks }) => [c.id, latestPerDepartment(tasks.filter((t) => t.kind === 'review' && t.departmentId))]));
    const [departmentNames, opinions, yellows, meetings] = await Promise.all([
      this.departmentNames(cases.flatMap(({ tasks }) => tasks)), this.opinionsOf(ids), this.yellowTimers(ids),
      meetingsOf(this.pool, new Map([...reviews].map(([id, list]) => [id, list.map((t) => t.departmentId!)]))),
    ]);
    return Promise.all(cases.map(async ({ c, tasks }) => {
      const [definition, prediction] = await Promise.all([this.runtime.env.definitions.byId(c.definitionId), this.prediction(c, tasks, departmentNames, now)]);
      return this.progressOf(c, tasks, now, {
        departmentNames, reviews: reviews.get(c.id)!, opinions: opinions.get(c.id) ?? new Map(), yellows: yellows.get(c.id) ?? new Map(),
        itemName: definition?.item.name ?? c.itemCode, prediction, meetings: meetings.get(c.id)!,
      });
    }));
  }

  private progressOf(c: CaseRecord, tasks: TaskRecord[], now: Date, read: {
    departmentNames: Map<string, string>;
    reviews: TaskRecord[];
    opinions: Map<string, OpinionRow>;
    yellows: Map<string, Date>;
    itemName: string;
    prediction: Awaited<ReturnType<CaseProgressReads['prediction']>>;
    meetings: MeetingProgress[];
  }) {
    const { departmentNames, reviews, opinions, yellows, prediction, meetings } = read;
    const paused = c.pausedAt !== null;
    const countdown = (dueAt: Date | null, yellowAt: Date | null, task?: TaskRecord): Countdown => {
      if (task && !OPEN.has(task.status)) return { light: 'none', remainingWorkingDays: null, late: false, overdueWorkingDays: 0 };
      const light = c.status === 'running' ? lightOf({ dueAt, yellowAt, paused, status: task?.status, signDueAt: task?.signDueAt ?? null }, now) : 'none';
      // An unsigned task late for 签收 counts against its sign-for limit (as supervision does).
      const limit = task?.status === 'open' && task.signDueAt && task.signDueAt < now ? task.signDueAt : dueAt;
      return { light, ...this.days(now, limit, c.regionCode) };
    };
    return {
      caseId: c.id, caseNumber: c.caseNumber, itemCode: c.itemCode, itemName: read.itemName,
      status: c.status, form: c.form, green: c.green, acceptedAt: iso(c.acceptedAt), dueAt: iso(c.dueAt),
      pausedAt: iso(c.pausedAt), pauseReason: c.pauseReason, endedAt: iso(c.endedAt),
      ...(c.status === 'running' && c.dueAt ? countdown(c.dueAt, yellows.get('case-yellow') ?? null) : { light: 'none' as Light, remainingWorkingDays: null, late: false, overdueWorkingDays: 0 }),
      holders: tasks.filter((t) => OPEN.has(t.status)).map((t) => ({ taskId: t.id, kind: t.kind, departmentId: t.departmentId, departmentName: t.departmentId ? departmentNames.get(t.departmentId) ?? t.departmentId : null })),
      departments: reviews.map((t) => {
        const opinion = opinions.get(t.id);
        return {
          taskId: t.id, elementId: t.elementId, round: t.round, departmentId: t.departmentId, departmentName: departmentNames.get(t.departmentId!) ?? t.departmentId,
          state: stateOf(t, opinion), basis: opinion?.basis ?? null, signedAt: iso(t.signedAt), completedAt: iso(t.completedAt),
          signDueAt: iso(t.signDueAt), dueAt: iso(t.dueAt), ...countdown(t.dueAt, yellows.get(`task:${t.id}:task-yellow`) ?? null, t),
          reasons: opinion?.reasons ?? [], conditions: opinion?.conditions ?? [], materials: opinion?.materials ?? [],
        };
      }),
      supplementRequest: supplementRequest(tasks, [...opinions.values()]),
      meetings,
      prediction,
    };
  }

  private days(now: Date, dueAt: Date | null, regionCode: string): Omit<Countdown, 'light'> {
    if (!dueAt) return { remainingWorkingDays: null, late: false, overdueWorkingDays: 0 };
    const calendar = this.runtime.env.calendar;
    return now > dueAt
      ? { remainingWorkingDays: 0, late: true, overdueWorkingDays: calendar.workingDaysBetween(dueAt, now, regionCode) }
      : { remainingWorkingDays: calendar.remainingWorkingDays(now, dueAt, regionCode), late: false, overdueWorkingDays: 0 };
  }

  // 预计办结: only while the case runs; the pending departments' detail stays on /prediction.
  // Its history is a bounded sample of the latest completions (prediction-history.ts).
  private async prediction(c: CaseRecord, tasks: TaskRecord[], departmentNames: Map<string, string>, now: Date) {
    if (c.status !== 'running') return null;
    const pending: PendingTask[] = tasks
      .filter((t) => OPEN.has(t.status) && t.departmentId && departmentNames.has(t.departmentId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((t) => ({ taskId: t.id, elementId: t.elementId, departmentId: t.departmentId!, departmentName: departmentNames.get(t.departmentId!)!, level: t.level, createdAt: t.createdAt, dueAt: t.dueAt }));
    const p = await this.history.predict({
      caseId: c.id, caseNumber: c.caseNumber, itemCode: c.itemCode, regionCode: c.regionCode, status: c.status, acceptedAt: c.acceptedAt,
      dueAt: c.dueAt, pausedAt: c.pausedAt, endedAt: c.endedAt,
    }, pending, now);
    if (p.state !== 'predicted') return { state: p.state };
    return { state: p.state, basis: p.basis, promisedDate: iso(p.promisedDate), p50: { date: iso(p.p50.date), remainingWorkingDays: p.p50.remainingWorkingDays }, p90: { date: iso(p.p90.date), remainingWorkingDays: p.p90.remainingWorkingDays }, p90BeyondPromised: p.p90BeyondPromised };
  }

  /** Each case's opinions by task. */
  private async opinionsOf(caseIds: string[]): Promise<Map<string, Map<string, OpinionRow>>> {
    const { rows } = await this.pool.query({ ...PROGRESS_OPINIONS, values: [caseIds] });
    return byCase(rows, (r) => [r.task_id as string, {
      taskId: r.task_id, elementId: r.element_id, round: r.round, decision: r.decision, basis: r.basis, reasons: r.reasons, conditions: r.conditions, materials: r.materials,
    }]);
  }

  /** Display names (东阳县消防救援支队 …) of the departments the tasks belong to, by department id. */
  async departmentNames(tasks: TaskRecord[]): Promise<Map<string, string>> {
    return departmentNamesOf(this.pool, tasks.map((t) => t.departmentId));
  }

  /** Each case's yellow-light instants by timer key ('case-yellow', 'task:<id>:task-yellow'). */
  private async yellowTimers(caseIds: string[]): Promise<Map<string, Map<string, Date>>> {
    const { rows } = await this.pool.query({ ...PROGRESS_YELLOW_TIMERS, values: [caseIds] });
    return byCase(rows, (r) => [r.key as string, r.due_at as Date]);
  }
}

/** Rows of several cases as one map per case (`case_id`), keyed and valued by `entry`. */
function byCase<K, V>(rows: Array<Record<string, unknown>>, entry: (row: Record<string, any>) => [K, V]): Map<string, Map<K, V>> {
  const cases = new Map<string, Map<K, V>>();
  for (const r of rows) {
    const caseId = r.case_id as string;
    let map = cases.get(caseId);
    if (!map) cases.set(caseId, (map = new Map()));
    map.set(...entry(r));
  }
  return cases;
}

function stateOf(t: TaskRecord, opinion: OpinionRow | undefined): DepartmentState {
  if (t.status === 'open') return t.signDueAt ? 'awaiting-sign' : 'reviewing';
  if (t.status === 'signed') return 'signed';
  if (t.status === 'cancelled' || !opinion) return 'cancelled';
  if (opinion.decision === 'supplement') return 'supplement';
  if (opinion.decision === 'reject') return 'rejected';
  return opinion.basis === 'given' ? 'approved' : 'default-approved';
}

// Each department once per review step: its latest round (a 补正 reopens the review).
function latestPerDepartment(tasks: TaskRecord[]): TaskRecord[] {
  const latest = new Map<string, TaskRecord>();
  for (const t of tasks) {
    const key = `${t.elementId}|${t.departmentId}`;
    const seen = latest.get(key);
    if (!seen || t.round > seen.round || (t.round === seen.round && t.createdAt >= seen.createdAt)) latest.set(key, t);
  }
  return [...latest.values()];
}

/** While a 补正 step is open: every material asked for by the round that led to it, each once, with who asked. */
function supplementRequest(tasks: TaskRecord[], opinions: OpinionRow[]) {
  const open = tasks.find((t) => t.kind === 'supplement' && OPEN.has(t.status));
  if (!open) return null;
  const asked = opinions.filter((o) => o.decision === 'supplement');
  const lastRound = asked.reduce((max, o) => Math.max(max, o.round), 0);
  const request = asked.filter((o) => o.round === lastRound);
  const byDepartment = new Map(tasks.map((t) => [t.id, t.departmentId]));
  return {
    taskId: open.id,
    dueAt: iso(open.dueAt),
    materials: [...new Set(request.flatMap((o) => o.materials))],
    reasons: [...new Set(request.flatMap((o) => o.reasons))],
    askedBy: [...new Set(request.map((o) => byDepartment.get(o.taskId)).filter((d): d is string => !!d))],
  };
}
