/** OpenAPI entries of the department's meeting list and the window's acceptance queue. */
import type { ApiOperation } from '../openapi/operation.ts';
import { MeetingListQuery } from './meeting-routes.ts';

export const DESK_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: '/api/meetings', tag: 'tasks', access: ['reviewer', 'lead'], summary: '联审会 the department leads or is invited to, with attendance',
    query: MeetingListQuery, ok: { status: 200, description: 'the meetings, scheduled first' },
  },
  {
    method: 'get', path: '/api/tasks/acceptance-queue', tag: 'tasks', access: ['window'], summary: "总台受理: applications of the window's region waiting for acceptance",
    ok: { status: 200, description: 'green channel first, then oldest first' },
  },
];
