/**
 * Who starts a case of an item (approval:startedBy): applicants apply, the 12345 hotline
 * registers its orders, the platform opens a 差评核查 from a 不满意 rating — and nobody starts
 * another's item. Versions deployed before the attribute existed get it from migration 077.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ITEM, REGION, type Harness } from '../../support/runtime-harness.ts';

describe('who starts a case of an item', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('reads the starter of each bundled item from its BPMN', async () => {
    const starters = Object.fromEntries(await Promise.all(Object.values(ITEM).map(async (code) => [code, (await h.runtime.env.definitions.latest(code))!.item.startedBy])));
    expect(starters).toEqual({
      [ITEM.constructionPermit]: 'applicant', [ITEM.foodBusinessLicence]: 'applicant', [ITEM.hazardousChemicals]: 'applicant',
      [ITEM.workOrder12345]: 'hotline', [ITEM.ratingVerification]: 'system',
    });
  });

  it('refuses to start an item as anyone but its own starter, naming the item code', async () => {
    const count = async () => (await h.db.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n as number;
    const before = await count();
    const attempts = [
      { itemCode: ITEM.workOrder12345, startedBy: undefined },
      { itemCode: ITEM.ratingVerification, startedBy: 'applicant' as const },
      { itemCode: ITEM.ratingVerification, startedBy: 'hotline' as const },
      { itemCode: ITEM.constructionPermit, startedBy: 'hotline' as const },
    ];
    for (const a of attempts) {
      await expect(h.runtime.startCase({ ...a, regionCode: REGION.county, applicantId: 'someone' })).rejects.toMatchObject({ code: 'validation_failed', problems: [{ path: 'itemCode' }] });
    }
    expect(await count()).toBe(before);
    await expect(h.runtime.startCase({ itemCode: ITEM.workOrder12345, startedBy: 'hotline', regionCode: REGION.county, applicantId: 'caller:1' })).resolves.toMatchObject({ status: 'running' });
  });

  it('gives versions deployed before the attribute their starter (migration 077)', async () => {
    await h.db.pool.query(`UPDATE definitions SET item = item - 'startedBy'`);
    await h.db.pool.query(await readFile(new URL('../../../engine/adapters/postgres/migrations/077_item_started_by.sql', import.meta.url), 'utf8'));
    const { rows } = await h.db.pool.query(`SELECT DISTINCT item_code, item->>'startedBy' AS starter FROM definitions ORDER BY item_code`);
    expect(Object.fromEntries(rows.map((r) => [r.item_code, r.starter]))).toEqual({
      [ITEM.constructionPermit]: 'applicant', [ITEM.foodBusinessLicence]: 'applicant', [ITEM.hazardousChemicals]: 'applicant',
      [ITEM.workOrder12345]: 'hotline', [ITEM.ratingVerification]: 'system',
    });
  });
});
