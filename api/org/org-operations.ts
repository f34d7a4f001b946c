/** The organisation endpoints, for the OpenAPI document (api/openapi/operations.ts). */
import type { ApiOperation } from '../openapi/operation.ts';
import { DepartmentListSchema, DepartmentsQuery } from './org-schemas.ts';
import { DEPARTMENT_READERS } from './org-routes.ts';

export const ORG_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: '/api/org/departments', tag: 'org', access: DEPARTMENT_READERS,
    summary: 'Departments with their kind and level (the designer\'s department picker)',
    description: 'The departments of the caller\'s region, the regions above it and every region below it (admins: all), higher levels first. A `regionCode` outside that scope is a 404.',
    query: DepartmentsQuery, ok: { status: 200, description: 'the departments', schema: DepartmentListSchema }, errors: [404],
  },
];
