/**
 * The express application: security headers, request ids, logs, body limits, authentication,
 * the resource routers, and the single error handler.
 */
import cookieParser from 'cookie-parser';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authRoutes } from '../auth/auth-routes.ts';
import { authenticate } from '../auth/authenticate.ts';
import { SessionCache } from '../auth/session-cache.ts';
import { UserStore } from '../auth/user-store.ts';
import { caseRoutes } from '../cases/case-routes.ts';
import { acceptanceNoticePdfRoutes } from '../cases/acceptance-notice-pdf-routes.ts';
import { acceptanceQueueRoutes } from '../tasks/acceptance-queue-routes.ts';
import { meetingRoutes } from '../meetings/meeting-routes.ts';
import { publicRoutes } from '../public/public-routes.ts';
import { taskRoutes } from '../tasks/task-routes.ts';
import { projectRoutes } from '../projects/project-routes.ts';
import { supervisionRoutes } from '../supervision/supervision-routes.ts';
import { workOrderRoutes } from '../work-orders/work-order-routes.ts';
import { catalogueRoutes } from '../catalogue/catalogue-routes.ts';
import { DefinitionReads } from '../definitions/definition-reads.ts';
import { definitionRoutes } from '../definitions/definition-routes.ts';
import { orgRoutes } from '../org/org-routes.ts';
import { openApiRoutes } from '../openapi/openapi-routes.ts';
import { ratingRoutes } from '../ratings/rating-routes.ts';
import { statisticsRoutes } from '../statistics/statistics-routes.ts';
import type { ScoringRules } from '../../engine/scoring/scoring-rules.ts';
import { healthRoutes } from './health-routes.ts';
import { webApp } from './web-app.ts';
import { jsonBody } from './json-body.ts';
import { problemHandler, sendProblem } from './problem.ts';
import { requestId } from './request-context.ts';
import { noStoreForApi } from './no-store.ts';
import { requestLog } from './request-log.ts';
import { CaseReads } from '../read-models/case-reads.ts';
import { CaseProgressReads } from '../read-models/case-progress.ts';
import { PredictionHistory } from '../read-models/prediction-history.ts';
import { MaterialFiles } from '../uploads/material-files.ts';
import { uploadRoutes } from '../uploads/upload-routes.ts';
import { UploadStore } from '../uploads/upload-store.ts';
import type { UploadQuota } from '../uploads/file-types.ts';

/** JSON bodies are small; BPMN uploads have their own, stated limit. */
export const JSON_BODY_LIMIT = '256kb';

export interface AppDeps {
  pool: Pool;
  runtime: Runtime;
  /** The centre's 月度百分考评 rules (defaults when absent). */
  scoringRules?: ScoringRules;
  logger?: Logger;
  /** Extra routers (added by later capabilities) mounted before the 404 handler. */
  routers?: Router[];
  /** Run first, before anything reads the request (a cluster worker passing a case's commands to its owner). */
  first?: RequestHandler[];
  secureCookies?: boolean;
  loginLimit?: number;
  /** The built browser app (web/dist) to serve; none when absent. */
  webRoot?: string;
  /** Where uploaded files are kept (`<dataDir>/uploads/`); without it uploads answer 503. */
  dataDir?: string;
  /** How much one applicant may upload in 24 hours (default: 500 files, 2 GiB). */
  uploadQuota?: UploadQuota;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  // Sessions kept in memory and forgotten on every node when one ends (PostgreSQL NOTIFY).
  const users = new UserStore(deps.pool, SessionCache.listen(deps.pool, (message, fields) => deps.logger?.warn(fields ?? {}, message)));
  const reads = new CaseReads(deps.pool, deps.runtime.env.org);
  const clock = deps.runtime.env.clock;
  app.disable('x-powered-by');
  // Answers are not stored anywhere (no-store.ts), so nothing would ever be revalidated against an ETag.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  for (const handler of deps.first ?? []) app.use(handler);
  app.use(requestId);
  app.use(noStoreForApi);
  // Government intranets often serve plain HTTP: only insist on HTTPS when the node is behind TLS.
  app.use(helmet(deps.secureCookies ? {} : { strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (deps.logger) app.use(requestLog(deps.logger));
  app.use(healthRoutes(deps.pool));
  // Before authentication: app files need no session lookup.
  if (deps.webRoot) app.use(webApp(deps.webRoot));
  app.use(jsonBody(JSON_BODY_LIMIT));
  app.use(cookieParser());
  app.use(authenticate(users, clock));
  app.use(authRoutes(users, clock, { pool: deps.pool, secureCookies: deps.secureCookies, loginLimit: deps.loginLimit }));
  // One sample of recent completions per node for every 预计办结 (progress, projects, /prediction).
  const history = new PredictionHistory(deps.pool, deps.runtime.env.calendar);
  const progress = new CaseProgressReads(deps.pool, deps.runtime, history);
  app.use(publicRoutes(reads, progress, deps.pool, clock));
  const uploads = deps.dataDir ? new UploadStore(deps.pool, deps.dataDir) : undefined;
  app.use(caseRoutes(deps.runtime, reads, deps.pool, { files: uploads && new MaterialFiles(uploads, clock), progress }));
  app.use(uploadRoutes(uploads, reads, clock, deps.uploadQuota));
  app.use(taskRoutes(deps.runtime, reads, deps.pool));
  app.use(acceptanceNoticePdfRoutes(deps.runtime, reads));
  app.use(acceptanceQueueRoutes(deps.pool));
  app.use(meetingRoutes(deps.pool, clock));
  app.use(supervisionRoutes(deps.runtime, deps.pool));
  app.use(projectRoutes(deps.runtime, deps.pool, progress));
  app.use(workOrderRoutes(deps.runtime, reads, deps.pool));
  const definitionReads = new DefinitionReads(deps.pool);
  app.use(catalogueRoutes(deps.runtime, definitionReads));
  app.use(definitionRoutes(deps.runtime, definitionReads, deps.pool));
  app.use(orgRoutes(deps.pool));
  app.use(openApiRoutes());
  app.use(ratingRoutes(deps.runtime, reads, deps.pool));
  app.use(statisticsRoutes(deps.runtime, deps.pool, reads, { scoringRules: deps.scoringRules, history }));
  for (const router of deps.routers ?? []) app.use(router);
  app.use((req, res) => sendProblem(res, 404, 'not_found', `no endpoint ${req.method} ${req.path}`));
  app.use(problemHandler);
  return app;
}
