/**
 * 12345 work orders (item 200150001000). The hotline intake is the `window` role of the
 * hotline's region: it registers an order, dispatches it (派单) to a department or answers it at
 * once (即时答复), and calls the caller back for a rating (回访). The department (reviewer or
 * lead) signs for it (签收), returns it for a reason from the fixed list (退回) or answers it
 * (答复). Reminders, 催办 and escalation run on timers; a supervisor closes the 督办.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { toCase } from '../../engine/adapters/postgres/row-mappers.ts';
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { RETURN_REASONS } from '../../engine/work-orders/return-reasons.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { canReadCase } from '../cases/case-policy.ts';
import { requestIdOf } from '../cases/case-routes.ts';
import { HttpError } from '../http/problem.ts';
import { departmentNamesOf, departmentsWithin } from '../org/department-reads.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { regionOfDepartment, RegionTree } from '../supervision/supervision-scope.ts';
import { presentOrder, presentOrderSummary } from './work-order-presenter.ts';
import {
  AnswerSchema, CallbackSchema, CloseSchema, OrderCreateSchema, OrderIdParams, OrderListQuery, ReturnSchema, RouteSchema, SuperviseSchema,
  WORK_ORDER_ITEM, type OrderCreate,
} from './work-order-schemas.ts';

const READERS = ['window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;
const DEPARTMENT = ['reviewer', 'lead'] as const;

export function workOrderRoutes(runtime: Runtime, reads: CaseReads, pool: Pool): Router {
  const router = Router();
  const tree = new RegionTree(pool);
  const detail = async (orderId: string) => {
    const c = (await reads.caseById(orderId))!;
    const tasks = await reads.tasksOf(orderId);
    return presentOrder(c, tasks, await reads.timeline(orderId), await departmentNamesOf(pool, tasks.map((t) => t.departmentId)), runtime.env.clock.now());
  };

  /** The order of the route, if the caller may see it (else 404, revealing nothing). */
  const visibleOrder = async (req: Request): Promise<CaseRecord> => {
    const c = await reads.caseById(req.valid.params.orderId);
    requireScope(!!c && c.itemCode === WORK_ORDER_ITEM && (await canReadCase(currentUser(req), c, reads)), 'work order');
    return c!;
  };

  /** The order's open task of an element; for a department task, the caller's department's. */
  const openTask = async (c: CaseRecord, elementId: string, departmentId?: string): Promise<TaskRecord> => {
    const task = (await reads.tasksOf(c.id)).find((t) => t.elementId === elementId && (t.status === 'open' || t.status === 'signed')
      && (departmentId === undefined || t.departmentId === departmentId));
    if (!task) throw new HttpError(409, 'invalid_state', `the work order has no open ${elementId} step${departmentId ? ` for ${departmentId}` : ''}`);
    return task;
  };

  router.get('/api/work-orders/return-reasons', authorize(...READERS), (_req, res) => {
    res.json({ reasons: Object.entries(RETURN_REASONS).map(([code, text]) => ({ code, text })) });
  });

  /** 登记: the hotline registers an order in its own region. */
  router.post('/api/work-orders', authorize('window'), validate({ body: OrderCreateSchema }), async (req, res) => {
    const user = currentUser(req);
    const body = req.valid.body as OrderCreate;
    requireScope(!body.regionCode || body.regionCode === user.regionCode, 'region');
    const result = await runtime.startCase({
      itemCode: WORK_ORDER_ITEM, regionCode: user.regionCode, applicantId: `caller:${body.callerRef ?? randomUUID()}`,
      materials: body.materials, urgent: body.urgent, startedBy: 'hotline', requestId: requestIdOf(req),
    });
    res.status(201).location(`/api/work-orders/${result.caseId}`).json(await detail(result.caseId));
  });

  /** Orders the caller may see: the hotline's region, a department's own, a supervisor's region and below. */
  router.get('/api/work-orders', authorize(...READERS), validate({ query: OrderListQuery }), async (req, res) => {
    const user = currentUser(req);
    const q = req.valid.query as { status?: string; limit: number };
    const regionCodes = user.role === 'window' ? [user.regionCode] : user.role === 'supervisor' ? await tree.subtree(user.regionCode) : null;
    const departmentId = user.role === 'reviewer' || user.role === 'lead' ? user.departmentId : null;
    const { rows } = await pool.query(
      `SELECT c.*, (SELECT coalesce(json_agg(json_build_object('elementId', t.element_id, 'status', t.status, 'departmentId', t.department_id, 'dueAt', t.due_at, 'signDueAt', t.sign_due_at)), '[]')
                      FROM tasks t WHERE t.case_id = c.id AND t.status IN ('open', 'signed')) AS open_tasks
         FROM cases c
        WHERE c.item_code = $1 AND ($2::text[] IS NULL OR c.region_code = ANY($2))
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department_id = $3))
          AND ($4::text IS NULL OR c.status = $4)
        ORDER BY c.created_at DESC, c.case_number DESC LIMIT $5`,
      [WORK_ORDER_ITEM, regionCodes, departmentId, q.status ?? null, q.limit]);
    const open = rows.map((r) => (r.open_tasks as Array<Record<string, any>>).map((t) => ({
      elementId: t.elementId as string, status: t.status as TaskRecord['status'], departmentId: t.departmentId as string | null,
      dueAt: t.dueAt ? new Date(t.dueAt) : null, signDueAt: t.signDueAt ? new Date(t.signDueAt) : null,
    })));
    const names = await departmentNamesOf(pool, open.flat().map((t) => t.departmentId));
    const now = runtime.env.clock.now();
    // The item code lets the live list ignore the region's other cases' events.
    res.json({ itemCode: WORK_ORDER_ITEM, orders: rows.map((r, i) => presentOrderSummary(toCase(r), open[i]!, names, now)) });
  });

  /** 派单 targets: the departments of the order's region and of every region below it (what `route` accepts). */
  router.get('/api/work-orders/:orderId/route-targets', authorize('window'), validate({ params: OrderIdParams }), async (req, res) => {
    const c = await visibleOrder(req);
    res.json(await departmentsWithin(pool, c.regionCode));
  });

  router.get('/api/work-orders/:orderId', authorize(...READERS), validate({ params: OrderIdParams }), async (req, res) => {
    res.json(await detail((await visibleOrder(req)).id));
  });

  /** 派单: to a department of the order's region (or below), with the caller's request and instructions. */
  router.post('/api/work-orders/:orderId/route', authorize('window'), validate({ params: OrderIdParams, body: RouteSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const { department, instructions } = req.valid.body as { department: string; instructions: string };
    if (!(await tree.contains(c.regionCode, regionOfDepartment(department)))) {
      throw new ValidationError('the department is not in the order\'s region', [{ path: 'department', reason: `must be a department of ${c.regionCode} or below` }]);
    }
    const task = await openTask(c, 'dispatch');
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'routed', department, comment: instructions, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 即时答复办结: the hotline answered the caller itself. */
  router.post('/api/work-orders/:orderId/close', authorize('window'), validate({ params: OrderIdParams, body: CloseSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'dispatch');
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'closed', comment: req.valid.body.answer, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 签收 by the department the order was routed to. */
  router.post('/api/work-orders/:orderId/sign', authorize(...DEPARTMENT), validate({ params: OrderIdParams }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'handle', currentUser(req).departmentId!);
    await runtime.signFor({ caseId: c.id, taskId: task.id, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 退回 before signing, within the sign-for limit, for a reason from the fixed list. */
  router.post('/api/work-orders/:orderId/return', authorize(...DEPARTMENT), validate({ params: OrderIdParams, body: ReturnSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'handle', currentUser(req).departmentId!);
    const { reason, comment } = req.valid.body as { reason: string; comment?: string };
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'returned', returnReason: reason, comment, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 答复: the department's answer (after signing for the order). */
  router.post('/api/work-orders/:orderId/answer', authorize(...DEPARTMENT), validate({ params: OrderIdParams, body: AnswerSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'handle', currentUser(req).departmentId!);
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'answered', comment: req.valid.body.answer, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 回访评价: the caller's rating, recorded by the hotline on the call back; this closes the order. */
  router.post('/api/work-orders/:orderId/callback', authorize('window'), validate({ params: OrderIdParams, body: CallbackSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'callback');
    const { rating, comment } = req.valid.body as { rating: string; comment?: string };
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: rating, comment, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  /** 督办结束: a supervisor of the order's region (or above) concludes the supervision of an escalated order. */
  router.post('/api/work-orders/:orderId/supervise', authorize('supervisor'), validate({ params: OrderIdParams, body: SuperviseSchema }), async (req, res) => {
    const c = await visibleOrder(req);
    const task = await openTask(c, 'supervise');
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'done', comment: req.valid.body.conclusion, actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });
  return router;
}
