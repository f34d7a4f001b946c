/**
 * Realtime delivery over socket.io, on the real app, real HTTP servers and real PostgreSQL:
 * who receives the events of a case (and who does not), refused handshakes and watches, and two
 * app nodes on one database sharing their broadcasts through the PostgreSQL adapter. Nothing
 * sleeps: every expectation awaits a message, bounded by a timeout; "receives nothing" is
 * checked behind a later message the same socket must receive (a socket's messages arrive in order).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Server as SocketServer } from 'socket.io';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app.ts';
import type { CaseEventMessage, PresentedTask } from '../../../api/realtime/realtime-contract.ts';
import { attachRealtime, type Realtime } from '../../../api/realtime/realtime-server.ts';
import { ApiClient, createApiHarness, type ApiHarness } from '../../support/api-harness.ts';
import { ITEM, REGION } from '../../support/runtime-harness.ts';

const WAIT_MS = 5_000;
const XF_EAST = `${REGION.county}:xf`;
const XF_WEST = `${REGION.otherCounty}:xf`;

interface Message { name: string; payload: any }

/** A connected client socket and everything it received, in order. */
class Listener {
  readonly messages: Message[] = [];
  private waiters: Array<{ test: (m: Message) => boolean; resolve: (m: Message) => void }> = [];

  constructor(readonly socket: Socket) {
    socket.onAny((name: string, payload: unknown) => {
      const message = { name, payload };
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => !(w.test(message) && (w.resolve(message), true)));
    });
  }

  caseEvents(caseId: string): CaseEventMessage[] {
    return this.messages.filter((m) => m.name === 'case:event' && m.payload.caseId === caseId).map((m) => m.payload);
  }

  /** The first message (already received or still to come) that passes `test`. */
  next(test: (m: Message) => boolean, what: string): Promise<Message> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms; received ${JSON.stringify(this.messages.map((m) => m.name))}`)), WAIT_MS);
      this.waiters.push({ test, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  event(caseId: string, type: string, taskId?: string): Promise<CaseEventMessage> {
    return this.next((m) => m.name === 'case:event' && m.payload.caseId === caseId && m.payload.event.type === type && (!taskId || m.payload.event.taskId === taskId),
      `case:event ${type} of ${caseId}`).then((m) => m.payload);
  }

  taskChanged(taskId: string, status: string): Promise<PresentedTask> {
    return this.next((m) => m.name === 'task:changed' && m.payload.id === taskId && m.payload.status === status, `task:changed ${status} of ${taskId}`).then((m) => m.payload);
  }

  watch(caseId: unknown): Promise<{ ok: boolean; code?: string }> {
    return this.socket.timeout(WAIT_MS).emitWithAck('case:watch', { caseId });
  }
}

type Credentials = { cookie: string } | { token: string } | Record<string, never>;

/** Sign in over HTTP like a browser (cookie) or a machine client (bearer token). */
async function signIn(baseUrl: string, username: string, client: 'browser' | 'bearer' = 'browser'): Promise<Credentials> {
  const res = await new ApiClient(baseUrl).login(username, client);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return client === 'bearer' ? { token: res.body.token } : { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

/** Open a socket; resolves once connected, rejects with the server's refusal. */
function openSocket(baseUrl: string, credentials: Credentials, opened: Socket[]): Promise<Socket> {
  const socket = connectSocket(baseUrl, {
    path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true,
    ...('cookie' in credentials ? { extraHeaders: { cookie: credentials.cookie } } : {}),
    ...('token' in credentials ? { auth: { token: credentials.token } } : {}),
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket neither connected nor refused')), WAIT_MS);
    socket.once('connect', () => { clearTimeout(timer); resolve(socket); });
    socket.once('connect_error', (error) => { clearTimeout(timer); reject(error); });
  });
}

/**
 * Resolves once `hearer` receives a server-side emit of `speaker` through PostgreSQL. A NOTIFY
 * sent before the hearer's adapter LISTENs is lost, and the adapter does not say when it
 * listens: so the speaker repeats its probe until it is heard (bounded).
 */
function hears(hearer: SocketServer, speaker: SocketServer): Promise<void> {
  const token = randomUUID();
  return new Promise((resolve, reject) => {
    const repeat = setInterval(() => speaker.serverSideEmit('probe', token), 50);
    const timer = setTimeout(() => { clearInterval(repeat); reject(new Error('the nodes never heard each other through PostgreSQL')); }, WAIT_MS);
    hearer.on('probe', (heard: string) => {
      if (heard !== token) return;
      clearInterval(repeat);
      clearTimeout(timer);
      resolve();
    });
    speaker.serverSideEmit('probe', token);
  });
}

describe('realtime case events over socket.io', () => {
  let h: ApiHarness;
  let realtime: Realtime;
  const sockets: Socket[] = [];
  const listen = async (username: string, client: 'browser' | 'bearer' = 'browser', baseUrl = h.baseUrl) =>
    new Listener(await openSocket(baseUrl, await signIn(baseUrl, username, client), sockets));

  beforeAll(async () => {
    h = await createApiHarness();
    realtime = attachRealtime({ httpServer: h.server, pool: h.db.pool, runtime: h.runtime });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await realtime?.close();
    await h?.close();
  });

  it('tells the enterprise, the county window, its fire department and the city supervisor about the case, and the other county nothing', async () => {
    // given: each signed in, sockets open (the fire department as a machine client with a bearer token)
    const enterprise = await listen('ent-east');
    const xfEast = await listen('xf-east', 'bearer');
    const xfWest = await listen('xf-west');
    const cityWatch = await listen('supervisor-city');
    const windowDesk = await listen('window-east');

    // when: the enterprise applies, the county window accepts, the fire department signs for its task
    const ent = await h.as('ent-east');
    const applied = (await ent.post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.county })).body;
    const caseId = applied.id as string;
    expect(await enterprise.watch(caseId)).toEqual({ ok: true }); // now in two rooms for this case
    const accepted = await (await h.as('window-east')).post(`/api/cases/${caseId}/accept`, {});
    const xfTask = accepted.body.tasks.find((t: { departmentId: string }) => t.departmentId === XF_EAST);
    const xf = await h.as('xf-east');
    expect((await xf.post(`/api/tasks/${xfTask.id}/sign`)).status).toBe(200);

    // then: the enterprise gets each event once, exactly as the HTTP timeline shows it
    const signed = await enterprise.event(caseId, 'signed', xfTask.id);
    expect(signed.caseNumber).toBe(accepted.body.caseNumber);
    expect(signed.itemCode).toBe(accepted.body.itemCode);
    const timeline = (await ent.get(`/api/cases/${caseId}`)).body.timeline;
    expect(enterprise.caseEvents(caseId).map((m) => m.event)).toEqual(timeline);
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['applied', 'accepted', 'task-created', 'signed']));

    // the fire department: the case events (its department room) and its task, opened then signed
    await xfEast.event(caseId, 'signed', xfTask.id);
    expect(await xfEast.taskChanged(xfTask.id, 'open')).toMatchObject({ caseId, departmentId: XF_EAST, kind: 'review' });
    const signedOverHttp = (await xf.get(`/api/cases/${caseId}`)).body.tasks.find((t: { id: string }) => t.id === xfTask.id);
    expect(await xfEast.taskChanged(xfTask.id, 'signed')).toEqual(signedOverHttp);
    expect(xfEast.messages.filter((m) => m.name === 'task:changed' && m.payload.departmentId !== XF_EAST)).toEqual([]);

    // a city supervisor sees a county case (its region lies below the city); the window, its acceptance step
    await cityWatch.event(caseId, 'signed', xfTask.id);
    const acceptStep = applied.tasks.find((t: { kind: string }) => t.kind === 'accept');
    expect(await windowDesk.taskChanged(acceptStep.id, 'open')).toMatchObject({ caseId, departmentId: null });
    await windowDesk.taskChanged(acceptStep.id, 'done');
    await windowDesk.event(caseId, 'signed', xfTask.id);

    // the other county's fire department: its own work arrives, nothing of the east case came before it
    const west = (await (await h.as('ent-other')).post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.otherCounty })).body.id as string;
    const westAccepted = await (await h.as('window-west')).post(`/api/cases/${west}/accept`, {});
    const westTask = westAccepted.body.tasks.find((t: { departmentId: string }) => t.departmentId === XF_WEST);
    await xfWest.taskChanged(westTask.id, 'open');
    expect(xfWest.messages.filter((m) => m.payload?.caseId === caseId)).toEqual([]);
  });

  it('refuses a connection without a valid session', async () => {
    await expect(openSocket(h.baseUrl, {}, sockets)).rejects.toThrow('unauthenticated');
    await expect(openSocket(h.baseUrl, { token: 'not-a-session' }, sockets)).rejects.toThrow('unauthenticated');
    await expect(openSocket(h.baseUrl, { cookie: 'ls_session=forged' }, sockets)).rejects.toThrow('unauthenticated');
    // a bearer token is not accepted as a cookie (same rule as HTTP)
    const { token } = await signIn(h.baseUrl, 'ent-east', 'bearer') as { token: string };
    await expect(openSocket(h.baseUrl, { cookie: `ls_session=${token}` }, sockets)).rejects.toThrow('unauthenticated');
  });

  it('disconnects a socket once its session ends (logout), and keeps the others', async () => {
    const browser = new ApiClient(h.baseUrl);
    const signedIn = await browser.login('ent-east');
    const leaving = await openSocket(h.baseUrl, { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]! }, sockets);
    const staying = await openSocket(h.baseUrl, await signIn(h.baseUrl, 'ent-east', 'bearer'), sockets);
    const closed = new Promise<string>((resolve) => leaving.once('disconnect', (reason) => resolve(reason)));
    expect(await realtime.dropEndedSessions()).toBe(0);
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect(await realtime.dropEndedSessions()).toBe(1);
    expect(await closed).toBe('io server disconnect');
    expect(staying.connected).toBe(true);
  });

  it('refuses to watch a case the user may not read, as not found', async () => {
    const caseId = (await (await h.as('ent-east')).post('/api/cases', { itemCode: ITEM.foodBusinessLicence, regionCode: REGION.county })).body.id as string;
    const other = await listen('ent-other');
    const westWindow = await listen('window-west');
    const designer = await listen('designer-city');
    expect(await other.watch(caseId)).toEqual({ ok: false, code: 'not_found' });
    expect(await westWindow.watch(caseId)).toEqual({ ok: false, code: 'not_found' });
    expect(await designer.watch(caseId)).toEqual({ ok: false, code: 'not_found' });
    expect(await other.watch(randomUUID())).toEqual({ ok: false, code: 'not_found' });
    expect(await other.watch('../../etc')).toEqual({ ok: false, code: 'invalid_input' });
    expect(await (await listen('window-east')).watch(caseId)).toEqual({ ok: true });
  });

  describe('two app nodes on one database', () => {
    let serverB: Server;
    let realtimeB: Realtime;
    let baseUrlB = '';

    beforeAll(async () => {
      const runtimeB = h.newRuntime();
      serverB = await new Promise<Server>((resolve) => {
        const s = createApp({ pool: h.db.pool, runtime: runtimeB, loginLimit: 1000 }).listen(0, '127.0.0.1', () => resolve(s));
      });
      const address = serverB.address();
      baseUrlB = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      realtimeB = attachRealtime({ httpServer: serverB, pool: h.db.pool, runtime: runtimeB });
      await Promise.all([hears(realtime.io as SocketServer, realtimeB.io as SocketServer), hears(realtimeB.io as SocketServer, realtime.io as SocketServer)]);
    });
    afterAll(async () => {
      await realtimeB?.close();
      await new Promise<void>((resolve) => serverB?.close(() => resolve()));
      serverB?.closeAllConnections();
    });

    it('delivers to a client of node A the events of a command run on node B, and the other way round', async () => {
      // given: the enterprise connected to node A, the fire department to node B
      const enterpriseOnA = await listen('ent-east', 'browser', h.baseUrl);
      const xfOnB = await listen('xf-east', 'browser', baseUrlB);

      // when: the enterprise applies and the window accepts on node B
      const entB = new ApiClient(baseUrlB);
      await entB.login('ent-east');
      const caseId = (await entB.post('/api/cases', { itemCode: ITEM.constructionPermit, regionCode: REGION.county })).body.id as string;
      const windowB = new ApiClient(baseUrlB);
      await windowB.login('window-east');
      const accepted = await windowB.post(`/api/cases/${caseId}/accept`, {});
      const xfTask = accepted.body.tasks.find((t: { departmentId: string }) => t.departmentId === XF_EAST);

      // then: node A's client hears them through PostgreSQL
      await enterpriseOnA.event(caseId, 'applied');
      await enterpriseOnA.event(caseId, 'accepted');

      // when: the fire department signs on node A; then its client on node B hears it
      expect((await (await h.as('xf-east')).post(`/api/tasks/${xfTask.id}/sign`)).status).toBe(200);
      await xfOnB.taskChanged(xfTask.id, 'signed');
      await enterpriseOnA.event(caseId, 'signed', xfTask.id);

      // and node A's client got the whole timeline, each event once
      const timeline = (await entB.get(`/api/cases/${caseId}`)).body.timeline as Array<{ seq: number }>;
      for (const e of timeline) await enterpriseOnA.next((m) => m.name === 'case:event' && m.payload.caseId === caseId && m.payload.event.seq === e.seq, `event ${e.seq}`);
      const seqs = enterpriseOnA.caseEvents(caseId).map((m) => m.event.seq);
      expect(seqs.toSorted((a, b) => a - b)).toEqual(timeline.map((e) => e.seq));
    });
  });
});
