/**
 * Projects (工程建设项目): an applicant registers a project and groups its cases under it (apply
 * with `projectId`), and follows them in one merged timeline; a supervisor of the project's
 * region (or above) makes it a key project (重点项目), which puts every running case of it on
 * the green channel.
 */
import { Router, type Request } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import type { ProjectRecord } from '../../engine/store/project-store.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import type { AuthUser } from '../auth/auth-user.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { presentTask } from '../cases/case-presenter.ts';
import { validate } from '../http/validate.ts';
import { RegionTree } from '../supervision/supervision-scope.ts';
import { helperCandidates, requireHelper } from '../org/helper-candidates.ts';
import { ProjectReads } from './project-reads.ts';
import { CaseProgressReads } from '../read-models/case-progress.ts';
import { HelpersQuery, KeyProjectSchema, ProjectCreateSchema, ProjectIdParams, ProjectListQuery, type ProjectCreate } from './project-schemas.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentProject(p: ProjectRecord) {
  return {
    id: p.id, name: p.name, applicantId: p.applicantId, regionCode: p.regionCode, keyProject: p.keyProject,
    helperId: p.helperId, markedBy: p.markedBy, markedAt: iso(p.markedAt), createdAt: iso(p.createdAt),
  };
}

export function projectRoutes(runtime: Runtime, pool: Pool, progress = new CaseProgressReads(pool, runtime)): Router {
  const router = Router();
  const reads = new ProjectReads(pool);
  const tree = new RegionTree(pool);

  /** The project of the route, if the caller may see it (else 404). */
  const visible = async (req: Request): Promise<ProjectRecord> => {
    const project = await reads.byId(req.valid.params.projectId);
    requireScope(!!project && (await canSeeProject(currentUser(req), project, tree)), 'project');
    return project!;
  };

  router.post('/api/projects', authorize('applicant'), validate({ body: ProjectCreateSchema }), async (req, res) => {
    const body = req.valid.body as ProjectCreate;
    const project = await runtime.registerProject({ name: body.name, regionCode: body.regionCode, applicantId: currentUser(req).id });
    res.status(201).location(`/api/projects/${project.id}`).json(presentProject(project));
  });

  router.get('/api/projects', authorize('applicant', 'supervisor', 'admin'), validate({ query: ProjectListQuery }), async (req, res) => {
    const user = currentUser(req);
    const { regionCode } = req.valid.query as { regionCode?: string };
    let regionCodes: string[] | null = null;
    if (user.role === 'supervisor') {
      const own = await tree.subtree(user.regionCode);
      requireScope(!regionCode || own.includes(regionCode), 'region');
      regionCodes = regionCode ? await tree.subtree(regionCode) : own;
    } else if (regionCode) {
      regionCodes = await tree.subtree(regionCode);
    }
    const projects = await reads.list({ applicantId: user.role === 'applicant' ? user.id : null, regionCodes });
    res.json({ projects: projects.map(presentProject) });
  });

  router.get('/api/projects/:projectId', authorize('applicant', 'supervisor', 'admin'), validate({ params: ProjectIdParams }), async (req, res) => {
    const project = await visible(req);
    const [cases, timeline] = await Promise.all([reads.casesOf(project.id), reads.timeline(project.id)]);
    // All at one instant, each statement once for all the cases; their predictions share one read of their departments' and item's history.
    const progresses = await progress.ofAll(cases, runtime.env.clock.now());
    res.json({
      ...presentProject(project),
      cases: cases.map(({ c, tasks }, i) => ({
        id: c.id, caseNumber: c.caseNumber, itemCode: c.itemCode, regionCode: c.regionCode, status: c.status, form: c.form,
        green: c.green, helperId: c.helperId, acceptedAt: iso(c.acceptedAt), dueAt: iso(c.dueAt), createdAt: iso(c.createdAt), endedAt: iso(c.endedAt),
        openTasks: tasks.filter((t) => t.status === 'open' || t.status === 'signed').map(presentTask),
        /** 办理进度 (as GET /api/cases/:id/progress): departments' states, countdowns, lights, predicted date. */
        progress: progresses[i],
      })),
      timeline: timeline.map((e) => ({ caseId: e.caseId, caseNumber: e.caseNumber, itemCode: e.itemCode, seq: e.seq, type: e.type, taskId: e.taskId, at: e.at.toISOString(), payload: e.payload })),
    });
  });

  /** 帮办 candidates for marking the project key: window and department staff of its region and below. */
  router.get('/api/projects/:projectId/helpers', authorize('supervisor'), validate({ params: ProjectIdParams, query: HelpersQuery }), async (req, res) => {
    const project = await visible(req);
    res.json(await helperCandidates(pool, project.regionCode, { q: (req.valid.query as { q?: string }).q }));
  });

  router.post('/api/projects/:projectId/key', authorize('supervisor'), validate({ params: ProjectIdParams, body: KeyProjectSchema }), async (req, res) => {
    const project = await visible(req);
    const { helperId } = req.valid.body as { helperId?: string };
    await requireHelper(pool, project.regionCode, helperId, 'project');
    const { markedCases } = await runtime.markKeyProject({ projectId: project.id, actor: currentUser(req).id, helperId });
    res.json({ ...presentProject((await reads.byId(project.id))!), markedCases });
  });
  return router;
}

/** The applicant who registered it; supervisors of its region or above; admins. */
async function canSeeProject(user: AuthUser, project: ProjectRecord, tree: RegionTree): Promise<boolean> {
  switch (user.role) {
    case 'applicant': return project.applicantId === user.id;
    case 'supervisor': return tree.contains(user.regionCode, project.regionCode);
    case 'admin': return true;
    default: return false;
  }
}
