import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAndAccept, createHarness, holdMeeting, ITEM, REGION, reviewAll, rows, type Harness,
} from '../../support/runtime-harness.ts';

/** Run SQL as the database owner (a superuser here) with an append-only trigger switched off. */
async function tamper(h: Harness, table: string, trigger: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = await h.db.pool.connect();
  try {
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await client.query(sql, params);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  } finally {
    client.release();
  }
}

describe('the tamper-evident ledger of opinions, default consents and ratings', () => {
  let h: Harness;
  let rejectionId: number;
  beforeAll(async () => {
    h = await createHarness('2026-04-01T09:00:00+08:00');
    // (a) a joint review in which every department misses its 1-day sign-for limit: 8 default consents
    const permit = await applyAndAccept(h.runtime, ITEM.constructionPermit, REGION.county, { applicantId: 'ent-permit' });
    h.clock.set('2026-04-03T09:00:00+08:00');
    await h.runtime.runDueTimers();
    await holdMeeting(h, permit.caseId);
    // (b) a food licence rejected by the market regulator: one given opinion, the case returned and rated
    const food = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: 'ent-food' });
    await reviewAll(h.runtime, food, 'review', 'reject');
    await h.runtime.rateCase({ caseId: food.caseId, applicantId: 'ent-food', level: '不满意' });
    // (c) a later opinion, so the rejection is not the last link
    const later = await applyAndAccept(h.runtime, ITEM.foodBusinessLicence, REGION.county, { applicantId: 'ent-later' });
    await reviewAll(h.runtime, later, 'review');
    const [rejection] = await rows(h.db, `SELECT id FROM opinions WHERE case_id = $1`, [food.caseId]);
    rejectionId = Number(rejection!.id);
  });
  afterAll(async () => { await h.close(); });

  it('chains every opinion, default consent and rating as it is stored, and verifies intact', async () => {
    const kinds = await rows(h.db, 'SELECT kind, count(*)::int AS n FROM ledger_entries GROUP BY kind ORDER BY kind');
    const defaults = await rows(h.db, `SELECT count(*)::int AS n FROM opinions WHERE basis <> 'given'`);
    expect(defaults[0]!.n).toBeGreaterThanOrEqual(8);
    expect(kinds).toEqual([
      { kind: 'default-consent', n: defaults[0]!.n },
      { kind: 'opinion', n: 2 },
      { kind: 'rating', n: 1 },
    ]);
    const result = await h.runtime.verifyLedger();
    expect(result).toMatchObject({ ok: true, checked: defaults[0]!.n + 3, firstBroken: null, unledgered: [] });
    // verifying anchored every entry first: the head is the newest anchor, covering them all
    const anchors = await rows(h.db, 'SELECT seq, anchor_hash, entries::int FROM ledger_anchors ORDER BY seq');
    expect(anchors.reduce((n, a) => n + Number(a.entries), 0)).toBe(defaults[0]!.n + 3);
    expect(result.head).toEqual({ seq: Number(anchors.at(-1)!.seq), hash: anchors.at(-1)!.anchor_hash });
    expect(result.anchors).toBe(anchors.length);
  });

  it('chains each case on its own: a case’s entries link only to each other, numbered from 1', async () => {
    const chains = await rows(h.db, `
      SELECT case_id, array_agg(case_seq ORDER BY case_seq) AS seqs,
             bool_and(prev_hash = coalesce(prev, repeat('0', 64))) AS linked
        FROM (SELECT case_id, case_seq, prev_hash, lag(entry_hash) OVER (PARTITION BY case_id ORDER BY case_seq) AS prev FROM ledger_entries) e
       GROUP BY case_id`);
    expect(chains.length).toBe(3);
    for (const c of chains) {
      expect(c.seqs).toEqual(c.seqs.map((_: number, i: number) => i + 1));
      expect(c.linked).toBe(true);
    }
  });

  it('lets two cases store opinions at the same time: an open append on one case does not hold up another', async () => {
    const [a, b] = await rows(h.db, `
      SELECT DISTINCT ON (t.case_id) t.id, t.case_id FROM tasks t WHERE t.element_id <> 'forged' ORDER BY t.case_id, t.id LIMIT 2`);
    const first = await h.db.pool.connect();
    const second = await h.db.pool.connect();
    const insert = `INSERT INTO opinions (case_id, task_id, element_id, round, decision, basis, given_at) VALUES ($1, $2, 'concurrent', 9, 'approve', 'given', now())`;
    try {
      await first.query('BEGIN');
      await first.query(insert, [a!.case_id, a!.id]);
      await second.query('BEGIN');
      await second.query(`SET LOCAL lock_timeout = '2s'`);
      await second.query(insert, [b!.case_id, b!.id]); // with one global chain this waited for the first to end
      await second.query('ROLLBACK');
    } finally {
      await first.query('ROLLBACK');
      first.release();
      second.release();
    }
  });

  it('keeps two cases apart even when their ids share a 32-bit hash: an open append on one does not hold up the other', async () => {
    // ~10 pairs expected among 400,000 random ids (birthday bound on 32 bits)
    const [pair] = await rows(h.db, `
      SELECT (array_agg(id))[1] AS a, (array_agg(id))[2] AS b FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 400000)) g
       GROUP BY hashtext(id::text) HAVING count(*) > 1 LIMIT 1`);
    expect(pair).toBeDefined();
    const [source] = await rows(h.db, `SELECT t.id AS task_id, t.case_id FROM tasks t LIMIT 1`);
    // Each transaction copies a case under one of the two ids and stores an opinion on it (its
    // ledger entry takes the case's lock), both rolled back.
    const storeOn = async (client: pg.PoolClient, caseId: string) => {
      await client.query(`INSERT INTO cases SELECT * FROM jsonb_populate_record(null::cases,
        (SELECT to_jsonb(c) FROM cases c WHERE c.id = $2) || jsonb_build_object('id', $1::uuid, 'case_number', 'T' || left(md5($1::text), 12), 'query_code', NULL))`,
      [caseId, source!.case_id]);
      await client.query(`INSERT INTO opinions (case_id, task_id, element_id, round, decision, basis, given_at) VALUES ($1, $2, 'collision', 9, 'approve', 'given', now())`,
        [caseId, source!.task_id]);
    };
    const first = await h.db.pool.connect();
    const second = await h.db.pool.connect();
    try {
      await first.query('BEGIN');
      await storeOn(first, pair!.a as string);
      await second.query('BEGIN');
      await second.query(`SET LOCAL lock_timeout = '1s'`);
      await storeOn(second, pair!.b as string); // with hashtext's 32-bit key: lock timeout
      await second.query('ROLLBACK');
    } finally {
      await first.query('ROLLBACK');
      first.release();
      second.release();
    }
  });

  it('refuses to change a ledger entry through ordinary SQL', async () => {
    await expect(h.db.pool.query(`UPDATE ledger_entries SET content = '{}' WHERE seq = 1`)).rejects.toThrow('append-only');
    await expect(h.db.pool.query('DELETE FROM ratings')).rejects.toThrow('append-only');
  });

  it('reports the entry of an opinion changed directly in the database, naming the changed field', async () => {
    await tamper(h, 'opinions', 'opinions_append_only', `UPDATE opinions SET decision = 'approve', reasons = '[]' WHERE id = $1`, [rejectionId]);
    const [entry] = await rows(h.db, 'SELECT seq FROM ledger_entries WHERE opinion_id = $1', [rejectionId]);

    const result = await h.runtime.verifyLedger();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: Number(entry!.seq), kind: 'opinion', sourceKey: `opinion:${rejectionId}`, reason: 'content-changed' });
    expect(result.firstBroken!.changedFields).toEqual([
      { field: 'reasons', recorded: ['不符合条件'], current: [] },
      { field: 'decision', recorded: 'reject', current: 'approve' },
    ]);
    // entries are checked in append order
    const [position] = await rows(h.db, 'SELECT count(*)::int AS n FROM ledger_entries WHERE seq <= $1', [entry!.seq]);
    expect(result.checked).toBe(position!.n);

    // put it back: the chain holds again
    await tamper(h, 'opinions', 'opinions_append_only', `UPDATE opinions SET decision = 'reject', reasons = '["不符合条件"]' WHERE id = $1`, [rejectionId]);
    expect((await h.runtime.verifyLedger()).ok).toBe(true);
  });

  it('reports the anchor when the newest entry of a case is removed, which no case chain can show', async () => {
    const [last] = await rows(h.db, `
      SELECT l.seq, l.opinion_id, l.rating_case_id FROM ledger_entries l
       WHERE l.case_seq = (SELECT max(case_seq) FROM ledger_entries m WHERE m.case_id = l.case_id) AND l.opinion_id IS NOT NULL
         AND l.case_id <> (SELECT case_id FROM opinions WHERE id = $1)
       ORDER BY l.seq DESC LIMIT 1`, [rejectionId]);
    const anchored = await rows(h.db, 'SELECT seq FROM ledger_anchors WHERE xid_from <= (SELECT xid FROM ledger_entries WHERE seq = $1) AND xid_to > (SELECT xid FROM ledger_entries WHERE seq = $1)', [last!.seq]);
    expect(anchored.length).toBe(1);
    await tamper(h, 'ledger_entries', 'ledger_append_only', 'DELETE FROM ledger_entries WHERE seq = $1', [last!.seq]);
    await tamper(h, 'opinions', 'opinions_append_only', 'DELETE FROM opinions WHERE id = $1', [last!.opinion_id]);

    const result = await h.runtime.verifyLedger();
    expect(result.firstBroken).toMatchObject({ kind: 'anchor', seq: Number(anchored[0]!.seq), reason: 'anchor-mismatch' });
    expect(result.ok).toBe(false);
  });

  it('reports the next link when the tamperer also rewrites the opinion’s own ledger entry', async () => {
    const [entry] = await rows(h.db, 'SELECT seq FROM ledger_entries WHERE opinion_id = $1', [rejectionId]);
    const seq = Number(entry!.seq);
    await tamper(h, 'opinions', 'opinions_append_only', `UPDATE opinions SET decision = 'approve' WHERE id = $1`, [rejectionId]);
    // recompute the entry exactly as the trigger would, over the forged content
    await tamper(h, 'ledger_entries', 'ledger_append_only', `
      UPDATE ledger_entries l SET content = f.content, content_hash = f.c_hash,
             entry_hash = encode(sha256(convert_to(concat_ws('|', l.case_seq, l.kind, l.source_key, l.case_id, f.c_hash, l.prev_hash), 'UTF8')), 'hex')
        FROM (SELECT ledger_opinion_content(o) AS content, encode(sha256(convert_to(ledger_opinion_content(o), 'UTF8')), 'hex') AS c_hash
                FROM opinions o WHERE o.id = $1) f
       WHERE l.opinion_id = $1`, [rejectionId]);

    // the next link of the same case (the rating of that case) no longer fits
    const [next] = await rows(h.db, `
      SELECT n.seq FROM ledger_entries l JOIN ledger_entries n ON n.case_id = l.case_id AND n.case_seq = l.case_seq + 1 WHERE l.seq = $1`, [seq]);
    expect(next).toBeDefined();

    const result = await h.runtime.verifyLedger();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: Number(next!.seq), kind: 'rating', reason: 'chain-broken' });
  });

  it('lists an opinion stored while the ledger trigger was switched off', async () => {
    const [task] = await rows(h.db, `SELECT t.id, t.case_id FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM opinions o WHERE o.task_id = t.id) LIMIT 1`);
    await tamper(h, 'opinions', 'opinions_ledger', `
      INSERT INTO opinions (case_id, task_id, element_id, round, decision, basis, given_at)
      VALUES ($1, $2, 'forged', 1, 'approve', 'given', now())`, [task!.case_id, task!.id]);
    const result = await h.runtime.verifyLedger();
    expect(result.unledgered).toEqual([expect.objectContaining({ kind: 'opinion', caseId: task!.case_id })]);
  });
});
