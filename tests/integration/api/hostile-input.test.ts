/**
 * Hostile input over real HTTP: XML attacks and oversize or mis-encoded BPMN uploads, oversized
 * and malformed JSON, characters PostgreSQL cannot store, and a wrong type in every field of every
 * JSON endpoint (generated from the zod schemas the routers validate with). Each is refused with
 * a 4xx problem naming what is wrong, and the database is unchanged — every table's rows hashed
 * before and after, not just a count.
 */
import { request as httpRequest } from 'node:http';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../api/auth/auth-user.ts';
import { API_OPERATIONS } from '../../../api/openapi/operations.ts';
import { createApiHarness, USERS, type ApiClient, type ApiHarness } from '../../support/api-harness.ts';
import { bpmn } from '../../support/runtime-harness.ts';
import { snapshotDatabase, type Snapshot } from '../reliability/database-snapshot.ts';
import { wrongTypeCases } from '../reliability/wrong-types.ts';

const XML = { 'content-type': 'application/xml' };
const MISSING = '00000000-0000-4000-8000-000000000000';
const DEPLOY_PATHS = ['/api/definitions/validate', '/api/definitions'];

/** A concrete path for an operation: ids that do not exist (validation comes first). */
const concretePath = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => (/itemCode/i.test(name) ? '010070001000' : MISSING));

/** The first fixture user of one of the roles an operation admits (anonymous for public ones). */
function userFor(access: (typeof API_OPERATIONS)[number]['access']): string | undefined {
  if (access === 'public') return undefined;
  if (access === 'signed-in') return 'ent-east';
  return Object.keys(USERS).find((u) => (access as readonly Role[]).includes(USERS[u]!.role));
}

/** The signed-in client's credentials as headers (its cookie and CSRF token), for requests it cannot make itself. */
function credentialsOf(client: ApiClient): Record<string, string> {
  const { cookie, csrf } = client as unknown as { cookie?: string; csrf?: string };
  return { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
}

/** Send `bytes` as the body, unchanged (the ApiClient sends text or JSON). */
async function rawPost(h: ApiHarness, client: ApiClient, path: string, bytes: Buffer, contentType: string) {
  const res = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers: { ...credentialsOf(client), 'content-type': contentType }, body: bytes });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

describe('hostile input is refused with a clear 4xx and changes nothing', () => {
  let h: ApiHarness;
  const clients = new Map<string, ApiClient>();
  let before: Snapshot;
  const as = async (username: string) => {
    if (!clients.has(username)) clients.set(username, await h.as(username));
    return clients.get(username)!;
  };

  beforeAll(async () => {
    h = await createApiHarness();
    for (const username of Object.keys(USERS)) await as(username);
    // something to protect: a case under review
    const caseId = (await (await as('ent-east')).post('/api/cases', { itemCode: '010030001000', regionCode: '990121' })).body.id;
    await (await as('window-east')).post(`/api/cases/${caseId}/accept`, {});
    // every sign-in is done: from here on, nothing may change anything
    before = await snapshotDatabase(h.db.pool);
  });
  afterAll(async () => {
    expect(await snapshotDatabase(h.db.pool)).toEqual(before);
    await h.close();
  });

  describe('BPMN uploads', () => {
    const refusals: Array<[string, () => Promise<string | Buffer>, string, RegExp]> = [
      ['XXE (external entity)', () => bpmn('xxe.bpmn'), 'file', /DTD/],
      ['billion laughs (entity expansion)', () => bpmn('billion-laughs.bpmn'), 'file', /DTD/],
      ['a script task', () => bpmn('script-task.bpmn'), 'Task_fee', /script/],
      ['a script condition', () => bpmn('script-condition.bpmn'), 'Flow_approved.conditionExpression', /script|expression/i],
      ['a camunda execution listener', () => bpmn('camunda-listener.bpmn'), '', /listener|camunda/i],
      ['a service task', () => bpmn('service-task.bpmn'), 'Task_push', /service tasks are not supported/],
      ['an expression calling environment.services', () => bpmn('service-call-expression.bpmn'), 'Flow_approved.conditionExpression', /services/],
      ['invalid UTF-8 bytes', async () => Buffer.concat([Buffer.from((await bpmn('valid-joint-review.bpmn')).slice(0, 300)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('</bpmn:definitions>')]), 'file', /UTF-8/],
      ['a UTF-16 file', async () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(await bpmn('valid-joint-review.bpmn'), 'utf16le')]), 'file', /UTF-8|UTF-16/],
      ['a GBK-encoded file', async () => Buffer.from((await bpmn('valid-joint-review.bpmn')).replace(/[\u4e00-\u9fff]/g, '\u00d6'), 'latin1'), 'file', /UTF-8/],
      ['deeply nested XML (200,000 levels)', async () => deeplyNested(await bpmn('valid-joint-review.bpmn'), 200_000), '', /./],
      ['an empty file', async () => '', 'file', /empty/],
      ['not XML at all', async () => '{"xml": true}', 'file', /XML|root element/],
    ];

    for (const [name, file, path, reason] of refusals) {
      it(`refuses ${name} on validate and deploy, naming ${path || 'the problem'}`, async () => {
        const designer = await as('designer-city');
        const content = await file();
        for (const target of DEPLOY_PATHS) {
          const res = typeof content === 'string' ? await designer.post(target, content, XML) : await rawPost(h, designer, target, content, 'application/xml');
          expect(res.status, `${target}: ${JSON.stringify(res.body)}`).toBe(422);
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
          expect(res.body.code).toBe('definition_rejected');
          const problem = res.body.problems.find((p: { path: string; reason: string }) => (!path || p.path === path) && reason.test(p.reason));
          expect(problem, JSON.stringify(res.body.problems)).toBeDefined();
        }
      });
    }

    it('answers a 50 MB BPMN with 413, whether its size is declared or it is streamed', async () => {
      const fifty = 50 * 1024 * 1024;
      const designer = await as('designer-city');
      const declared = await streamUpload(h.baseUrl, designer, fifty, true);
      const chunked = await streamUpload(h.baseUrl, designer, fifty, false);
      expect(declared.status).toBe(413);
      expect(chunked.status).toBe(413);
      expect(JSON.parse(declared.body).code).toBe('payload_too_large');
      expect(JSON.parse(chunked.body).code).toBe('payload_too_large');
    });

    it('refuses an anonymous 50 MB upload with 401 before reading it', async () => {
      const res = await streamUpload(h.baseUrl, h.anonymous(), 50 * 1024 * 1024, true);
      expect(res.status).toBe(401);
    });
  });

  describe('JSON bodies', () => {
    const jsonOperations = API_OPERATIONS.filter((op) => op.body instanceof z.ZodType);

    it('covers every JSON endpoint', () => {
      expect(jsonOperations.length).toBeGreaterThanOrEqual(20);
    });

    for (const op of jsonOperations) {
      const cases = wrongTypeCases(op.body as z.ZodType);
      it(`${op.method.toUpperCase()} ${op.path}: a wrong type in each of ${cases.length} fields is a 400 naming that field`, async () => {
        const username = userFor(op.access);
        const client = username ? await as(username) : h.anonymous();
        const wrong: string[] = [];
        for (const { path, body } of cases) {
          const res = await client.request(op.method.toUpperCase(), concretePath(op.path), body);
          const named = res.status === 400 && res.body?.code === 'validation_failed' && res.body.problems.some((p: { path: string }) => p.path === path);
          if (!named) wrong.push(`${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body?.problems ?? res.body)}`);
        }
        expect(wrong).toEqual([]);
      });
    }

    it('answers an oversized JSON body with 413 on every JSON endpoint, signed in or not', async () => {
      const big = JSON.stringify({ reason: 'x'.repeat(300 * 1024) });
      const wrong: string[] = [];
      for (const op of jsonOperations) {
        const username = userFor(op.access);
        for (const client of [username ? await as(username) : h.anonymous(), h.anonymous()]) {
          const res = await client.request(op.method.toUpperCase(), concretePath(op.path), big, { 'content-type': 'application/json' });
          if (res.status !== 413 || res.body.code !== 'payload_too_large') wrong.push(`${op.path} → ${res.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('answers JSON nested 100,000 deep with a 4xx, not a crash', async () => {
      const deep = `{"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const res = await (await as('ent-east')).request('POST', `/api/cases/${MISSING}/cancel`, deep, { 'content-type': 'application/json' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      // the server still answers
      expect((await h.anonymous().get('/healthz')).status).toBe(200);
    });

    it('refuses a JSON body that is not valid UTF-8 instead of storing replacement characters', async () => {
      const ent = await as('ent-east');
      const bytes = Buffer.concat([Buffer.from('{"itemCode":"010070001000","regionCode":"990121","materials":["FB01'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"]}')]);
      const res = await rawPost(h, ent, '/api/cases', bytes, 'application/json');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed_json');
    });

    it('refuses NUL characters and unpaired surrogates in text fields naming the field (PostgreSQL cannot store them)', async () => {
      const ent = await as('ent-east');
      const nul = await ent.request('POST', '/api/cases', '{"itemCode":"0100700\\u00001000","regionCode":"990121","materials":["FB01"]}', { 'content-type': 'application/json' });
      expect(nul.status, JSON.stringify(nul.body)).toBe(400);
      expect(nul.body.problems.map((p: { path: string }) => p.path)).toContain('itemCode');
      const surrogate = await ent.request('POST', '/api/projects', '{"name":"项目\\ud800","regionCode":"990121"}', { 'content-type': 'application/json' });
      expect(surrogate.status, JSON.stringify(surrogate.body)).toBe(400);
      expect(surrogate.body.problems.map((p: { path: string }) => p.path)).toContain('name');
      const inQuery = await (await as('supervisor-city')).get('/api/cases?status=running%00');
      expect(inQuery.status).toBe(400);
    });

    it('answers a body of the wrong media type on JSON endpoints without acting on it', async () => {
      const ent = await as('ent-east');
      const res = await ent.request('POST', '/api/cases', 'itemCode=010070001000&regionCode=990121', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.status).toBe(400);
      expect(res.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['itemCode', 'regionCode']);
    });
  });
});

/** `levels` nested elements inside the process: well-formed, tiny per level, deep enough to break a recursive parser. */
function deeplyNested(xml: string, levels: number): string {
  return xml.replace('<bpmn:startEvent', `<bpmn:documentation>${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}</bpmn:documentation><bpmn:startEvent`);
}

/** POST `size` bytes of XML-looking text, declared (Content-Length) or chunked; stops sending once answered. */
function streamUpload(baseUrl: string, client: ApiClient, size: number, declared: boolean): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/xml', ...credentialsOf(client) };
  if (declared) headers['content-length'] = String(size);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest(`${baseUrl}/api/definitions`, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (!answered && sentBytes < size) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
