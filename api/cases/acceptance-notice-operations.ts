/** OpenAPI entries of the notice printouts (listed with every other operation in operations.ts). */
import type { ApiOperation } from '../openapi/operation.ts';
import { NOTICE_READERS } from './acceptance-notice-pdf-routes.ts';
import { CaseIdParams } from './case-schemas.ts';

const pdf = { contentType: 'application/pdf' };

export const ACCEPTANCE_NOTICE_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: '/api/cases/:caseId/acceptance-notice.pdf', tag: 'cases', access: NOTICE_READERS,
    summary: '受理通知书 as PDF: case number, 查询码 as a QR code of the public lookup, promised date, materials (容缺 with dates)',
    params: CaseIdParams, ok: { status: 200, description: 'the printable notice', ...pdf }, errors: [404, 409],
  },
  {
    method: 'get', path: '/api/cases/:caseId/missing-materials-notice.pdf', tag: 'cases', access: NOTICE_READERS,
    summary: '一次性告知书 as PDF: every missing material and every refusal reason at once',
    description: 'For an application not yet accepted, a refused one, or an accepted one with 容缺 materials still owed (409 otherwise).',
    params: CaseIdParams, ok: { status: 200, description: 'the printable notice', ...pdf }, errors: [404, 409],
  },
];
