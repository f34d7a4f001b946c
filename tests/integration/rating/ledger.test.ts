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
    const [head] = await rows(h.db, 'SELECT seq, entry_hash FROM ledger_entries ORDER BY seq DESC LIMIT 1');
    expect(result.head).toEqual({ seq: Number(head!.seq), hash: head!.entry_hash });
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
    expect(result.checked).toBe(Number(entry!.seq));

    // put it back: the chain holds again
    await tamper(h, 'opinions', 'opinions_append_only', `UPDATE opinions SET decision = 'reject', reasons = '["不符合条件"]' WHERE id = $1`, [rejectionId]);
    expect((await h.runtime.verifyLedger()).ok).toBe(true);
  });

  it('reports the next link when the tamperer also rewrites the opinion’s own ledger entry', async () => {
    const [entry] = await rows(h.db, 'SELECT seq FROM ledger_entries WHERE opinion_id = $1', [rejectionId]);
    const seq = Number(entry!.seq);
    await tamper(h, 'opinions', 'opinions_append_only', `UPDATE opinions SET decision = 'approve' WHERE id = $1`, [rejectionId]);
    // recompute the entry exactly as the trigger would, over the forged content
    await tamper(h, 'ledger_entries', 'ledger_append_only', `
      UPDATE ledger_entries l SET content = f.content, content_hash = f.c_hash,
             entry_hash = encode(sha256(convert_to(concat_ws('|', l.seq, l.kind, l.source_key, l.case_id, f.c_hash, l.prev_hash), 'UTF8')), 'hex')
        FROM (SELECT ledger_opinion_content(o) AS content, encode(sha256(convert_to(ledger_opinion_content(o), 'UTF8')), 'hex') AS c_hash
                FROM opinions o WHERE o.id = $1) f
       WHERE l.opinion_id = $1`, [rejectionId]);

    const result = await h.runtime.verifyLedger();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: seq + 1, reason: 'chain-broken' });
    expect(result.head.seq).toBe(seq);
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
