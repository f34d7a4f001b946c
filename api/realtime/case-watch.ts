/**
 * `case:watch` / `case:unwatch`: a client follows one case (its page is open) by joining the
 * room `case:<id>`, only when `canReadCase` allows it. A case the caller may not read and a case
 * that does not exist get the same answer, `not_found`, as over HTTP.
 */
import { z } from 'zod';
import { canReadCase } from '../cases/case-policy.ts';
import type { CaseReads } from '../read-models/case-reads.ts';
import type { RealtimeSocket, WatchAck } from './realtime-contract.ts';
import { room } from './realtime-rooms.ts';

const WatchInput = z.object({ caseId: z.uuid() });

/** Register the watch handlers on a connected, authenticated socket. */
export function handleCaseWatch(socket: RealtimeSocket, reads: CaseReads, log?: (message: string, fields?: Record<string, unknown>) => void): void {
  socket.on('case:watch', async (input, ack) => {
    const answer = await watch(socket, input, reads).catch((error): WatchAck => {
      log?.('case:watch failed', { error: String(error) });
      return { ok: false, code: 'unavailable' };
    });
    if (typeof ack === 'function') ack(answer);
  });
  socket.on('case:unwatch', async (input, ack) => {
    const parsed = WatchInput.safeParse(input);
    if (parsed.success) await socket.leave(room.case(parsed.data.caseId));
    if (typeof ack === 'function') ack({ ok: true });
  });
}

async function watch(socket: RealtimeSocket, input: unknown, reads: CaseReads): Promise<WatchAck> {
  const parsed = WatchInput.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'invalid_input' };
  const c = await reads.caseById(parsed.data.caseId);
  if (!c || !(await canReadCase(socket.data.user, c, reads))) return { ok: false, code: 'not_found' };
  await socket.join(room.case(c.id));
  return { ok: true };
}
