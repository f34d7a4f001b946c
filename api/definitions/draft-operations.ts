/** The draft endpoints, for the OpenAPI document (api/openapi/operations.ts). */
import type { ApiOperation } from '../openapi/operation.ts';
import { ItemCodeParams } from './definition-schemas.ts';
import { MULTIPART } from './definition-upload.ts';
import { DraftFormBody, DraftJsonBody, DraftListSchema, DraftSavedSchema, DraftSchema } from './draft-schemas.ts';

const scope = 'A draft belongs to the region of the designer who started it; designers of other regions (except those above it) get 404.';

export const DRAFT_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: '/api/definitions/drafts', tag: 'definitions', access: ['designer'], summary: 'The drafts the designer can see (work in progress, newest first)',
    description: scope, ok: { status: 200, description: 'the drafts, without their XML', schema: DraftListSchema },
  },
  {
    method: 'get', path: '/api/definitions/:itemCode/draft', tag: 'definitions', access: ['designer'], summary: 'The draft of an item: BPMN and catalogue as last saved',
    description: scope, params: ItemCodeParams, ok: { status: 200, description: 'the draft', schema: DraftSchema }, errors: [404],
  },
  {
    method: 'put', path: '/api/definitions/:itemCode/draft', tag: 'definitions', access: ['designer'], summary: 'Save a draft without deploying it',
    description: `Only the XML guard applies (hostile XML → 422); the BPMN need not be valid. \`revision\` is the revision you loaded (0 creates the draft); a stale one → 409 naming \`revision\`. JSON bodies stop at 256 kB; send larger files as multipart. ${scope}`,
    params: ItemCodeParams, body: { content: { 'application/json': DraftJsonBody, [MULTIPART]: DraftFormBody } },
    ok: { status: 200, description: 'saved (201 when the draft was created)', schema: DraftSavedSchema }, errors: [404, 409, 413, 415, 422],
  },
  {
    method: 'delete', path: '/api/definitions/:itemCode/draft', tag: 'definitions', access: ['designer'], summary: 'Discard the draft of an item (deploying the item also does)',
    description: scope, params: ItemCodeParams, ok: { status: 204, description: 'discarded' }, errors: [404],
  },
];
