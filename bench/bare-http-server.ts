/**
 * The bare HTTP server of bare-http.ts, run as its own process so that its CPU is its own: plain
 * `node:http`, no framework, no middleware, no database. It reads each request's body, parses it
 * as JSON (as any JSON API must) and answers with the text it was given.
 *
 * Protocol: the parent sends `{ type: 'serve', answer }`; the server posts `{ type: 'listening',
 * port }`. On `{ type: 'cpu' }` it posts `{ type: 'cpu', ms }` (its CPU so far); on
 * `{ type: 'stop' }` it closes and exits.
 */
import http from 'node:http';

type Message = { type: 'serve'; answer: string } | { type: 'cpu' } | { type: 'stop' };

let server: http.Server | undefined;

process.on('message', (message: Message) => {
  if (message.type === 'serve') {
    const answer = Buffer.from(message.answer);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
        res.end(answer);
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => {
      const address = server!.address();
      process.send!({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
    });
  } else if (message.type === 'cpu') {
    const used = process.cpuUsage();
    process.send!({ type: 'cpu', ms: (used.user + used.system) / 1000 });
  } else {
    server?.closeAllConnections();
    server?.close(() => process.exit(0));
    if (!server) process.exit(0);
  }
});
