/**
 * The whole platform for a browser test: the real app over HTTP with realtime (socket.io) and the
 * built web app on one origin, a fresh database with the demo org and one user per role
 * (`USERS`, password `PASSWORD`), and the harness's manual clock to make limits pass.
 */
import { attachRealtime, type Realtime } from '../../../api/realtime/realtime-server.ts';
import { buildWeb, WEB_DIST } from '../../../web/build.ts';
import { createApiHarness, type ApiHarness } from '../../support/api-harness.ts';

export interface E2eApp extends ApiHarness {
  realtime: Realtime;
}

/** Build web/dist if its sources changed, then start the app serving it. */
export async function startE2eApp(start?: string): Promise<E2eApp> {
  await buildWeb({ quiet: true });
  const h = await createApiHarness(start, { webRoot: WEB_DIST });
  const realtime = attachRealtime({ httpServer: h.server, pool: h.db.pool, runtime: h.runtime });
  return {
    ...h, realtime,
    close: async () => {
      await realtime.close();
      await h.close();
    },
  };
}
