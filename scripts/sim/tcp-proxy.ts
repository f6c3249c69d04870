/**
 * A loopback TCP proxy that stands for the office's internet link: `cut()` drops every connection and refuses new
 * ones, as a real outage does; `restore()` brings the link back. The hub talks to central only through it.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface LinkProxy {
  url: string;
  cut(): void;
  restore(): void;
  readonly isUp: boolean;
  close(): Promise<void>;
}

export async function startLinkProxy(targetUrl: string): Promise<LinkProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    get isUp() {
      return up;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
