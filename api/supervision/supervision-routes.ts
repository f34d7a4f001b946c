/**
 * 电子监察 / 效能监察: yellow and red lights on open tasks and running cases, 问责记录, and the
 * opinions recorded by default. Supervisors see their region and everything below it, reviewers
 * and leads their own department, admins everything. Each list also downloads as CSV or XLSX
 * (`format=`), the 差评核查 list follows dissatisfied ratings, and `/org` names the filter choices.
 */
import { Router } from 'express';
import { PgAccountabilitySource } from '../../engine/adapters/postgres/pg-accountability-source.ts';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import type { AccountabilityEntry } from '../../engine/queries/accountability.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { authorize, currentUser } from '../auth/policies.ts';
import { validate } from '../http/validate.ts';
import { periodLabel } from '../statistics/statistics-tables.ts';
import { sendTables } from '../statistics/table-export.ts';
import {
  AccountabilityListQuery, DefaultConsentsQuery, OverdueQuery, resolvePeriod, VerificationsQuery, WarningsQuery,
  type AccountabilityListFilter, type DefaultConsentsFilter, type VerificationsFilter, type WarningsFilter,
} from './supervision-schemas.ts';
import { supervisedOrg } from './supervision-org.ts';
import { accountabilitySheet, defaultConsentsSheet, shanghaiMinute, verificationsSheet, warningsSheet } from './supervision-tables.ts';
import { verificationList } from './verification-list.ts';
import { SupervisionReads, type Lights } from './supervision-reads.ts';
import { regionOfDepartment, RegionTree, supervisionScope, type Scope } from './supervision-scope.ts';

const SUPERVISING = ['supervisor', 'reviewer', 'lead', 'admin'] as const;
const BASES = ['timeout', 'inaction', 'unsigned', 'absence'] as const;

export function supervisionRoutes(runtime: Runtime, pool: Pool): Router {
  const router = Router();
  const tree = new RegionTree(pool);
  const reads = new SupervisionReads(pool, runtime.env.calendar);
  const accountability = new PgAccountabilitySource(pool);
  const clock = runtime.env.clock;

  const lightsAnswer = async (scope: Scope, lights: Lights, limit: number) => {
    const at = clock.now();
    const [tasks, cases] = await Promise.all([reads.taskWarnings(scope, at, lights, limit), reads.caseWarnings(scope, at, lights, limit)]);
    const count = (items: Array<{ light: string }>) => ({ red: items.filter((i) => i.light === 'red').length, yellow: items.filter((i) => i.light === 'yellow').length });
    return { at, counts: { tasks: count(tasks), cases: count(cases) }, tasks, cases };
  };

  /** 预警: open tasks and running cases with a yellow or red light. */
  router.get('/api/supervision/warnings', authorize(...SUPERVISING), validate({ query: WarningsQuery }), async (req, res) => {
    const q = req.valid.query as WarningsFilter;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const answer = await lightsAnswer(scope, { red: q.light !== 'yellow', yellow: q.light !== 'red' }, q.limit);
    if (q.format !== 'json') return sendTables(res, q.format, `warnings-${fileStamp(answer.at)}`, [warningsSheet(answer.tasks, answer.cases, answer.at)]);
    res.json(answer);
  });

  /** 超期: red lights only. */
  router.get('/api/supervision/overdue', authorize(...SUPERVISING), validate({ query: OverdueQuery }), async (req, res) => {
    const q = req.valid.query as Omit<WarningsFilter, 'light'>;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const answer = await lightsAnswer(scope, { red: true, yellow: false }, q.limit);
    if (q.format !== 'json') return sendTables(res, q.format, `overdue-${fileStamp(answer.at)}`, [warningsSheet(answer.tasks, answer.cases, answer.at)]);
    res.json(answer);
  });

  /** 问责记录 of the departments in scope, in a period (default: the last 30 days). */
  router.get('/api/supervision/accountability', authorize(...SUPERVISING), validate({ query: AccountabilityListQuery }), async (req, res) => {
    const q = req.valid.query as AccountabilityListFilter;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const { from, to } = resolvePeriod(q, clock.now());
    const regions = scope.regionCodes && new Set(scope.regionCodes);
    const records = (await accountability.records({
      from, to, departmentId: scope.departmentId ?? undefined,
      // The source filters one region exactly; a subtree is filtered here.
      regionCode: scope.regionCodes?.length === 1 ? scope.regionCodes[0] : undefined,
    })).filter((r) => inScope(r, regions, scope));
    if (q.format !== 'json') return sendTables(res, q.format, `accountability-${periodLabel(from, to)}`, [accountabilitySheet(records, from, to)]);
    res.json({ from, to, total: records.length, byBasis: countBy(records, (r) => r.basis), byDepartment: byDepartment(records), records });
  });

  /** 默认同意: opinions recorded by a default rule (basis ≠ given), counted by basis. */
  router.get('/api/supervision/default-consents', authorize(...SUPERVISING), validate({ query: DefaultConsentsQuery }), async (req, res) => {
    const q = req.valid.query as DefaultConsentsFilter;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const { from, to } = resolvePeriod(q, clock.now());
    const opinions = await reads.defaultConsents(scope, from, to, q.basis);
    if (q.format !== 'json') return sendTables(res, q.format, `default-consents-${periodLabel(from, to)}`, [defaultConsentsSheet(opinions, from, to)]);
    res.json({ from, to, total: opinions.length, byBasis: countBy(opinions, (o) => o.basis), byDepartment: byDepartment(opinions), opinions });
  });

  /** 差评核查: dissatisfied ratings of cases in scope and where each verification stands. */
  router.get('/api/supervision/verifications', authorize(...SUPERVISING), validate({ query: VerificationsQuery }), async (req, res) => {
    const q = req.valid.query as VerificationsFilter;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const { from, to } = resolvePeriod(q, clock.now());
    const { rows, byState } = await verificationList(pool, scope, from, to, q.limit);
    if (q.format !== 'json') return sendTables(res, q.format, `verifications-${periodLabel(from, to)}`, [verificationsSheet(rows, from, to)]);
    res.json({ from, to, total: rows.length, byState, verifications: rows });
  });

  /** The regions and departments the caller may filter by (the dashboard's pickers), and the server's now (limits run on it). */
  router.get('/api/supervision/org', authorize(...SUPERVISING), async (req, res) => {
    res.json({ at: clock.now(), ...(await supervisedOrg(currentUser(req), pool, tree)) });
  });
  return router;
}

// Records of departments in the scope's regions (a record without a department only for admins).
function inScope(r: AccountabilityEntry, regions: Set<string> | null, scope: Scope): boolean {
  if (scope.level && r.level !== scope.level) return false;
  if (!regions) return true;
  return r.departmentId !== null && regions.has(regionOfDepartment(r.departmentId));
}

// 2026-03-09_1000: when a snapshot list was taken, for its file name.
const fileStamp = (at: Date): string => shanghaiMinute(at).replace(' ', '_').replace(':', '');

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(BASES.map((b) => [b, 0]));
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function byDepartment(items: Array<{ departmentId: string | null; departmentName: string | null; basis: string }>) {
  const rows = new Map<string, { departmentId: string | null; departmentName: string | null; total: number; byBasis: Record<string, number> }>();
  for (const item of items) {
    const key = item.departmentId ?? '';
    const row = rows.get(key) ?? { departmentId: item.departmentId, departmentName: item.departmentName, total: 0, byBasis: Object.fromEntries(BASES.map((b) => [b, 0])) };
    row.total += 1;
    row.byBasis[item.basis] = (row.byBasis[item.basis] ?? 0) + 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || String(a.departmentId).localeCompare(String(b.departmentId)));
}
