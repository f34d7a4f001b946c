/**
 * The statements a command sends must not read more than its own case, however big the tables
 * grow. They are named prepared statements, so PostgreSQL soon runs them with a generic plan,
 * chosen without the parameters' values: a plan that scans a whole table (every task of every
 * case) is cheap only while the table is small, and its cost then grows with the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../engine/runtime/command-result.ts';
import { applyAndAccept, createHarness, holdMeeting, ITEM, REGION, reviewAll, rows, taskOf, type Harness } from '../../support/runtime-harness.ts';
import { statementsDuring } from '../../support/statements-during.ts';

// The tables that grow with the cases (those of a handful of rows here may well be read whole).
const GROWING = ['cases', 'tasks', 'case_timers', 'case_events', 'opinions', 'meetings', 'meeting_attendance', 'ledger_entries', 'accountability_records', 'command_log'];

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] }

/** Tables a plan reads whole: a sequential scan, or an index walked from end to end (no condition). */
const scans = (node: PlanNode, found: string[] = []): string[] => {
  const whole = node['Node Type'] === 'Seq Scan' || (/^Index (Only )?Scan$/.test(node['Node Type']) && !node['Index Cond']);
  if (whole && node['Relation Name']) found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) scans(child, found);
  return found;
};

/** The growing tables each statement's generic plan reads whole. */
async function wholeReads(h: Harness, statements: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const text of new Set(statements)) {
    const { rows: plan } = await h.db.pool.query(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${text}`);
    for (const table of scans(plan[0]['QUERY PLAN'][0].Plan)) if (GROWING.includes(table)) found.push(`${table}: ${text.slice(0, 120)}`);
  }
  return found;
}

// What the app sent: reads and writes with parameters (not BEGIN/COMMIT, not the harness's own).
const ofTheApp = (sent: string[]) => sent.filter((s) => /^(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.test(s) && s.includes('$1'));

describe('the statements of a command', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    // Other cases, as on any node after a few days: 300 copies of one whole case with its tasks,
    // timers, opinions and meetings (thousands of rows, a few dozen per case). A copy's ids are
    // derived from the copy and the original's, so references between the copied rows hold.
    const seed = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-seed' });
    await reviewAll(h.runtime, seed, 'jointReview');
    await holdMeeting(h, seed.caseId);
    const copy = (row: string, column: string) => `'${column}', md5(k.id::text || ${row}.${column}::text)::uuid`;
    await h.db.pool.query(
      `CREATE TEMP TABLE copies AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, 300) g;
       INSERT INTO cases SELECT (jsonb_populate_record(c, jsonb_build_object('id', k.id, 'case_number', c.case_number || '-' || k.g))).*
         FROM cases c, copies k WHERE c.id = '${seed.caseId}';
       INSERT INTO tasks SELECT (jsonb_populate_record(t, jsonb_build_object(${copy('t', 'id')}, 'case_id', k.id, 'status', 'done'))).*
         FROM tasks t, copies k WHERE t.case_id = '${seed.caseId}';
       INSERT INTO case_timers SELECT (jsonb_populate_record(y, jsonb_build_object('case_id', k.id, ${copy('y', 'task_id')}))).*
         FROM case_timers y, copies k WHERE y.case_id = '${seed.caseId}';
       INSERT INTO opinions (case_id, task_id, element_id, round, department_id, decision, basis, reasons, conditions, materials, given_by, given_at)
         SELECT k.id, md5(k.id::text || o.task_id::text)::uuid, element_id, round, department_id, decision, basis, reasons, conditions, materials, given_by, given_at
           FROM opinions o, copies k WHERE o.case_id = '${seed.caseId}';
       INSERT INTO meetings SELECT (jsonb_populate_record(m, jsonb_build_object(${copy('m', 'id')}, 'case_id', k.id, ${copy('m', 'task_id')}))).*
         FROM meetings m, copies k WHERE m.case_id = '${seed.caseId}';
       INSERT INTO meeting_attendance SELECT (jsonb_populate_record(a, jsonb_build_object(${copy('a', 'meeting_id')}))).*
         FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id, copies k WHERE m.case_id = '${seed.caseId}';
       ANALYZE`);
    // Statistics lag: they were taken when no copy had an open task (all copied as done); now each
    // has its eight review tasks open (a busy morning after a quiet night, before autovacuum
    // analyses again). The open-task partial indexes then look empty to the planner, though
    // they hold 2,400 entries.
    await h.db.pool.query(`UPDATE tasks SET status = 'open' WHERE element_id = 'jointReview' AND case_id IN (SELECT id FROM copies)`);
  });
  afterAll(async () => { await h.close(); });

  it('read no growing table whole when a department signs for and gives its opinion, even in their generic plans', async () => {
    const accepted = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-plans' });
    const [task] = accepted.openTasks.filter((t) => t.elementId === 'jointReview');
    const sent = await statementsDuring(async () => {
      await h.runtime.signFor({ caseId: accepted.caseId, taskId: task!.id, actor: 'r' });
      await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task!.id, decision: 'approve', actor: 'r' });
    });
    expect(sent.filter((s) => s.startsWith('WITH moved'))).toHaveLength(2);
    expect(await wholeReads(h, ofTheApp(sent))).toEqual([]);
  });

  it('read no growing table whole through a whole case, from application to 办结, on nodes that rebuild every engine', async () => {
    const cold = () => h.newRuntime({ settings: { engineCacheSize: 0 } });
    const sent: string[] = [];
    const during = async <T>(work: () => Promise<T>): Promise<T> => {
      let result!: T;
      sent.push(...await statementsDuring(async () => { result = await work(); }));
      return result;
    };
    const accepted = await during(() => applyAndAccept(cold(), ITEM.constructionPermit, REGION.county, { applicantId: 'ent-whole' }));
    const reviewed = await during(() => reviewAll(cold(), accepted, 'jointReview'));
    const meeting = taskOf(reviewed, 'jointMeeting');
    await during(() => cold().scheduleMeeting({ caseId: accepted.caseId, taskId: meeting.id, at: h.clock.now(), place: '联审会议室', actor: 'lead' }));
    const invited = await rows<{ department_id: string }>(h.db,
      'SELECT department_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.task_id = $1', [meeting.id]);
    const met: CommandResult = await during(() => cold().closeMeeting({
      caseId: accepted.caseId, taskId: meeting.id, decision: 'approved', attendance: Object.fromEntries(invited.map((r) => [r.department_id, true])), actor: 'lead',
    }));
    const done = await during(() => cold().completeTask({ caseId: accepted.caseId, taskId: taskOf(met, 'issuePermit').id, outcome: 'approved', actor: 'lead' }));
    expect(done.status).toBe('completed');
    expect(new Set(ofTheApp(sent)).size).toBeGreaterThan(15);
    expect(await wholeReads(h, ofTheApp(sent))).toEqual([]);
  });
});
