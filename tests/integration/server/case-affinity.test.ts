/**
 * Two workers (two apps, each with its own Runtime and engine cache, on one database) with case
 * affinity: every command on a case runs on its owner worker, whichever worker took the request,
 * and the answer comes back through the worker that took it.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAffinity, ownerOf } from '../../../api/cluster/case-affinity.ts';
import { createApp } from '../../../api/http/app.ts';
import type { Runtime } from '../../../engine/runtime/runtime.ts';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

interface Worker { runtime: Runtime; server: Server; url: string; port: number }

describe('case affinity between workers', () => {
  let h: ApiHarness;
  const workers: Worker[] = [];
  const ports = new Map<number, number>();

  beforeAll(async () => {
    h = await createApiHarness();
    for (const self of [0, 1]) {
      const runtime = h.newRuntime();
      const app = createApp({ pool: h.db.pool, runtime, loginLimit: 1000, first: [caseAffinity(h.db.pool, { self, workers: 2, ports: () => ports })] });
      const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
      const port = (server.address() as { port: number }).port;
      ports.set(self, port);
      workers.push({ runtime, server, port, url: `http://127.0.0.1:${port}` });
    }
  });
  afterAll(async () => {
    for (const w of workers) {
      await new Promise<void>((resolve) => w.server.close(() => resolve()));
      w.server.closeAllConnections();
    }
    await h.close();
  });

  const commands = (w: Worker) => w.runtime.engineStats.reused + w.runtime.engineStats.restored;

  it('runs the commands of a case on its owner, whichever worker the request reached', async () => {
    // given: a case applied for on worker 0, with its joint review open
    const [enterprise, window, xf] = await Promise.all(['ent-east', 'window-east', 'xf-east'].map(async (u) => {
      const clients = workers.map((w) => new ApiClient(w.url));
      for (const c of clients) expect((await c.login(u, 'bearer')).status).toBe(200);
      return clients;
    }));
    const applied = await enterprise![0]!.post('/api/cases', { itemCode: '010030001000', regionCode: '990121' });
    expect(applied.status).toBe(201);
    const caseId: string = applied.body.id;
    const owner = workers[ownerOf(caseId, 2)]!;
    const other = workers[1 - ownerOf(caseId, 2)]!;
    const before = { owner: commands(owner), other: commands(other) };

    // when: 受理 sent to the worker that does not own the case, 签收 and the opinion to both
    const accepted = await window![1 - ownerOf(caseId, 2)]!.post(`/api/cases/${caseId}/accept`, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const task = accepted.body.tasks.find((t: { departmentId: string | null }) => t.departmentId === '990121:xf');
    expect((await xf![0]!.post(`/api/tasks/${task.id}/sign`, {})).status).toBe(200);
    const opinion = await xf![1]!.post(`/api/tasks/${task.id}/opinion`, { decision: 'approve' });

    // then: every command ran on the owner, and each answer reached its client intact
    expect(opinion.status, JSON.stringify(opinion.body)).toBe(200);
    expect(commands(owner) - before.owner).toBe(3);
    expect(commands(other) - before.other).toBe(0);
    // reads are served where they land
    expect((await xf![0]!.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('serves the command itself when the owner cannot be reached', async () => {
    const enterprise = new ApiClient(workers[0]!.url);
    expect((await enterprise.login('ent-other', 'bearer')).status).toBe(200);
    // a case owned by worker 1, its command sent to worker 0
    let caseId = '';
    for (let i = 0; i < 20 && ownerOf(caseId || '-', 2) !== 1; i += 1) {
      caseId = (await enterprise.post('/api/cases', { itemCode: '010070001000', regionCode: '990121' })).body.id;
    }
    expect(ownerOf(caseId, 2)).toBe(1);
    const ownerPort = ports.get(1)!;
    ports.set(1, 1); // nothing listens on port 1: as while worker 1 is being replaced
    try {
      const before = { here: commands(workers[0]!), owner: commands(workers[1]!) };
      const cancelled = await enterprise.post(`/api/cases/${caseId}/cancel`, { reason: '不再需要' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(commands(workers[0]!) - before.here).toBe(1);
      expect(commands(workers[1]!) - before.owner).toBe(0);
    } finally {
      ports.set(1, ownerPort);
    }
  });
});
