/**
 * What realtime delivery costs a command: one NOTIFY to the other app nodes per committed
 * command (not one per message), the node's own sockets served at once, and the departments of a
 * case read again only when this node did not commit the case's previous version.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, TaskRecord } from '../../../engine/cases/case-types.ts';
import { CaseDepartments } from '../../../api/realtime/case-delivery.ts';
import type { CaseReads } from '../../../api/read-models/case-reads.ts';
import { attachRealtime, type Realtime } from '../../../api/realtime/realtime-server.ts';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION } from '../../support/runtime-harness.ts';
import { statementsDuring } from '../../support/statements-during.ts';

describe('realtime delivery of a command', () => {
  let h: ApiHarness;
  let realtime: Realtime;
  let socket: Socket;
  const received: Array<{ name: string; payload: any }> = [];
  beforeAll(async () => {
    h = await createApiHarness();
    realtime = attachRealtime({ httpServer: h.server, pool: h.db.pool, runtime: h.runtime });
    const token = (await new ApiClient(h.baseUrl).login('ent-east', 'bearer')).body.token as string;
    socket = connectSocket(h.baseUrl, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { origin: h.baseUrl } });
    socket.onAny((name: string, payload: unknown) => { received.push({ name, payload }); });
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  });
  afterAll(async () => {
    socket?.close();
    await realtime?.close();
    await h.close();
  });

  it('sends the other nodes one NOTIFY per command, and its own sockets every message', async () => {
    const enterprise = await h.as('ent-east');
    const caseId = (await enterprise.post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.county })).body.id as string;
    const window = await h.as('window-east');
    // The NOTIFY goes out after the commit, possibly after the answer: listen until it has left.
    const notifies = (sent: string[]) => sent.filter((s) => s.startsWith('SELECT pg_notify'));
    const sql = await statementsDuring(async () => expect((await window.post(`/api/cases/${caseId}/accept`, {})).status).toBe(200), {
      until: (sent) => notifies(sent).length > 0,
    });
    // accepting makes several events and opens eight review tasks: all in one notification
    expect(notifies(sql)).toHaveLength(1);
    const events = (await h.db.pool.query('SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId])).rows.map((r) => r.seq);
    for (let i = 0; i < 100 && received.filter((m) => m.name === 'case:event' && m.payload.caseId === caseId).length < events.length; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(received.filter((m) => m.name === 'case:event' && m.payload.caseId === caseId).map((m) => m.payload.event.seq)).toEqual(events);
  });
});

describe('the departments of a case, kept per node', () => {
  const caseAt = (version: number) => ({ id: 'c-1', version } as CaseRecord);
  const task = (departmentId: string | null) => ({ departmentId } as TaskRecord);

  it('reads them when it did not commit the version before, and otherwise adds the new tasks', async () => {
    let reads = 0;
    const stored = new Set(['990121:zj']);
    const departments = new CaseDepartments({ departmentsOf: async () => { reads += 1; return new Set(stored); } } as unknown as CaseReads);
    expect([...await departments.of(caseAt(3), [task('990121:xf')])].sort()).toEqual(['990121:xf', '990121:zj']);
    expect(reads).toBe(1);
    expect([...await departments.of(caseAt(4), [task('990100:fgw'), task(null)])].sort()).toEqual(['990100:fgw', '990121:xf', '990121:zj']);
    expect(reads).toBe(1);
    // version 5 was committed elsewhere (it added a department this node never saw): read again
    stored.add('990121:rf');
    expect([...await departments.of(caseAt(6), [])]).toContain('990121:rf');
    expect(reads).toBe(2);
  });
});
