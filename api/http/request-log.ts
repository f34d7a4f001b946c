/**
 * One log line per request (method, path, status, time, request id). pino-http's default
 * serializers copy every request and response header into each request's child logger — the
 * bearer token and session cookie included, so they ended up in the log — and do that work even
 * when the level is above info and nothing is written. These serializers keep what an operator
 * needs to find a request and nothing that signs anyone in.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { requestId: string }).requestId,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // Unwrapped: the raw request and response, without pino's full copy of them first.
    wrapSerializers: false,
  });
}
