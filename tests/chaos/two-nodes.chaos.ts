/**
 * Two app nodes (child processes) on one database. Cases are applied for and accepted through
 * either node; then the 签收 limits of 9 departments × every case fall due in the same instant,
 * with both nodes' agenda workers and both nodes' sweeps racing for them. Every timer takes
 * effect once (one default consent, one accountability record, one join per case), and the
 * realtime events reach socket.io clients connected to either node, whichever node made them.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../engine/adapters/postgres/embedded-server.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { COUNTY, reviewerOf, TEN_DEPARTMENT_ITEM } from '../integration/reliability/ten-departments.ts';
import { startNode, type AppNode } from './support/app-node.ts';
import { removeServerBundle } from '../support/server-bundle.ts';
import { APPLICANT, chaosDatabase, duplicatedEffects, eventually, makeDue, PASSWORD, SUPERVISOR, WINDOW } from './support/chaos-world.ts';
import { report } from './support/report.ts';
import { ResilientClient } from './support/resilient-client.ts';

const CASES = 30;
const XF = `${COUNTY}:xf`;

interface Heard { name: string; payload: any }

/** A socket.io client signed in with a bearer token, keeping every message it receives. */
async function listen(baseUrl: string, username: string, sockets: Socket[]): Promise<Heard[]> {
  const { body } = await new ResilientClient(() => baseUrl, '').command('/api/auth/login', { username, password: PASSWORD, client: 'bearer' }, '');
  const socket = connectSocket(baseUrl, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: body.token } });
  sockets.push(socket);
  const heard: Heard[] = [];
  socket.onAny((name: string, payload: unknown) => heard.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket of ${username} on ${baseUrl} did not connect`)), 10_000);
    socket.once('connect', () => { clearTimeout(timer); resolve(); });
    socket.once('connect_error', (error) => { clearTimeout(timer); reject(error); });
  });
  return heard;
}

const eventsOf = (heard: Heard[], type: string) => heard.filter((m) => m.name === 'case:event' && m.payload.event.type === type);

describe('two nodes, one database', () => {
  let db: TestDatabase;
  let a: AppNode;
  let b: AppNode;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await chaosDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    // one after the other: both migrate and deploy on start, and the machine is small
    a = (await startNode({ databaseUrl: db.url, port: portA, name: 'node-a' })).node;
    b = (await startNode({ databaseUrl: db.url, port: portB, name: 'node-b' })).node;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    await removeServerBundle();
  });

  it('fires every timer once, and delivers realtime events to clients of both nodes', async () => {
    // given: a supervisor watching on each node, the fire brigade's reviewer on node B
    const onA = await listen(a.url, SUPERVISOR, sockets);
    const onB = await listen(b.url, SUPERVISOR, sockets);
    const xfOnB = await listen(b.url, reviewerOf(XF), sockets);
    const nodes = [a, b];
    const client = async (username: string, node: AppNode) => ResilientClient.signIn(() => node.url, username, PASSWORD);
    const applicants = await Promise.all(nodes.map((node) => client(APPLICANT, node)));
    const windows = await Promise.all(nodes.map((node) => client(WINDOW, node)));
    const xfOnA = await client(reviewerOf(XF), a);

    // The nodes share broadcasts through PostgreSQL LISTEN/NOTIFY, which they start listening to
    // asynchronously: apply until a case made on each node is heard on the other (bounded).
    await eventually('both nodes hear each other', async () => {
      for (const [i, node] of nodes.entries()) await applicants[i]!.command('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY }, `probe-${node.options.name}-${Math.random()}`);
      return onA.length > 0 && onB.length > 0 && new Set(eventsOf(onA, 'task-created').map((m) => m.payload.caseId)).size >= 2
        && new Set(eventsOf(onB, 'task-created').map((m) => m.payload.caseId)).size >= 2;
    }, 30_000);
    // (the probe cases stay unaccepted: no limit of theirs falls due during the test)

    // when: cases applied for and accepted through alternating nodes; the fire brigade approves via node A
    const caseIds: string[] = [];
    const absentTasks: string[] = [];
    const xfTasks: string[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const caseId = (await applicants[i % 2]!.command('/api/cases', { itemCode: TEN_DEPARTMENT_ITEM, regionCode: COUNTY }, `two-${i}-apply`)).body.id as string;
      const accepted = await windows[(i + 1) % 2]!.command(`/api/cases/${caseId}/accept`, {}, `two-${i}-accept`);
      caseIds.push(caseId);
      for (const task of accepted.body.tasks as Array<{ id: string; elementId: string; departmentId: string }>) {
        if (task.elementId !== 'Task_review') continue;
        if (task.departmentId === XF) xfTasks.push(task.id);
        else absentTasks.push(task.id);
      }
    }
    for (const taskId of xfTasks) {
      await xfOnA.command(`/api/tasks/${taskId}/sign`, {}, `two-${taskId}-sign`);
      await xfOnA.command(`/api/tasks/${taskId}/opinion`, { decision: 'approve' }, `two-${taskId}-opinion`);
    }
    // every other department's 签收 limit falls due at the same instant, on both nodes; far enough
    // ahead (8 s, over the 5 s poll) for the nodes to claim the jobs and prepare the wakes before it
    const dueAtOnce = await makeDue(db.pool, absentTasks, 'sign-due', 8);
    const burstMs = await eventually('every case ended', async () =>
      (await db.pool.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'completed'`, [caseIds])).rows[0].n === CASES);

    // then: each timer took effect once
    const one = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0];
    const fired = await one(`SELECT count(*)::int AS n FROM case_timers WHERE task_id = ANY($1::uuid[]) AND kind = 'sign-due' AND fired_at IS NOT NULL`, [absentTasks]);
    const defaults = await one(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM opinions WHERE basis = 'unsigned'`);
    const accountability = await one(`SELECT count(*)::int AS n FROM accountability_records`);
    const joins = await one(`SELECT count(*)::int AS n FROM case_events WHERE type = 'review-concluded' AND case_id = ANY($1::uuid[])`, [caseIds]);
    const duplicates = await duplicatedEffects(db.pool);
    // deadlines staged by either node before the instant: every one committed or rolled back
    const stagedLeft = (await db.pool.query(`SELECT gid FROM pg_prepared_xacts WHERE database = current_database()`)).rows.map((r) => r.gid as string);
    // a prepared wake records the default consent at the deadline itself (to the millisecond: the
    // due time written by SQL has microseconds); an ordinary one when it ran
    const prepared = await one(
      `SELECT count(*)::int AS n FROM opinions o JOIN case_timers t ON t.task_id = o.task_id AND t.kind = 'sign-due'
        WHERE o.task_id = ANY($1::uuid[]) AND o.basis = 'unsigned' AND o.given_at = date_trunc('milliseconds', t.due_at)`, [absentTasks]);

    // and the events reached the clients of both nodes
    await eventually('every default consent and ending delivered to both nodes\' clients', async () =>
      [onA, onB].every((heard) => eventsOf(heard, 'default-consent').length >= absentTasks.length && eventsOf(heard, 'completed').length >= CASES)
      && xfTasks.every((id) => xfOnB.some((m) => m.name === 'task:changed' && m.payload.id === id && m.payload.status === 'done')), 30_000);
    const delivered = (heard: Heard[], type: string) => new Set(eventsOf(heard, type).map((m) => m.payload.event.taskId ?? m.payload.caseId)).size;

    report('two-nodes', {
      nodes: 2, cases: CASES, timersDueAtOnce: dueAtOnce, timersFired: fired.n, defaultConsents: defaults.n, accountabilityRecords: accountability.n,
      joins: joins.n, duplicates: duplicates.length, burstSettledMs: burstMs, preparedAhead: prepared.n, stagedLeft: stagedLeft.length,
      realtime: {
        nodeA: { defaultConsents: delivered(onA, 'default-consent'), completed: delivered(onA, 'completed') },
        nodeB: { defaultConsents: delivered(onB, 'default-consent'), completed: delivered(onB, 'completed') },
        reviewerOnBSawOpinionsGivenOnA: xfTasks.filter((id) => xfOnB.some((m) => m.name === 'task:changed' && m.payload.id === id && m.payload.status === 'done')).length,
      },
    });
    expect(dueAtOnce).toBe(CASES * 9);
    expect(fired.n).toBe(dueAtOnce);
    expect(defaults).toEqual({ n: dueAtOnce, tasks: dueAtOnce });
    expect(accountability.n).toBe(dueAtOnce);
    expect(joins.n).toBe(CASES);
    expect(duplicates).toEqual([]);
    expect(prepared.n).toBeGreaterThan(0);
    expect(stagedLeft).toEqual([]);
    for (const heard of [onA, onB]) {
      expect(delivered(heard, 'default-consent')).toBe(dueAtOnce);
      expect(eventsOf(heard, 'default-consent').length).toBe(dueAtOnce); // each once, not once per node
      expect(delivered(heard, 'completed')).toBe(CASES);
    }
  });
});
