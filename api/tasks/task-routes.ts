/**
 * A department's work: its inbox (green first, then by deadline, with lights), 签收 (single
 * and batch), opinions, completing decisions, and the joint review meeting (联审会).
 */
import { Router, type Request } from 'express';
import { PgInboxSource } from '../../engine/adapters/postgres/pg-inbox-source.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { DomainError } from '../../engine/errors/domain-error.ts';
import { departmentInboxPage } from '../../engine/queries/department-inbox.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { presentTask } from '../cases/case-presenter.ts';
import { requestIdOf } from '../cases/case-routes.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { CommittedTasks, type TaskFacts } from './committed-tasks.ts';
import { encodeInboxCursor } from './inbox-cursor.ts';
import { BatchSignSchema, CloseMeetingSchema, CompleteSchema, InboxQuery, OpinionSchema, ScheduleMeetingSchema, TaskIdParams } from './task-schemas.ts';

const STAFF = ['reviewer', 'lead'] as const;
// Decisions and meetings belong to the lead (牵头) role of the department.
const LEAD_KINDS = new Set(['decide', 'meeting']);

export function taskRoutes(runtime: Runtime, reads: CaseReads, pool: Pool): Router {
  const router = Router();
  const inbox = new PgInboxSource(pool);
  const committed = new CommittedTasks().attach(runtime.env);
  const departmentTask = (req: Request, taskId: string) => departmentTaskOf(req, reads, committed, taskId);
  // The task as the command committed it; read only when the command committed nothing (a replay).
  const run = async (task: TaskFacts, command: () => Promise<unknown>) =>
    (await committed.around(task.id, command)) ?? presentTask((await reads.taskById(task.id))!);

  // A page of the caller's own department, in 待办 order; total (an index-only count, read with the page) feeds the badge.
  router.get('/api/tasks/inbox', authorize(...STAFF), validate({ query: InboxQuery }), async (req, res) => {
    const departmentId = currentUser(req).departmentId!;
    const page = await departmentInboxPage(inbox, runtime.env.calendar, runtime.env.clock.now(), departmentId, { limit: req.valid.query.limit, after: req.valid.query.after });
    res.json({ tasks: page.tasks, nextCursor: page.next && encodeInboxCursor(page.next), total: page.total });
  });

  router.post('/api/tasks/batch-sign', authorize(...STAFF), validate({ body: BatchSignSchema }), async (req, res) => {
    const results = [];
    for (const taskId of req.valid.body.taskIds as string[]) {
      try {
        const task = await departmentTask(req, taskId);
        await runtime.signFor({ caseId: task.caseId, taskId, actor: currentUser(req).id });
        results.push({ taskId, ok: true });
      } catch (error) {
        results.push({ taskId, ok: false, code: errorCode(error) });
      }
    }
    res.json({ results });
  });

  router.post('/api/tasks/:taskId/sign', authorize(...STAFF), validate({ params: TaskIdParams }), async (req, res) => {
    const task = await departmentTask(req, req.valid.params.taskId);
    res.json(await run(task, () => runtime.signFor({ caseId: task.caseId, taskId: task.id, actor: currentUser(req).id, requestId: requestIdOf(req) })));
  });

  router.post('/api/tasks/:taskId/opinion', authorize(...STAFF), validate({ params: TaskIdParams, body: OpinionSchema }), async (req, res) => {
    const task = await departmentTask(req, req.valid.params.taskId);
    res.json(await run(task, () => runtime.giveOpinion({ caseId: task.caseId, taskId: task.id, ...req.valid.body, actor: currentUser(req).id, requestId: requestIdOf(req) })));
  });

  router.post('/api/tasks/:taskId/complete', authorize(...STAFF), validate({ params: TaskIdParams, body: CompleteSchema }), async (req, res) => {
    const task = await departmentTask(req, req.valid.params.taskId);
    requireLeadFor(req, task);
    res.json(await run(task, () => runtime.completeTask({ caseId: task.caseId, taskId: task.id, ...req.valid.body, actor: currentUser(req).id, requestId: requestIdOf(req) })));
  });

  router.post('/api/tasks/:taskId/meeting', authorize('lead'), validate({ params: TaskIdParams, body: ScheduleMeetingSchema }), async (req, res) => {
    const task = await departmentTask(req, req.valid.params.taskId);
    res.json(await run(task, () => runtime.scheduleMeeting({ caseId: task.caseId, taskId: task.id, ...req.valid.body, actor: currentUser(req).id, requestId: requestIdOf(req) })));
  });

  router.post('/api/tasks/:taskId/meeting/close', authorize('lead'), validate({ params: TaskIdParams, body: CloseMeetingSchema }), async (req, res) => {
    const task = await departmentTask(req, req.valid.params.taskId);
    res.json(await run(task, () => runtime.closeMeeting({ caseId: task.caseId, taskId: task.id, ...req.valid.body, actor: currentUser(req).id, requestId: requestIdOf(req) })));
  });
  return router;
}

/** A task of the caller's own department (anything else is 404); read only when this node has not seen it. */
async function departmentTaskOf(req: Request, reads: CaseReads, committed: CommittedTasks, taskId: string): Promise<TaskFacts> {
  let task: TaskFacts | undefined = committed.factsOf(taskId);
  if (!task) {
    const found = await reads.taskById(taskId);
    if (found) committed.remember(found);
    task = found;
  }
  requireScope(!!task && task.departmentId !== null && task.departmentId === currentUser(req).departmentId, 'task');
  return task!;
}

function requireLeadFor(req: Request, task: TaskFacts): void {
  if (LEAD_KINDS.has(task.kind) && currentUser(req).role !== 'lead') {
    throw new HttpError(403, 'forbidden', `a ${task.kind} step is for the lead role of the department`);
  }
}

function errorCode(error: unknown): string {
  if (error instanceof HttpError || error instanceof DomainError) return error.code;
  throw error;
}
