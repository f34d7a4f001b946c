/** The upload endpoints for the OpenAPI document (spread into API_OPERATIONS). */
import { z } from 'zod';
import { CaseIdParams } from '../cases/case-schemas.ts';
import type { ApiOperation } from '../openapi/operation.ts';
import { UploadBody, UploadIdParams } from './upload-schemas.ts';
import { CASE_READERS } from './upload-routes.ts';

export const UPLOAD_OPERATIONS: ApiOperation[] = [
  {
    method: 'post', path: '/api/uploads', tag: 'uploads', access: ['applicant'], summary: 'Upload one file for a material (PDF, JPEG, PNG, OFD)',
    description: 'multipart/form-data with the file in the field `file`. The type is told by the first bytes and must agree with the name; the answer has the id to name in `files` of an application or a 补正, and the sha256.',
    body: { content: { 'multipart/form-data': UploadBody } }, ok: { status: 201, description: 'the stored upload' }, errors: [413, 415, 429],
  },
  {
    method: 'get', path: '/api/uploads/:uploadId', tag: 'uploads', access: CASE_READERS, summary: 'An upload’s record',
    description: 'Its owner, and whoever may read a case it was handed in for.', params: UploadIdParams, ok: { status: 200, description: 'the upload' }, errors: [404],
  },
  {
    method: 'get', path: '/api/uploads/:uploadId/content', tag: 'uploads', access: CASE_READERS, summary: 'Download an uploaded file',
    description: 'Its owner, and whoever may read a case it was handed in for.', params: UploadIdParams,
    ok: { status: 200, description: 'the file, as an attachment', schema: z.string(), contentType: 'application/octet-stream' }, errors: [404],
  },
  {
    method: 'get', path: '/api/cases/:caseId/files', tag: 'uploads', access: CASE_READERS, summary: 'The files handed in for a case, per material',
    params: CaseIdParams, ok: { status: 200, description: 'the files' }, errors: [404],
  },
];
