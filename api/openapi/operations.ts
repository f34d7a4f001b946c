/**
 * Every endpoint of the HTTP API, in one list, with the zod schemas its router validates with.
 * tests/integration/api/openapi.test.ts walks the express app and fails when a mounted route
 * is missing here — add the route's entry in the same change as the route.
 */
import { z } from 'zod';
import { LoginSchema } from '../auth/auth-routes.ts';
import { CatalogueEntrySchema, CatalogueItemParams, CatalogueListSchema, CatalogueQuery } from '../catalogue/catalogue-schemas.ts';
import {
  AcceptSchema, CancelSchema, CaseCreateSchema, CaseIdParams, CaseListQuery, GreenSchema, PublicLookupQuery, RefuseSchema, SupplementSchema,
} from '../cases/case-schemas.ts';
import {
  BPMN_UPLOAD_BODY, DefinitionListSchema, DeployResultSchema, DiffParams, DiffSchema, ItemCodeParams, ValidationResultSchema, VersionIdParams, VersionListSchema,
} from '../definitions/definition-schemas.ts';
import { DRAFT_OPERATIONS } from '../definitions/draft-operations.ts';
import { PublicProgressSchema } from '../public/public-schemas.ts';
import { DepartmentListSchema } from '../org/org-schemas.ts';
import { ORG_OPERATIONS } from '../org/org-operations.ts';
import { HelpersQuery, KeyProjectSchema, ProjectCreateSchema, ProjectIdParams, ProjectListQuery } from '../projects/project-schemas.ts';
import { AccountabilityListQuery, DefaultConsentsQuery, OverdueQuery, VerificationsQuery, WarningsQuery } from '../supervision/supervision-schemas.ts';
import { BatchSignSchema, CloseMeetingSchema, CompleteSchema, InboxQuery, OpinionSchema, ScheduleMeetingSchema, TaskIdParams } from '../tasks/task-schemas.ts';
import {
  AnswerSchema, CallbackSchema, CloseSchema, OrderCreateSchema, OrderIdParams, OrderListQuery, ReturnSchema, RouteSchema, SuperviseSchema,
} from '../work-orders/work-order-schemas.ts';
import type { ApiOperation } from './operation.ts';
import { RATING_OPERATIONS } from '../ratings/rating-operations.ts';
import { STATISTICS_OPERATIONS } from '../statistics/statistics-operations.ts';
import { UPLOAD_OPERATIONS } from '../uploads/upload-operations.ts';
import { ACCEPTANCE_NOTICE_OPERATIONS } from '../cases/acceptance-notice-operations.ts';
import { DESK_OPERATIONS } from '../meetings/meeting-operations.ts';

const CASE_READERS = ['applicant', 'window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;
const STAFF = ['reviewer', 'lead'] as const;
const SUPERVISING = ['supervisor', 'reviewer', 'lead', 'admin'] as const;
const ORDER_READERS = ['window', 'reviewer', 'lead', 'supervisor', 'admin'] as const;
const DESIGN_READERS = ['designer', 'admin'] as const;

const caseDetail = { status: 200, description: 'the case with its tasks and timeline' };
const taskAfter = { status: 200, description: 'the task after the command' };
const orderDetail = { status: 200, description: 'the work order after the command' };

const health: ApiOperation[] = [
  { method: 'get', path: '/healthz', tag: 'health', access: 'public', summary: 'Liveness: the process answers', ok: { status: 200, description: 'up' } },
  { method: 'get', path: '/readyz', tag: 'health', access: 'public', summary: 'Readiness: database up and migrated', ok: { status: 200, description: 'ready (503 when not)' } },
];

const auth: ApiOperation[] = [
  {
    method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public', summary: 'Sign in',
    description: 'Browsers get an httpOnly cookie and a CSRF token; `client: "bearer"` returns a token instead.',
    body: LoginSchema, ok: { status: 200, description: 'the user, and a CSRF token or bearer token' }, errors: [401, 429],
  },
  { method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'public', summary: 'Sign out (ends the session if there is one)', ok: { status: 204, description: 'signed out' } },
  { method: 'get', path: '/api/auth/me', tag: 'auth', access: 'signed-in', summary: 'The signed-in user', ok: { status: 200, description: 'the user' } },
];

const publicLookup: ApiOperation[] = [
  {
    method: 'get', path: '/api/public/progress', tag: 'public', access: 'public', summary: '公开查询: progress by case number and query code',
    description: 'Department names, states and working-day countdowns are public; staff, the applicant and opinions’ reasons, conditions and materials are not.',
    query: PublicLookupQuery, ok: { status: 200, description: 'the public progress of the case (nothing personal)', schema: PublicProgressSchema }, errors: [404, 429],
  },
];

const catalogue: ApiOperation[] = [
  {
    method: 'get', path: '/api/catalogue', tag: 'catalogue', access: 'public', summary: '七公开: every item with its public data',
    description: "The latest version of every approval item; filters combine (all must hold). `region` keeps the items accepted at that region's level.",
    query: CatalogueQuery, ok: { status: 200, description: 'the matching items', schema: CatalogueListSchema },
  },
  {
    method: 'get', path: '/api/catalogue/:itemCode', tag: 'catalogue', access: 'public', summary: '七公开 of one item',
    params: CatalogueItemParams, ok: { status: 200, description: 'the item', schema: CatalogueEntrySchema }, errors: [404],
  },
];

const cases: ApiOperation[] = [
  { method: 'post', path: '/api/cases', tag: 'cases', access: ['applicant'], summary: 'Apply for an item', body: CaseCreateSchema, idempotent: true, ok: { status: 201, description: 'the new case' }, errors: [404] },
  { method: 'get', path: '/api/cases', tag: 'cases', access: CASE_READERS, summary: 'Cases visible to the caller', query: CaseListQuery, ok: { status: 200, description: 'a page of cases' } },
  { method: 'get', path: '/api/cases/:caseId', tag: 'cases', access: CASE_READERS, summary: 'A case with its tasks and timeline', params: CaseIdParams, ok: caseDetail, errors: [404] },
  {
    method: 'get', path: '/api/cases/:caseId/progress', tag: 'cases', access: CASE_READERS, summary: '办理进度: who holds the case, each department’s state, countdowns, lights, 补正 request, predicted date',
    params: CaseIdParams, ok: { status: 200, description: 'the progress of the case' }, errors: [404],
  },
  {
    method: 'get', path: '/api/cases/:caseId/acceptance-notice', tag: 'cases', access: ['applicant', 'window', 'supervisor', 'admin'],
    summary: '受理通知书 (or the 一次性告知 of a refusal): case number, 查询码, promised date, materials received or promised (容缺)',
    params: CaseIdParams, ok: { status: 200, description: 'the notice content' }, errors: [404],
  },
  { method: 'post', path: '/api/cases/:caseId/accept', tag: 'cases', access: ['window'], summary: '总台受理: accept (容缺 with promised dates)', params: CaseIdParams, body: AcceptSchema, idempotent: true, ok: caseDetail, errors: [404, 409] },
  { method: 'post', path: '/api/cases/:caseId/refuse', tag: 'cases', access: ['window'], summary: '不予受理: refuse with reasons', params: CaseIdParams, body: RefuseSchema, idempotent: true, ok: caseDetail, errors: [404, 409] },
  { method: 'post', path: '/api/cases/:caseId/supplement', tag: 'cases', access: ['applicant'], summary: '补正: supply what was asked for', params: CaseIdParams, body: SupplementSchema, idempotent: true, ok: caseDetail, errors: [404, 409] },
  { method: 'post', path: '/api/cases/:caseId/cancel', tag: 'cases', access: ['applicant'], summary: 'Withdraw a running case', params: CaseIdParams, body: CancelSchema, idempotent: true, ok: caseDetail, errors: [404, 409] },
  { method: 'post', path: '/api/cases/:caseId/green', tag: 'cases', access: ['supervisor'], summary: '绿色通道: put a case on the green channel', params: CaseIdParams, body: GreenSchema, idempotent: true, ok: caseDetail, errors: [404, 409] },
];

const tasks: ApiOperation[] = [
  {
    method: 'get', path: '/api/tasks/inbox', tag: 'tasks', access: STAFF, summary: "The department's inbox (green first, then by deadline), a page at a time",
    description: 'Keyset paging: pass the answer\'s nextCursor as `after` for the next page (null after the last); total counts every open task of the department.',
    query: InboxQuery, ok: { status: 200, description: '{ tasks (open tasks with their lights), nextCursor, total }' },
  },
  { method: 'post', path: '/api/tasks/batch-sign', tag: 'tasks', access: STAFF, summary: '批量签收', body: BatchSignSchema, ok: { status: 200, description: 'one result per task' } },
  { method: 'post', path: '/api/tasks/:taskId/sign', tag: 'tasks', access: STAFF, summary: '签收', params: TaskIdParams, idempotent: true, ok: taskAfter, errors: [404, 409] },
  { method: 'post', path: '/api/tasks/:taskId/opinion', tag: 'tasks', access: STAFF, summary: 'Give an opinion (approve, reject, supplement)', params: TaskIdParams, body: OpinionSchema, idempotent: true, ok: taskAfter, errors: [404, 409] },
  { method: 'post', path: '/api/tasks/:taskId/complete', tag: 'tasks', access: STAFF, summary: 'Complete a decision or other non-review task', params: TaskIdParams, body: CompleteSchema, idempotent: true, ok: taskAfter, errors: [404, 409] },
  { method: 'post', path: '/api/tasks/:taskId/meeting', tag: 'tasks', access: ['lead'], summary: '联审会: schedule the meeting', params: TaskIdParams, body: ScheduleMeetingSchema, idempotent: true, ok: taskAfter, errors: [404, 409] },
  { method: 'post', path: '/api/tasks/:taskId/meeting/close', tag: 'tasks', access: ['lead'], summary: '联审会: close with attendance and decision (缺席默认)', params: TaskIdParams, body: CloseMeetingSchema, idempotent: true, ok: taskAfter, errors: [404, 409] },
];

const supervision: ApiOperation[] = [
  { method: 'get', path: '/api/supervision/warnings', tag: 'supervision', access: SUPERVISING, summary: '预警: yellow and red lights in scope', query: WarningsQuery, ok: { status: 200, description: 'the warnings' } },
  { method: 'get', path: '/api/supervision/overdue', tag: 'supervision', access: SUPERVISING, summary: 'Overdue tasks in scope', query: OverdueQuery, ok: { status: 200, description: 'the overdue tasks' } },
  { method: 'get', path: '/api/supervision/accountability', tag: 'supervision', access: SUPERVISING, summary: '问责记录 in a period', query: AccountabilityListQuery, ok: { status: 200, description: 'accountability records' } },
  { method: 'get', path: '/api/supervision/default-consents', tag: 'supervision', access: SUPERVISING, summary: 'Default consents (超时/不作为/缺席默认) in a period', query: DefaultConsentsQuery, ok: { status: 200, description: 'default opinions' } },
  { method: 'get', path: '/api/supervision/verifications', tag: 'supervision', access: SUPERVISING, summary: '差评核查: dissatisfied ratings in a period and where each verification stands', query: VerificationsQuery, ok: { status: 200, description: 'the verifications' }, errors: [404] },
  { method: 'get', path: '/api/supervision/org', tag: 'supervision', access: SUPERVISING, summary: 'The regions and departments the caller supervises (filter choices)', ok: { status: 200, description: 'regions and departments' } },
];

const projects: ApiOperation[] = [
  { method: 'post', path: '/api/projects', tag: 'projects', access: ['applicant'], summary: 'Register a construction project', body: ProjectCreateSchema, ok: { status: 201, description: 'the project' } },
  { method: 'get', path: '/api/projects', tag: 'projects', access: ['applicant', 'supervisor', 'admin'], summary: 'Projects visible to the caller', query: ProjectListQuery, ok: { status: 200, description: 'the projects' } },
  { method: 'get', path: '/api/projects/:projectId', tag: 'projects', access: ['applicant', 'supervisor', 'admin'], summary: 'A project with its cases', params: ProjectIdParams, ok: { status: 200, description: 'the project' }, errors: [404] },
  { method: 'get', path: '/api/projects/:projectId/helpers', tag: 'projects', access: ['supervisor'], summary: '帮办 candidates: window and department staff of the project\'s region and below', params: ProjectIdParams, query: HelpersQuery, ok: { status: 200, description: 'the candidates' }, errors: [404] },
  { method: 'post', path: '/api/projects/:projectId/key', tag: 'projects', access: ['supervisor'], summary: '重点项目: mark a key project (its cases go green)', params: ProjectIdParams, body: KeyProjectSchema, ok: { status: 200, description: 'the cases marked green' }, errors: [404] },
];

const workOrders: ApiOperation[] = [
  { method: 'get', path: '/api/work-orders/return-reasons', tag: 'work-orders', access: ORDER_READERS, summary: 'The fixed list of 退回 reasons', ok: { status: 200, description: 'reason codes and texts' } },
  { method: 'post', path: '/api/work-orders', tag: 'work-orders', access: ['window'], summary: 'Register a 12345 work order', body: OrderCreateSchema, ok: { status: 201, description: 'the work order' } },
  { method: 'get', path: '/api/work-orders', tag: 'work-orders', access: ORDER_READERS, summary: 'Work orders visible to the caller', query: OrderListQuery, ok: { status: 200, description: 'the work orders' } },
  { method: 'get', path: '/api/work-orders/:orderId', tag: 'work-orders', access: ORDER_READERS, summary: 'A work order', params: OrderIdParams, ok: { status: 200, description: 'the work order' }, errors: [404] },
  { method: 'get', path: '/api/work-orders/:orderId/route-targets', tag: 'work-orders', access: ['window'], summary: 'Departments the order may be routed to (its region and below)', params: OrderIdParams, ok: { status: 200, description: 'the departments', schema: DepartmentListSchema }, errors: [404] },
  { method: 'post', path: '/api/work-orders/:orderId/route', tag: 'work-orders', access: ['window'], summary: '派单 to a department', params: OrderIdParams, body: RouteSchema, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/close', tag: 'work-orders', access: ['window'], summary: '即时答复办结', params: OrderIdParams, body: CloseSchema, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/sign', tag: 'work-orders', access: STAFF, summary: '签收 a work order', params: OrderIdParams, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/return', tag: 'work-orders', access: STAFF, summary: '退回 with a reason from the fixed list', params: OrderIdParams, body: ReturnSchema, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/answer', tag: 'work-orders', access: STAFF, summary: "The department's answer", params: OrderIdParams, body: AnswerSchema, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/callback', tag: 'work-orders', access: ['window'], summary: '回访: the caller’s rating', params: OrderIdParams, body: CallbackSchema, ok: orderDetail, errors: [404, 409] },
  { method: 'post', path: '/api/work-orders/:orderId/supervise', tag: 'work-orders', access: ['supervisor'], summary: '督办结束', params: OrderIdParams, body: SuperviseSchema, ok: orderDetail, errors: [404, 409] },
];

const definitions: ApiOperation[] = [
  {
    method: 'post', path: '/api/definitions/validate', tag: 'definitions', access: ['designer'], summary: 'Check a BPMN file without storing it',
    description: 'Runs every deploy-time check and the designer\'s lint rules (`approval/*`, the ones the browser runs). 200 with a summary of the item and the lint warnings, or 422 naming each problem by BPMN element id (`file` for problems of the file itself: size, encoding, DTD/entities). A `catalogue` part is validated too (400 naming `catalogue.<field>`).',
    body: BPMN_UPLOAD_BODY, ok: { status: 200, description: 'the file is deployable (lint warnings listed)', schema: ValidationResultSchema }, errors: [413, 415, 422],
  },
  {
    method: 'post', path: '/api/definitions', tag: 'definitions', access: ['designer'], summary: 'Deploy a BPMN file as the next version of its item',
    description: 'The body is the BPMN file itself, or a multipart form with the file in `bpmn` and the catalogue text (七公开) in `catalogue`. The item code comes from `approval:itemCode`; without a catalogue the previous version\'s carries over. Lint errors refuse the file (422); warnings are returned. 201 with the new version; 200 with `created: false` when file and catalogue equal the latest version (nothing stored). A deploy discards the item\'s draft. Running cases stay on their version.',
    body: BPMN_UPLOAD_BODY, ok: { status: 201, description: 'the new version', schema: DeployResultSchema }, errors: [413, 415, 422],
  },
  { method: 'get', path: '/api/definitions', tag: 'definitions', access: DESIGN_READERS, summary: 'Every item with its latest version', ok: { status: 200, description: 'the items', schema: DefinitionListSchema } },
  { method: 'get', path: '/api/definitions/:itemCode/versions', tag: 'definitions', access: DESIGN_READERS, summary: 'Every version of an item, oldest first', params: ItemCodeParams, ok: { status: 200, description: 'the versions', schema: VersionListSchema }, errors: [404] },
  {
    method: 'get', path: '/api/definitions/versions/:id/xml', tag: 'definitions', access: DESIGN_READERS, summary: 'The stored BPMN file of a version',
    params: VersionIdParams, ok: { status: 200, description: 'the BPMN XML (as an attachment)', schema: z.string(), contentType: 'application/xml' }, errors: [404],
  },
  {
    method: 'get', path: '/api/definitions/versions/:a/diff/:b', tag: 'definitions', access: DESIGN_READERS, summary: 'What changed from version a to version b of one item',
    description: 'Element-level: added, removed and changed element ids; for each change the field (`name`, `approval:<attribute>`, `participants`, `materials`, `condition` …) with its old and new value. Diagram layout is not compared.',
    params: DiffParams, ok: { status: 200, description: 'the diff', schema: DiffSchema }, errors: [404],
  },
];

const docs: ApiOperation[] = [
  { method: 'get', path: '/api/openapi.json', tag: 'docs', access: 'public', summary: 'This document (OpenAPI 3.1)', ok: { status: 200, description: 'the OpenAPI document' } },
  { method: 'get', path: '/api/docs', tag: 'docs', access: 'public', summary: 'Browsable API documentation (Swagger UI)', ok: { status: 200, description: 'an HTML page', schema: z.string(), contentType: 'text/html' } },
  {
    method: 'get', path: '/api/docs/assets/:file', tag: 'docs', access: 'public', summary: 'Static files of the documentation page',
    params: z.object({ file: z.string() }), ok: { status: 200, description: 'a script, style sheet or icon', schema: z.string(), contentType: 'application/octet-stream' }, errors: [404],
  },
];

/** Every endpoint of the app, grouped as the routers are. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...health, ...auth, ...publicLookup, ...catalogue, ...cases, ...tasks, ...supervision, ...projects, ...workOrders, ...definitions, ...DRAFT_OPERATIONS, ...ORG_OPERATIONS, ...RATING_OPERATIONS, ...STATISTICS_OPERATIONS, ...UPLOAD_OPERATIONS, ...ACCEPTANCE_NOTICE_OPERATIONS, ...DESK_OPERATIONS, ...docs,
];
