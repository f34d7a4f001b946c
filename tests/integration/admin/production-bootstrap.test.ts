import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../../api/admin/create-admin.ts';
import { importOrg } from '../../../api/admin/org-import.ts';
import { checkPassword } from '../../../api/auth/passwords.ts';
import { UserStore } from '../../../api/auth/user-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const ORG = {
  regions: [
    { code: '880101', name: '南湖县', level: 'county', parentCode: '880100' },
    { code: '880000', name: '另一省', level: 'province', parentCode: null },
    { code: '880100', name: '北江市', level: 'city', parentCode: '880000' },
  ],
};

describe('bootstrapping a production centre (no demo users there)', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('imports regions parents first, each with the department kinds of its level, and again changes nothing', async () => {
    expect(await importOrg(db.pool, ORG)).toEqual({ regions: 3 });
    const { rows } = await db.pool.query(`SELECT id FROM departments WHERE region_code = '880101' AND kind IN ('xf', 'zj', 'zfb') ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(['880101:xf', '880101:zj']);
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM departments')).rows[0].n;
    await importOrg(db.pool, ORG);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM departments')).rows[0].n).toBe(before);
  });

  it('refuses a file with a wrong hierarchy naming each entry, and writes nothing', async () => {
    const bad = { regions: [{ code: '770101', name: '某县', level: 'county', parentCode: '770000' }, { code: '770000', name: '某省', level: 'province' }] };
    await expect(importOrg(db.pool, bad)).rejects.toMatchObject({
      code: 'validation_failed', problems: [{ path: 'regions.0.parentCode', reason: 'a county belongs to a city, not a province' }],
    });
    expect((await db.pool.query(`SELECT 1 FROM regions WHERE code LIKE '77%'`)).rowCount).toBe(0);
    await expect(importOrg(db.pool, { regions: [{ code: 'x', name: '', level: 'village' }] })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('creates the first administrator with a password shown once and stored as argon2id', async () => {
    const { password } = await createAdmin(db.pool, { username: 'centre-admin', regionCode: '880000' });
    const found = await new UserStore(db.pool).byUsername('centre-admin');
    expect(found?.user.role).toBe('admin');
    expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await checkPassword(found?.passwordHash, password)).toBe(true);
    await expect(createAdmin(db.pool, { username: 'centre-admin', regionCode: '123456' })).rejects.toMatchObject({
      problems: [{ path: 'regionCode', reason: expect.stringContaining('no region') }, { path: 'username', reason: 'already taken' }],
    });
  });
});
