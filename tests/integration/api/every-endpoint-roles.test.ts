/**
 * Every documented endpoint (the list the OpenAPI document is built from, which its own test
 * keeps equal to the mounted routes) × every role: 401 without a session for non-public
 * endpoints, 403 for each role the endpoint does not admit — before any body is looked at — and
 * for admitted roles neither 401/403 nor a server error, even with ids that do not exist.
 * Scope (own vs other region or department) is checked per resource in the other API tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../../api/openapi/operations.ts';
import { ROLES, type Role } from '../../../api/auth/auth-user.ts';
import { createApiHarness, USERS, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
// One user per role (the first in the fixture list).
const USER_OF = Object.fromEntries(ROLES.map((role) => [role, Object.keys(USERS).find((u) => USERS[u]!.role === role)!])) as Record<Role, string>;

function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (/itemCode/i.test(name)) return '010070001000';
    if (/^(a|b|id)$/.test(name) && path.includes('/versions/')) return '999999';
    return MISSING;
  });
}

describe('every endpoint × every role', () => {
  let h: ApiHarness;
  const clients = new Map<Role, ApiClient>();
  beforeAll(async () => {
    h = await createApiHarness();
    for (const role of ROLES) clients.set(role, await h.as(USER_OF[role]));
  });
  afterAll(async () => { await h.close(); });

  const operations = API_OPERATIONS.filter((op) => !op.path.startsWith('/api/docs') && op.path !== '/api/auth/logout' && op.path !== '/api/auth/login');

  it('covers a meaningful set of endpoints', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  for (const op of operations) {
    it(`${op.method.toUpperCase()} ${op.path}`, async () => {
      const path = concretePath(op.path);
      const method = op.method.toUpperCase();
      const body = method === 'GET' ? undefined : {};
      const answers: string[] = [];
      const anonymous = (await h.anonymous().request(method, path, body)).status;
      if (op.access !== 'public') answers.push(anonymous === 401 ? 'ok' : `anonymous got ${anonymous}`);
      for (const role of ROLES) {
        const status = (await clients.get(role)!.request(method, path, body)).status;
        const admitted = op.access === 'public' || op.access === 'signed-in' || op.access.includes(role);
        if (!admitted && status !== 403) answers.push(`${role} got ${status}, expected 403`);
        if (admitted && (status === 401 || status === 403 || status >= 500)) answers.push(`${role} got ${status}, expected to be admitted`);
      }
      expect(answers.filter((a) => a !== 'ok')).toEqual([]);
    });
  }
});
