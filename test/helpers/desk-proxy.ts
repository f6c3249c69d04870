/**
 * A real HTTP proxy between a hub and central that records every request (and answer) and can hold one
 * matching request forever — to freeze a hub "mid-sync" at an exact point, e.g. before `kill -9`.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedExchange {
  method: string;
  url: string;
  status?: number;
  body?: string;
}

export async function startRecordingProxy(target: string) {
  const exchanges: ProxiedExchange[] = [];
  let hold: { match: (url: string) => boolean; resolve: (url: string) => void } | null = null;
  const held: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    const exchange: ProxiedExchange = { method: req.method ?? 'GET', url: req.url ?? '/' };
    exchanges.push(exchange);
    if (hold && hold.match(exchange.url)) {
      const h = hold;
      hold = null;
      held.push(req);
      h.resolve(exchange.url);
      return; // never answered
    }
    const upstream = httpRequest(new URL(exchange.url, target), { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        exchange.status = answer.statusCode;
        exchange.body = body.toString('utf8');
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(body);
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    exchanges,
    /** Resolves with the URL of the first later request matching `match`, which is then held unanswered. */
    holdNext(match: (url: string) => boolean): Promise<string> {
      return new Promise((resolve) => (hold = { match, resolve }));
    },
    async close() {
      for (const req of held) req.socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
