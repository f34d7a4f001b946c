/**
 * 统计 over HTTP: the figures by department, region, level or item for a period, the
 * bottleneck view, the monthly 100-point score with every deduction and its case, and the
 * predicted completion date of an open case. Supervisors see their region and below,
 * reviewers and leads their own department, admins everything (as in supervision); the
 * prediction is for whoever may read the case. Statistics and scores download as CSV or XLSX.
 */
import { Router } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { PgStatisticsSource } from '../../engine/adapters/postgres/pg-statistics-source.ts';
import { addLocalDays, localDate, startOfLocalDay } from '../../engine/calendar/index.ts';
import type { Runtime } from '../../engine/runtime/runtime.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../../engine/scoring/scoring-rules.ts';
import { computeBottlenecks, computeStatistics } from '../../engine/statistics/case-statistics.ts';
import { monthlyScoreReport } from '../../engine/statistics/monthly-score-data.ts';
import type { StatisticsFilter, StatisticsSource } from '../../engine/statistics/statistics-types.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { canReadCase } from '../cases/case-policy.ts';
import { CaseIdParams } from '../cases/case-schemas.ts';
import { validate } from '../http/validate.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import { PredictionHistory } from '../read-models/prediction-history.ts';
import { resolvePeriod } from '../supervision/supervision-schemas.ts';
import { RegionTree, supervisionScope, type Scope } from '../supervision/supervision-scope.ts';
import {
  BottlenecksQuery, CASE_READERS, MonthlyScoreQuery, StatisticsQuery, SUPERVISING,
  type BottlenecksFilterQuery, type MonthlyScoreFilterQuery, type StatisticsFilterQuery,
} from './statistics-schemas.ts';
import { bottleneckSheet, monthlyScoreSheets, periodLabel, statisticsSheet } from './statistics-tables.ts';
import { sendTables } from './table-export.ts';

export interface StatisticsOptions {
  /** The centre's 月度百分考评 rules (default: −2 per 不满意, target 100 %, −1 per 问责记录). */
  scoringRules?: ScoringRules;
  source?: StatisticsSource;
  /** The node's sample of recent completions for 预计办结 (shared with the progress reads). */
  history?: PredictionHistory;
}

export function statisticsRoutes(runtime: Runtime, pool: Pool, reads: CaseReads, options: StatisticsOptions = {}): Router {
  const router = Router();
  const tree = new RegionTree(pool);
  const source = options.source ?? new PgStatisticsSource(pool);
  const rules = options.scoringRules ?? DEFAULT_SCORING_RULES;
  const { clock, calendar } = runtime.env;
  // The latest completions, sampled as on the progress page (a year of them took seconds per case).
  const history = options.history ?? new PredictionHistory(pool, calendar);

  // The cohort of a period and the instant it is judged at: the period's end, or now while it runs.
  const cohort = async (q: StatisticsFilterQuery | BottlenecksFilterQuery, scope: Scope) => {
    const now = clock.now();
    const { from, to } = resolvePeriod(q, now);
    const asOf = new Date(Math.min(to.getTime(), now.getTime() + 1));
    const filter: StatisticsFilter = {
      from, to, regionCodes: scope.regionCodes, departmentId: scope.departmentId, level: scope.level, itemCode: q.itemCode ?? null,
    };
    return { filter, asOf, rows: await source.cohort(filter, asOf) };
  };

  /** 统计: accepted, finished, 办结率, 即办率, 按期办结率, 提速率, rating and satisfaction rates, default consents, working days. */
  router.get('/api/statistics', authorize(...SUPERVISING), validate({ query: StatisticsQuery }), async (req, res) => {
    const q = req.valid.query as StatisticsFilterQuery;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const { filter, asOf, rows } = await cohort(q, scope);
    const statistics = computeStatistics(rows, filter, q.groupBy, calendar, asOf);
    if (q.format !== 'json') return sendTables(res, q.format, `statistics-${q.groupBy}-${periodLabel(filter.from, filter.to)}`, [statisticsSheet(statistics)]);
    res.json(statistics);
  });

  /** 堵点: which department delays which item at which level (p90, then average working days). */
  router.get('/api/statistics/bottlenecks', authorize(...SUPERVISING), validate({ query: BottlenecksQuery }), async (req, res) => {
    const q = req.valid.query as BottlenecksFilterQuery;
    const scope = await supervisionScope(currentUser(req), q, tree);
    const { filter, asOf, rows } = await cohort(q, scope);
    const all = computeBottlenecks(rows, filter, calendar, asOf);
    const bottlenecks = all.slice(0, q.limit);
    if (q.format !== 'json') return sendTables(res, q.format, `bottlenecks-${periodLabel(filter.from, filter.to)}`, [bottleneckSheet(bottlenecks, filter.from, filter.to)]);
    res.json({ from: filter.from, to: filter.to, asOf, total: all.length, bottlenecks });
  });

  /** 月度百分考评: windows, departments or staff ranked, every deduction listed with its case. */
  router.get('/api/statistics/monthly-score', authorize(...SUPERVISING), validate({ query: MonthlyScoreQuery }), async (req, res) => {
    const q = req.valid.query as MonthlyScoreFilterQuery;
    const scope = await supervisionScope(currentUser(req), q, tree);
    // Windows are not a department's to see.
    requireScope(!(scope.departmentId && q.unit === 'window'), 'unit');
    const month = q.month ?? localDate(clock.now()).slice(0, 7);
    const from = startOfLocalDay(`${month}-01`);
    const to = startOfLocalDay(addLocalDays(`${month}-28`, 4).slice(0, 7) + '-01');
    const report = monthlyScoreReport(await source.month(month, from, to), q.unit, scope, rules);
    if (q.format !== 'json') return sendTables(res, q.format, `monthly-score-${q.unit}-${month}`, monthlyScoreSheets(report));
    res.json({ ...report, from, to, rules });
  });

  /** 预计办结时间 of an open case (p50 and p90 dates), for whoever may read the case. */
  router.get('/api/cases/:caseId/prediction', authorize(...CASE_READERS), validate({ params: CaseIdParams }), async (req, res) => {
    const c = await reads.caseById(req.valid.params.caseId);
    requireScope(!!c && (await canReadCase(currentUser(req), c, reads)), 'case');
    const now = clock.now();
    const subject = await source.predictionSubject(c!.id);
    requireScope(!!subject, 'case');
    res.json(await history.predict(subject!.case, subject!.pending, now));
  });

  return router;
}
