/**
 * What PostgreSQL writes for one department's opinion, read back from the WAL (pg_walinspect):
 * the bench's opinion load is bound by CPU, and every index entry and row version an opinion
 * writes is PostgreSQL CPU and WAL spent on each of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndAccept, createHarness, ITEM, REGION, rows, type Harness } from '../../support/runtime-harness.ts';

interface WalRecord { kind: string; relation: string | null }

/** The WAL records of the transaction that wrote `xid`, each with the relation its first block belongs to. */
async function recordsOf(h: Harness, from: string, to: string, xid: string): Promise<WalRecord[]> {
  return rows<WalRecord>(h.db, `
    SELECT w.resource_manager || '/' || w.record_type AS kind, c.relname AS relation
      FROM pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn) w
      LEFT JOIN LATERAL (SELECT (regexp_match(w.block_ref, 'rel \\d+/\\d+/(\\d+)'))[1]::oid AS filenode) b ON true
      LEFT JOIN pg_class c ON c.oid = pg_filenode_relation(0, b.filenode)
     WHERE w.xid = $3::xid`, [from, to, xid]);
}

/** The relations of the records of a kind (and of relations matching `relation`), sorted. */
const relationsOf = (records: WalRecord[], kind: RegExp, relation?: RegExp) =>
  records.filter((r) => kind.test(r.kind) && (!relation || relation.test(r.relation ?? ''))).map((r) => r.relation).sort();

describe('an opinion, as PostgreSQL writes it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  });
  afterAll(async () => { await h.close(); });

  const text = async (sql: string, params: unknown[] = []) => (await rows<{ v: string }>(h.db, sql, params))[0]!.v;

  /** Four cases in joint review, every department signed for; then the first department's opinion on each, with its WAL records. */
  async function opinionsOnFourCases(): Promise<WalRecord[][]> {
    const cases = [];
    // One after another, so that their rows share pages as a busy day's cases do.
    for (let i = 0; i < 4; i += 1) cases.push(await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: `ent-wal-${i}` }));
    for (const accepted of cases) {
      for (const t of accepted.openTasks.filter((t) => t.elementId === 'jointReview')) await h.runtime.signFor({ caseId: accepted.caseId, taskId: t.id, actor: 'r' });
    }
    const written: WalRecord[][] = [];
    for (const accepted of cases) {
      const task = accepted.openTasks.find((t) => t.elementId === 'jointReview')!;
      const from = await text('SELECT pg_current_wal_insert_lsn()::text AS v');
      await h.runtime.giveOpinion({ caseId: accepted.caseId, taskId: task.id, decision: 'approve', actor: 'r' });
      const to = await text('SELECT pg_current_wal_flush_lsn()::text AS v');
      const xid = await text('SELECT xmin::text AS v FROM opinions WHERE task_id = $1', [task.id]);
      written.push(await recordsOf(h, from, to, xid));
    }
    return written;
  }

  let written: WalRecord[][];
  beforeAll(async () => { written = await opinionsOnFourCases(); });

  it('rewrites the case row in place, with no new entry in any index of cases', () => {
    for (const records of written) {
      expect(relationsOf(records, /^Heap\/HOT_UPDATE$/, /^cases$/)).toEqual(['cases']);
      expect(relationsOf(records, /^Heap\/UPDATE/, /^cases$/)).toEqual([]);
      expect(relationsOf(records, /^Btree\/INSERT_(LEAF|POST)$/, /^cases_/)).toEqual([]);
    }
  });

  it('adds index entries only where something reads them: four for its ledger entry, thirteen in all', () => {
    for (const records of written) {
      expect(relationsOf(records, /^Btree\/INSERT_(LEAF|POST)$/)).toEqual([
        'case_events_pkey', // the timeline's event, by (case_id, seq)
        'case_timers_pkey', 'case_timers_pkey', // the department's warning and limit, cancelled
        'ledger_entries_case_chain', 'ledger_entries_pkey', 'ledger_entries_source_key_key', 'ledger_entries_xid',
        'opinions_case', 'opinions_pkey', 'opinions_task_department_key',
        'tasks_case_id_execution_id_key', 'tasks_department_done', 'tasks_pkey', // the task, done
      ]);
    }
  });
});
