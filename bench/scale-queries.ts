/**
 * Issue 8, query latency over a large history: with the in-flight cases open and N historical
 * cases generated (history.ts), one client (a separate process, keep-alive, bearer token) asks
 * the API, one request at a time, for
 * - a department's inbox, its default first page of 100 (GET /api/tasks/inbox, the eight joint-review
 *   departments of 990121 in turn),
 * - a random historical case's progress (GET /api/cases/:id/progress, as the city's supervisor),
 * - a random open case's progress, which adds its 预计办结 (predicted from the departments' history),
 * - a random historical project (GET /api/projects/:id: its cases with their progress and the
 *   merged timeline, as the city's supervisor),
 * and the statements behind them are EXPLAIN ANALYZEd on a sample target, to say why.
 */
import { hashPassword } from '../api/auth/passwords.ts';
import { UserStore } from '../api/auth/user-store.ts';
import { expectStatus, type BenchRequest } from './http-client.ts';
import { generateHistory, type HistoryResult } from './history.ts';
import { runLoad } from './load.ts';
import { percentile, round } from './stats.ts';
import { CITY, PERMIT_DEPARTMENTS, type BenchApp } from './world.ts';
import { INBOX_FIRST_PAGE_SQL } from '../engine/adapters/postgres/pg-inbox-source.ts';
import { PREDICTION_SAMPLES } from '../api/read-models/prediction-history.ts';
import { PROGRESS_OPINIONS, PROGRESS_YELLOW_TIMERS } from '../api/read-models/case-progress.ts';

export interface ScaleQueriesOptions {
  historicalCases: number;
  /** Timed requests per query kind. */
  requests: number;
  warmup: number;
  /** Called once the history is loaded, before anything is timed (e.g. wait for a quiet machine). */
  settle?: () => Promise<void>;
}

export interface QueryLatency {
  query: string;
  requests: number;
  failed: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Rows in a typical answer (inbox tasks, project cases). */
  answerSize: string;
}

export interface ExplainedStatement {
  name: string;
  executionMs: number;
  /** The plan's node lines (EXPLAIN ANALYZE, costs off). */
  plan: string[];
}

export interface ScaleQueriesResult {
  history: HistoryResult;
  openCases: number;
  openTasksPerDepartment: Record<string, number>;
  queries: QueryLatency[];
  explained: ExplainedStatement[];
}

const PASSWORD = 'bench only: scale queries';

export async function measureScaleQueries(app: BenchApp, options: ScaleQueriesOptions, log: (line: string) => void): Promise<ScaleQueriesResult> {
  log(`  generating ${options.historicalCases.toLocaleString('en-US')} historical cases …`);
  const history = await generateHistory(app.pool, options.historicalCases, log);
  log(`  ${JSON.stringify(history.rows)} in ${history.seconds} s; database ${history.databaseMiB} MiB`);
  // Loading wrote gigabytes: flush them now, or the checkpointer writes them during the timed requests.
  await app.pool.query('CHECKPOINT');
  await options.settle?.();

  const store = new UserStore(app.pool);
  if (!(await app.pool.query(`SELECT 1 FROM users WHERE username = 'scale-supervisor'`)).rowCount) {
    await store.create({ id: 'u-scale-supervisor', username: 'scale-supervisor', passwordHash: await hashPassword(PASSWORD), displayName: '市监察室', role: 'supervisor', regionCode: CITY, departmentId: null });
  }
  const supervisor = expectStatus(await app.http.post<{ token: string }>('/api/auth/login', { username: 'scale-supervisor', password: PASSWORD, client: 'bearer' }), 200, 'login supervisor').token;

  // Random targets, the same each run (a repeatable sample of the table).
  const wanted = options.requests + options.warmup;
  const percent = Math.min(100, (300 * wanted) / options.historicalCases);
  const caseIds = (await app.pool.query<{ id: string }>(
    `SELECT id FROM cases TABLESAMPLE BERNOULLI (${percent}) REPEATABLE (8) WHERE case_number LIKE 'H%' ORDER BY md5(id::text) LIMIT $1`, [wanted])).rows.map((r) => r.id);
  const projectIds = (await app.pool.query<{ id: string }>(
    `SELECT id FROM projects TABLESAMPLE BERNOULLI (${Math.min(100, percent * 30)}) REPEATABLE (8) WHERE name LIKE '历史工程项目%' ORDER BY md5(id::text) LIMIT $1`, [wanted])).rows.map((r) => r.id);
  // Open cases in joint review: their progress carries a 预计办结 from the departments' history.
  const openCaseIds = (await app.pool.query<{ id: string }>(
    `SELECT c.id FROM cases c WHERE c.status = 'running' AND c.accepted_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status IN ('open', 'signed') AND t.department_id IS NOT NULL)
      ORDER BY md5(c.id::text) LIMIT $1`, [wanted])).rows.map((r) => r.id);
  if (caseIds.length === 0 || projectIds.length === 0 || openCaseIds.length === 0) throw new Error('no historical cases, projects or open cases to query');

  const open = await app.pool.query<{ department_id: string; n: number }>(
    `SELECT department_id, count(*)::int AS n FROM tasks WHERE status IN ('open', 'signed') AND department_id = ANY($1) GROUP BY department_id`, [[...PERMIT_DEPARTMENTS]]);
  const openCases = (await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status = 'running'`)).rows[0]!.n;

  const requestsOf = (make: (i: number) => BenchRequest, n: number, offset = 0) => Array.from({ length: n }, (_, i) => make(i + offset));
  const kinds: Array<{ query: string; make: (i: number) => BenchRequest; size: () => Promise<string> }> = [
    {
      query: 'GET /api/tasks/inbox (a 990121 joint-review department, default first page of 100)',
      make: (i) => ({ method: 'GET', path: '/api/tasks/inbox', token: app.users.departments.get(PERMIT_DEPARTMENTS[i % PERMIT_DEPARTMENTS.length]!) }),
      size: async () => {
        const sizes = open.rows.map((r) => r.n);
        return `100 of ${Math.min(...sizes, Infinity)}–${Math.max(...sizes, 0)} open tasks per inbox`;
      },
    },
    {
      query: 'GET /api/cases/:id/progress (random historical case)',
      make: (i) => ({ method: 'GET', path: `/api/cases/${caseIds[i % caseIds.length]}/progress`, token: supervisor }),
      size: async () => 'one case, 2–9 tasks',
    },
    {
      query: 'GET /api/cases/:id/progress (random open case in joint review, with its 预计办结)',
      make: (i) => ({ method: 'GET', path: `/api/cases/${openCaseIds[i % openCaseIds.length]}/progress`, token: supervisor }),
      size: async () => `one case, ${PREDICTION_SAMPLES} latest completions per pending department`,
    },
    {
      query: 'GET /api/projects/:id (random historical project)',
      make: (i) => ({ method: 'GET', path: `/api/projects/${projectIds[i % projectIds.length]}`, token: supervisor }),
      size: async () => {
        const { rows } = await app.pool.query<{ avg: string }>(`SELECT round(avg(n), 1)::text AS avg FROM (SELECT count(*) AS n FROM cases WHERE project_id = ANY($1::uuid[]) GROUP BY project_id) x`, [projectIds]);
        return `${rows[0]?.avg ?? '?'} cases per project`;
      },
    },
  ];
  const queries: QueryLatency[] = [];
  for (const kind of kinds) {
    const load = await runLoad({
      baseUrl: app.baseUrl, concurrency: 1,
      warmup: requestsOf(kind.make, options.warmup, options.requests), timed: requestsOf(kind.make, options.requests),
    });
    if (load.failed > 0) throw new Error(`${kind.query}: ${load.failed} failed: ${load.failures.join('\n')}`);
    const lat = load.latenciesMs;
    queries.push({
      query: kind.query, requests: load.ok, failed: load.failed, answerSize: await kind.size(),
      latencyMs: { p50: round(percentile(lat, 50), 2), p90: round(percentile(lat, 90), 2), p99: round(percentile(lat, 99), 2), max: round(Math.max(...lat), 2) },
    });
    log(`  ${kind.query}: p50 ${queries.at(-1)!.latencyMs.p50} ms, p99 ${queries.at(-1)!.latencyMs.p99} ms`);
  }

  const explained = await explainAll(app, PERMIT_DEPARTMENTS[2]!, caseIds[0]!, projectIds[0]!);
  return { history, openCases, openTasksPerDepartment: Object.fromEntries(open.rows.map((r) => [r.department_id, r.n])), queries, explained };
}

/** The statements behind the three queries, as their read models send them. */
async function explainAll(app: BenchApp, departmentId: string, caseId: string, projectId: string): Promise<ExplainedStatement[]> {
  const statements: Array<[string, string, unknown[]]> = [
    // As the API sends it: one row more than the page, to know whether another follows.
    ['inbox: first page of a department (101 rows) with its open tasks counted (the badge)', INBOX_FIRST_PAGE_SQL, [departmentId, 101]],
    ['progress: tasks of a case', 'SELECT * FROM tasks WHERE case_id = $1 ORDER BY created_at, execution_id', [caseId]],
    ['progress: opinions of a case', PROGRESS_OPINIONS.text, [[caseId]]],
    ['progress: yellow timers of a case', PROGRESS_YELLOW_TIMERS.text, [[caseId]]],
    ['project: its cases', 'SELECT * FROM cases WHERE project_id = $1 ORDER BY created_at, case_number', [projectId]],
    ['project: tasks of its cases', 'SELECT t.* FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.project_id = $1 ORDER BY t.created_at, t.execution_id', [projectId]],
    ['project: merged timeline', `SELECT e.case_id, c.case_number, c.item_code, e.seq, e.type, e.task_id, e.at, e.payload
         FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.project_id = $1 ORDER BY e.at, c.created_at, c.case_number, e.seq`, [projectId]],
  ];
  const out: ExplainedStatement[] = [];
  for (const [name, sql, params] of statements) {
    const { rows } = await app.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
    const lines = rows.map((r) => r['QUERY PLAN']);
    const exec = lines.find((l) => l.startsWith('Execution Time'));
    out.push({ name, executionMs: exec ? Number(/([\d.]+) ms/.exec(exec)?.[1]) : Number.NaN, plan: lines.filter((l) => !/^(Planning|Execution) Time/.test(l)).map((l) => l.trimEnd()) });
  }
  return out;
}

