/** The socket handshake refuses pages of other origins, even when they carry a valid session cookie. */
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, type Realtime } from '../../../api/realtime/realtime-server.ts';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

describe('socket handshake origin', () => {
  let h: ApiHarness;
  let realtime: Realtime;
  let cookie: string;
  beforeAll(async () => {
    h = await createApiHarness();
    realtime = attachRealtime({ httpServer: h.server, pool: h.db.pool, runtime: h.runtime });
    const login = await h.anonymous().login('ent-east');
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await realtime?.close();
    await h?.close();
  });

  const connect = (origin: string | undefined) => new Promise<'connected' | string>((resolve) => {
    const socket = connectSocket(h.baseUrl, {
      path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true,
      extraHeaders: { cookie, ...(origin ? { origin } : {}) },
    });
    socket.once('connect', () => { socket.disconnect(); resolve('connected'); });
    socket.once('connect_error', (error) => { socket.disconnect(); resolve(error.message); });
  });

  it('accepts a page of the app’s own origin', async () => {
    expect(await connect(h.baseUrl)).toBe('connected');
  });

  it('refuses a page of a sibling subdomain that the SameSite cookie would still reach', async () => {
    expect(await connect('http://evil.lianshen.gov.cn')).not.toBe('connected');
  });

  it('accepts a machine client that sends no Origin', async () => {
    expect(await connect(undefined)).toBe('connected');
  });
});
