/**
 * Cases: apply (applicant), accept or refuse at the window (总台受理), supplement (补正), cancel,
 * put on the green channel (supervisor), and read a case with its timeline.
 */
import { Router, type Request } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import type { CaseRecord, TaskRecord } from '../../engine/cases/case-types.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { HttpError } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { canReadCase } from './case-policy.ts';
import { presentAcceptanceNotice } from './acceptance-notice.ts';
import { presentCase, presentCaseSummary } from './case-presenter.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import type { CaseListScope } from '../read-models/case-reads.ts';
import type { CaseProgressReads } from '../read-models/case-progress.ts';
import type { MaterialFiles } from '../uploads/material-files.ts';
import { requireHelper } from '../org/helper-candidates.ts';
import {
  AcceptSchema, CancelSchema, CaseCreateSchema, CaseIdParams, CaseListQuery, GreenSchema, RefuseSchema, SupplementSchema, type CaseCreate,
} from './case-schemas.ts';

/** The Idempotency-Key header makes a retried command return its first result. */
export const requestIdOf = (req: Request): string | undefined => req.get('idempotency-key') || undefined;

/** Optional parts: uploaded files per material, and the progress read (办理进度). */
export interface CaseRouteExtras {
  files?: MaterialFiles;
  progress?: CaseProgressReads;
}

export function caseRoutes(runtime: Runtime, reads: CaseReads, pool: Pool, extras: CaseRouteExtras = {}): Router {
  const router = Router();
  // Files are checked before the command (a bad reference changes nothing) and attached after it.
  const checkFiles = async (ownerId: string, files: { material: string; uploadId: string }[], listed?: string[]) => {
    if (files.length === 0) return;
    if (!extras.files) throw new HttpError(503, 'storage_unavailable', 'file storage is not configured on this node');
    await extras.files.check(ownerId, files, listed);
  };
  // The answer to a command: the case as it now is, in one round trip.
  const detail = async (caseId: string) => {
    const { c, tasks, events } = (await reads.caseWithTasks(caseId, true))!;
    return presentCase(c, tasks, events);
  };

  router.post('/api/cases', authorize('applicant'), validate({ body: CaseCreateSchema }), async (req, res) => {
    const { files, ...body } = req.valid.body as CaseCreate;
    const applicantId = currentUser(req).id;
    const item = files.length ? (await runtime.env.definitions.latest(body.itemCode))?.item : undefined;
    await checkFiles(applicantId, files, item?.materials.map((m) => m.code));
    const materials = [...new Set([...body.materials, ...files.map((f) => f.material)])];
    const result = await runtime.startCase({ ...body, materials, applicantId, requestId: requestIdOf(req) });
    await extras.files?.attach(result.caseId, files, 'application', applicantId);
    res.status(201).json(await detail(result.caseId));
  });

  router.get('/api/cases', authorize('applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'), validate({ query: CaseListQuery }), async (req, res) => {
    const { limit, before, status } = req.valid.query;
    const cases = await reads.list({ ...listScope(currentUser(req)), status }, { limit, before });
    res.json({ cases: cases.map((c) => presentCaseSummary(c)), next: cases.length === limit ? cases.at(-1)!.createdAt.toISOString() : null });
  });

  router.get('/api/cases/:caseId', authorize('applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'), validate({ params: CaseIdParams }), async (req, res) => {
    const c = await readable(req, reads);
    res.json(await detail(c.id));
  });

  /** 办理进度: who holds the case, each department's state, countdowns, lights, 补正 request, predicted date. */
  router.get('/api/cases/:caseId/progress', authorize('applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'), validate({ params: CaseIdParams }), async (req, res) => {
    const c = await readable(req, reads);
    if (!extras.progress) throw new HttpError(503, 'unavailable', 'progress is not available on this node');
    res.json(await extras.progress.of(c, await reads.tasksOf(c.id)));
  });

  router.get('/api/cases/:caseId/acceptance-notice', authorize('applicant', 'window', 'supervisor', 'admin'), validate({ params: CaseIdParams }), async (req, res) => {
    const c = await readable(req, reads);
    const definition = await runtime.env.definitions.byId(c.definitionId);
    res.json(presentAcceptanceNotice(c, definition!.item, await reads.materialsOf(c.id), await reads.timeline(c.id)));
  });

  router.post('/api/cases/:caseId/accept', authorize('window'), validate({ params: CaseIdParams, body: AcceptSchema }), async (req, res) => {
    const { c, task } = await windowTask(req, reads, 'accept', runtime);
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'accepted', actor: currentUser(req).id, missingMaterials: req.valid.body.missingMaterials, notReceived: req.valid.body.notReceived, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  router.post('/api/cases/:caseId/refuse', authorize('window'), validate({ params: CaseIdParams, body: RefuseSchema }), async (req, res) => {
    const { c, task } = await windowTask(req, reads, 'accept', runtime);
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'refused', comment: req.valid.body.reasons.join('；'), actor: currentUser(req).id, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  router.post('/api/cases/:caseId/supplement', authorize('applicant'), validate({ params: CaseIdParams, body: SupplementSchema }), async (req, res) => {
    const c = await readable(req, reads);
    const task = await openTask(await reads.tasksOf(c.id), 'supplement', req, runtime);
    const actor = currentUser(req).id;
    await checkFiles(actor, req.valid.body.files);
    await runtime.completeTask({ caseId: c.id, taskId: task.id, outcome: 'supplied', comment: req.valid.body.comment, actor, requestId: requestIdOf(req) });
    await extras.files?.attach(c.id, req.valid.body.files, 'supplement', actor);
    res.json(await detail(c.id));
  });

  router.post('/api/cases/:caseId/cancel', authorize('applicant'), validate({ params: CaseIdParams, body: CancelSchema }), async (req, res) => {
    const c = await readable(req, reads);
    await runtime.cancelCase({ caseId: c.id, actor: currentUser(req).id, reason: req.valid.body.reason, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });

  router.post('/api/cases/:caseId/green', authorize('supervisor'), validate({ params: CaseIdParams, body: GreenSchema }), async (req, res) => {
    const c = await readable(req, reads);
    await requireHelper(pool, c.regionCode, req.valid.body.helperId, 'case');
    await runtime.markGreen({ caseId: c.id, actor: currentUser(req).id, ...req.valid.body, requestId: requestIdOf(req) });
    res.json(await detail(c.id));
  });
  return router;
}

/** The same scopes as `canReadCase`, as a list filter. */
function listScope(user: AuthUser): CaseListScope {
  switch (user.role) {
    case 'applicant': return { applicantId: user.id };
    case 'window': return { regionCode: user.regionCode };
    case 'supervisor': return { withinRegion: user.regionCode };
    case 'reviewer':
    case 'lead': return { departmentId: user.departmentId ?? '-' };
    default: return {};
  }
}

/** The case of the route, if the caller may see it (else 404, revealing nothing). */
async function readable(req: Request, reads: CaseReads): Promise<CaseRecord> {
  return mayRead(req, reads, await reads.caseById(req.valid.params.caseId));
}

/** `c`, if the caller may see it (else 404, revealing nothing). */
async function mayRead(req: Request, reads: CaseReads, c: CaseRecord | undefined): Promise<CaseRecord> {
  requireScope(!!c && (await canReadCase(currentUser(req), c, reads)), 'case');
  return c!;
}

/** The case of the route, if the caller may see it, with its open step of `kind`: one round trip. */
async function windowTask(req: Request, reads: CaseReads, kind: TaskRecord['kind'], runtime: Runtime) {
  const found = await reads.caseWithTasks(req.valid.params.caseId);
  const c = await mayRead(req, reads, found?.c);
  return { c, task: await openTask(found!.tasks, kind, req, runtime) };
}

/**
 * The open step of `kind`. A retried command (its Idempotency-Key already answered, the answer
 * lost with a dead node or connection) finds its step closed by its own first attempt: it gets
 * the latest step of that kind, and the runtime replays the first answer.
 */
async function openTask(tasks: TaskRecord[], kind: TaskRecord['kind'], req: Request, runtime: Runtime): Promise<TaskRecord> {
  const open = tasks.find((t) => t.kind === kind && (t.status === 'open' || t.status === 'signed'));
  if (open) return open;
  const requestId = requestIdOf(req);
  const retried = requestId && (await runtime.env.cases.findCommand(requestId)) ? tasks.filter((t) => t.kind === kind).at(-1) : undefined;
  if (!retried) throw new HttpError(409, 'invalid_state', `the case has no open ${kind} step`);
  return retried;
}
