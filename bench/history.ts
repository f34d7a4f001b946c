/**
 * Historical (ended) cases in bulk, straight into the real tables with generate_series, so the
 * tracking and inbox queries run over a table of a service centre's past years: cases over three
 * counties/cities and four items (食品经营许可 with one department, 12345 work orders handled by one
 * of five departments, 危化品经营许可 county + city, 施工许可 with eight), each with its acceptance
 * and review tasks (done), opinions, events, timers (fired or cancelled), and the construction
 * permits grouped four by four into projects.
 *
 * Loaded with session_replication_role = replica: no per-row triggers (the ledger's hash chain,
 * the append-only guards) and no foreign-key checks, as a dump restore would; the values are
 * consistent by construction.
 */
import type { Pool } from '../engine/adapters/postgres/pool.ts';

export interface HistoryResult {
  cases: number;
  rows: Record<string, number>;
  seconds: number;
  /** Size of the database after loading, MiB. */
  databaseMiB: number;
}

const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

// One row per historical case of the chunk, with everything its rows derive from.
const CHUNK_CASES = `
CREATE TEMP TABLE hist_chunk ON COMMIT DROP AS
WITH n AS (SELECT n, (n * 7919) % 100 AS item_roll, (n * 104729) % 100 AS region_roll, (n * 15485863) % 100 AS status_roll FROM generate_series($1::bigint, $2::bigint) n),
a AS (
  SELECT n, ${uuidOf(`'hist-case:' || n`)} AS id,
         CASE WHEN item_roll < 45 THEN '010070001000' WHEN item_roll < 75 THEN '200150001000' WHEN item_roll < 90 THEN '010100001000' ELSE '010030001000' END AS item_code,
         CASE WHEN region_roll < 45 THEN '990121' WHEN region_roll < 85 THEN '990122' ELSE '990100' END AS region_code,
         CASE WHEN status_roll < 85 THEN 'completed' WHEN status_roll < 90 THEN 'returned' ELSE 'cancelled' END AS status,
         timestamptz '2023-03-01 09:00+08' + (n * 97 % 1095) * interval '1 day' + (n * 31 % 480) * interval '1 minute' AS created_at,
         1 + (n * 13 % 20) AS days
    FROM n
)
SELECT a.*, d.id AS definition_id, d.item->>'handlingForm' AS form,
       CASE a.item_code WHEN '010070001000' THEN ARRAY['scjg'] WHEN '200150001000' THEN ARRAY[(ARRAY['zj', 'scjg', 'jt', 'wjw', 'sthj'])[1 + a.n % 5]]
                        WHEN '010100001000' THEN ARRAY['yjgl', 'yjgl'] ELSE ARRAY['zj', 'zrzy', 'xf', 'rf', 'sthj', 'sw', 'fgw', 'jt'] END AS kinds,
       'u-hist-' || (a.n / 40 % 50000) AS applicant_id,
       CASE WHEN a.item_code = '010030001000' THEN ${uuidOf(`'hist-project:' || (a.n / 40)`)} END AS project_id,
       a.created_at + a.days * interval '1 day' AS ended_at
  FROM a JOIN LATERAL (SELECT id, item FROM definitions WHERE item_code = a.item_code ORDER BY version DESC LIMIT 1) d ON true`;

// Review task j of a case (1-based): the city's department for the city-level parts.
const REVIEW_TASKS = `
SELECT h.*, j, h.kinds[j] AS kind,
       CASE WHEN (h.item_code = '010030001000' AND j >= 7) OR (h.item_code = '010100001000' AND j = 2) THEN '990100' ELSE h.region_code END || ':' || h.kinds[j] AS department_id,
       ${uuidOf(`'hist-task:' || h.n || ':' || j`)} AS task_id,
       -- the item's own review step (the 预计办结 samples completions by element)
       CASE h.item_code WHEN '010030001000' THEN 'jointReview' WHEN '200150001000' THEN 'handle'
            WHEN '010100001000' THEN CASE WHEN j = 1 THEN 'countyPreReview' ELSE 'cityReview' END ELSE 'review' END AS element_id,
       h.created_at + interval '1 hour' + (j * 7 % h.days) * interval '1 day' AS done_at
  FROM hist_chunk h, generate_series(1, cardinality(h.kinds)) j`;

const STATEMENTS: Array<[string, string]> = [
  ['projects', `INSERT INTO projects (id, name, applicant_id, region_code, created_at)
     SELECT DISTINCT ON (project_id) project_id, '历史工程项目 ' || (n / 40), applicant_id, region_code, created_at FROM hist_chunk
      WHERE project_id IS NOT NULL ORDER BY project_id, n
     ON CONFLICT (id) DO NOTHING`],
  ['cases', `INSERT INTO cases (id, case_number, definition_id, item_code, region_code, applicant_id, form, status, accepted_at, due_at,
                                version, event_seq, created_at, updated_at, ended_at, project_id, query_code)
     SELECT id, 'H' || lpad(n::text, 10, '0'), definition_id, item_code, region_code, applicant_id, form, status,
            CASE WHEN status <> 'returned' THEN created_at + interval '1 hour' END, created_at + interval '20 days',
            4 + 2 * cardinality(kinds), 3 + 2 * cardinality(kinds), created_at, ended_at, ended_at, project_id, lpad((n * 7 % 1000000)::text, 6, '0')
       FROM hist_chunk`],
  ['tasks', `INSERT INTO tasks (id, case_id, element_id, execution_id, kind, department_id, level, assignee, lead, status, created_at, sign_due_at, due_at, signed_at, completed_at, outcome)
     SELECT ${uuidOf(`'hist-task:' || n || ':0'`)}, id, 'accept', 'accept_h', 'accept', NULL::text, NULL::text, 'window', false, 'done', created_at, NULL::timestamptz,
            created_at + interval '1 day', NULL::timestamptz, created_at + interval '1 hour', jsonb_build_object('outcome', CASE WHEN status = 'returned' THEN 'refused' ELSE 'accepted' END)
       FROM hist_chunk
     UNION ALL
     SELECT task_id, id, element_id, element_id || '_h_' || j, 'review', department_id, CASE WHEN department_id LIKE '990100:%' THEN 'city' ELSE 'county' END, NULL::text, j = 1,
            CASE WHEN status = 'returned' THEN 'cancelled' ELSE 'done' END, created_at + interval '1 hour', created_at + interval '2 days', created_at + interval '10 days',
            created_at + interval '2 hours', done_at, CASE WHEN status = 'returned' THEN NULL ELSE jsonb_build_object('decision', 'approve') END
       FROM (${REVIEW_TASKS}) r`],
  ['opinions', `INSERT INTO opinions (case_id, task_id, element_id, round, department_id, decision, basis, given_by, given_at)
     SELECT id, task_id, element_id, 1, department_id, 'approve', CASE WHEN n % 17 = 0 THEN 'timeout' ELSE 'given' END, 'u-hist-staff', done_at
       FROM (${REVIEW_TASKS}) r WHERE status <> 'returned'`],
  ['case_events', `INSERT INTO case_events (case_id, seq, type, task_id, payload, at)
     SELECT id, 1, 'applied', NULL::uuid, jsonb_build_object('itemCode', item_code), created_at FROM hist_chunk
     UNION ALL SELECT id, 2, 'accepted', NULL::uuid, '{}'::jsonb, created_at + interval '1 hour' FROM hist_chunk
     UNION ALL SELECT id, 2 + j, 'task-created', task_id, jsonb_build_object('kind', 'review', 'departmentId', department_id), created_at + interval '1 hour' FROM (${REVIEW_TASKS}) r
     UNION ALL SELECT id, 2 + cardinality(kinds) + j, 'task-completed', task_id, jsonb_build_object('decision', 'approve'), done_at FROM (${REVIEW_TASKS}) r
     UNION ALL SELECT id, 3 + 2 * cardinality(kinds), status, NULL::uuid, '{}'::jsonb, ended_at FROM hist_chunk`],
  ['case_timers', `INSERT INTO case_timers (case_id, key, kind, due_at, fired_at, cancelled_at)
     SELECT id, 'case-due', 'case-due', created_at + interval '20 days', NULL, ended_at FROM hist_chunk
     UNION ALL SELECT id, 'case-yellow', 'case-yellow', created_at + interval '19 days', CASE WHEN days > 19 THEN created_at + interval '19 days' END, CASE WHEN days <= 19 THEN ended_at END FROM hist_chunk`],
];

/** Insert `count` historical cases in chunks; `log` hears about progress. */
export async function generateHistory(pool: Pool, count: number, log: (line: string) => void, chunk = 100_000): Promise<HistoryResult> {
  const started = performance.now();
  const rows: Record<string, number> = Object.fromEntries(STATEMENTS.map(([table]) => [table, 0]));
  const client = await pool.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    for (let lo = 1; lo <= count; lo += chunk) {
      const hi = Math.min(count, lo + chunk - 1);
      await client.query('BEGIN');
      await client.query(CHUNK_CASES, [lo, hi]);
      for (const [table, sql] of STATEMENTS) rows[table] = (rows[table] ?? 0) + ((await client.query(sql)).rowCount ?? 0);
      await client.query('COMMIT');
      if (count > chunk) log(`    ${hi.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} historical cases (${Math.round((performance.now() - started) / 1000)} s)`);
    }
    await client.query(`SET session_replication_role = origin`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE cases, tasks, opinions, case_events, case_timers, projects');
  const size = await pool.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
  return { cases: count, rows, seconds: Math.round((performance.now() - started) / 100) / 10, databaseMiB: Math.round(Number(size.rows[0]!.bytes) / 2 ** 20) };
}
