/**
 * The organisation as the designer's department picker needs it: departments with their kind
 * and level, limited to the regions the caller works with.
 */
import { Router } from 'express';
import type { Pool } from '../../engine/adapters/postgres/pool.ts';
import { authorize, currentUser, requireScope } from '../auth/policies.ts';
import { validate } from '../http/validate.ts';
import { listDepartments, regionInScope } from './department-reads.ts';
import { DepartmentsQuery, type DepartmentsFilter } from './org-schemas.ts';
import { scopeRegionOf } from './region-scope.ts';

export const DEPARTMENT_READERS = ['designer', 'supervisor', 'admin'] as const;

export function orgRoutes(pool: Pool): Router {
  const router = Router();
  router.get('/api/org/departments', authorize(...DEPARTMENT_READERS), validate({ query: DepartmentsQuery }), async (req, res) => {
    const filter = req.valid.query as DepartmentsFilter;
    const scope = scopeRegionOf(currentUser(req));
    if (filter.regionCode) requireScope(await regionInScope(pool, scope, filter.regionCode), `region ${filter.regionCode}`);
    res.json(await listDepartments(pool, scope, filter));
  });
  return router;
}
