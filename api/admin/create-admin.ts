/** The first administrator of a production centre (demo users are refused there). */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { ValidationError } from '../../engine/errors/domain-error.ts';
import { hashPassword } from '../auth/passwords.ts';
import { UserStore } from '../auth/user-store.ts';

/** Create an admin in `regionCode`; returns the generated password, to be shown once. */
export async function createAdmin(pool: Pool, input: { username: string; regionCode: string; displayName?: string }): Promise<{ password: string }> {
  const problems = [];
  if (!/^[\w.@-]{3,100}$/.test(input.username)) problems.push({ path: 'username', reason: '3–100 letters, digits, . _ @ -' });
  const region = await pool.query('SELECT 1 FROM regions WHERE code = $1', [input.regionCode]);
  if (!region.rowCount) problems.push({ path: 'regionCode', reason: `no region "${input.regionCode}" (import the organisation first)` });
  const users = new UserStore(pool);
  if (await users.byUsername(input.username)) problems.push({ path: 'username', reason: 'already taken' });
  if (problems.length) throw new ValidationError('cannot create the administrator', problems);
  const password = randomBytes(12).toString('base64url');
  await users.create({
    id: `u-${randomUUID()}`, username: input.username, passwordHash: await hashPassword(password), displayName: input.displayName ?? input.username,
    role: 'admin', regionCode: input.regionCode, departmentId: null,
  });
  return { password };
}
