/**
 * socket.io abuse against a real hub server on 127.0.0.1 (no central needed: an empty office store):
 * /counter without or with a bad token, arbitrary and oversized events into /display and /counter, a
 * connection flood, and the LAN-only guard, which must cover socket.io as well as REST.
 */
import { randomBytes } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { createHubContext } from '../../src/desk/hub-context.js';
import { createHubServer, type HubServer } from '../../src/desk/hub/hub-server.js';
import { hubStatus } from '../../src/desk/hub/views.js';
import { silentLogger } from '../../src/desk/logger.js';
import { createManualClock } from '../../src/shared/time.js';

interface Started {
  url: string;
  server: HubServer;
  token: string;
  counts(): { tickets: number; outbox: number };
  close(): Promise<void>;
}

const started: Started[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

/** A hub server over an in-memory store with counters q1 and q2; `remoteAddress` pretends every client comes from there. */
async function startHub(opts: { remoteAddress?: string; lanOnly?: boolean } = {}): Promise<Started> {
  const db = openDb(':memory:');
  migrate(db, HUB_MIGRATIONS);
  const tokens = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
  tokens.forEach((token, i) => db.prepare('INSERT INTO counters (id, name, number, token, created_at) VALUES (?, ?, ?, ?, 0)').run(`q${i + 1}`, `Quầy ${i + 1}`, i + 1, token));
  const clock = createManualClock('2022-01-06T08:00:00+07:00');
  const ctx = createHubContext({ db, clock, officeId: 'hg-ttphcc', logger: silentLogger });
  const status = () => hubStatus(ctx, { state: 'idle', online: true, lastSyncAt: null, lastError: null });
  const server = await createHubServer({ ctx, status, pairingCode: '123456', staticDir: '/nonexistent', audioDir: '/nonexistent', onWrite: () => undefined, lanOnly: opts.lanOnly });
  if (opts.remoteAddress) {
    // Loopback is all a test may use; an own property on each accepted socket stands in for a client elsewhere.
    server.app.server.on('connection', (socket: NetSocket) => Object.defineProperty(socket, 'remoteAddress', { value: opts.remoteAddress }));
  }
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const hub: Started = {
    url: `http://127.0.0.1:${port}`,
    server,
    token: tokens[0]!,
    counts: () => ({ tickets: count('tickets'), outbox: count('outbox') }),
    async close() {
      await server.close();
      db.close();
    },
  };
  started.push(hub);
  return hub;
}

function open(url: string, auth?: Record<string, unknown>, transports: string[] = ['websocket']): Socket {
  return connect(url, { transports, forceNew: true, reconnection: false, timeout: 3000, ...(auth ? { auth } : {}) });
}

/** Resolves with the first of `connect` (true) or `connect_error`/`disconnect` (the error). */
function outcome(socket: Socket): Promise<true | (Error & { data?: { error?: string; message?: string } })> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', (error) => resolve(error));
  });
}

describe('socket.io under abuse', () => {
  it('refuses /counter without a token, with a wrong, non-string or oversized one, with a Vietnamese reason', async () => {
    const hub = await startHub();
    for (const auth of [undefined, {}, { token: 'nope-nope-nope' }, { token: { $ne: '' } }, { token: ['x'] }, { token: 42 }, { token: hub.token.slice(0, -1) }, { token: 'x'.repeat(10_000) }]) {
      const socket = open(`${hub.url}/counter`, auth);
      const result = await outcome(socket);
      expect(result).not.toBe(true);
      const error = result as Error & { data?: { error?: string; message?: string } };
      if (error.data) {
        expect(error.data.error).toBe('unauthorized');
        expect(error.data.message).toMatch(/mã truy cập/u);
      }
      socket.close();
    }
    const good = open(`${hub.url}/counter`, { token: hub.token });
    expect(await outcome(good)).toBe(true);
    good.close();
  });

  it('ignores arbitrary events sent into /display and /counter, and cuts off an oversized frame', async () => {
    const hub = await startHub();
    const display = open(`${hub.url}/display`);
    const counter = open(`${hub.url}/counter`, { token: hub.token });
    await Promise.all([outcome(display), outcome(counter)]);
    const before = hub.counts();
    for (const [event, payload] of [
      ['call-next', { counterId: 'q1' }],
      ['snapshot', { fake: true }],
      ['__proto__', { polluted: true }],
      ['constructor', 'x'],
      ['called', { ticketNumber: '1001' }],
    ] as const) {
      display.emit(event, payload);
      counter.emit(event, payload, () => undefined);
    }
    for (let i = 0; i < 1000; i++) counter.emit('call-next', { counterId: 'q2', i });
    const still = await fetch(`${hub.url}/api/v1/status`);
    expect(still.status).toBe(200);
    expect(hub.counts()).toEqual(before);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(counter.connected).toBe(true);
    // A 100 KB frame is over the 16 KB limit: that one client is dropped, the hub carries on.
    const dropped = new Promise((resolve) => display.once('disconnect', resolve));
    display.emit('x', 'y'.repeat(100_000));
    await dropped;
    expect((await fetch(`${hub.url}/api/v1/status`)).status).toBe(200);
    counter.close();
  });

  it('survives a flood of 200 display connections (websocket and polling) and serves each a snapshot', async () => {
    const hub = await startHub();
    const sockets = Array.from({ length: 200 }, (_, i) => open(`${hub.url}/display`, undefined, i % 4 === 0 ? ['polling'] : ['websocket']));
    const snapshots = await Promise.all(sockets.map((s) => new Promise<boolean>((resolve) => s.once('snapshot', () => resolve(true)))));
    expect(snapshots.every(Boolean)).toBe(true);
    for (const s of sockets) s.close();
    expect((await fetch(`${hub.url}/api/v1/status`)).status).toBe(200);
  });

  it('applies the LAN-only guard to socket.io too: a client from a public address gets neither REST nor sockets', async () => {
    const hub = await startHub({ remoteAddress: '203.0.113.7' });
    const rest = await fetch(`${hub.url}/api/v1/status`);
    expect(rest.status).toBe(403);
    expect(((await rest.json()) as { error: string }).error).toBe('forbidden');
    for (const [namespace, auth] of [['/display', undefined], ['/counter', { token: hub.token }]] as const) {
      for (const transports of [['websocket'], ['polling']]) {
        const socket = open(`${hub.url}${namespace}`, auth, transports);
        expect(await outcome(socket)).not.toBe(true);
        socket.close();
      }
    }
    const polling = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(403);
  });

  it('lets a LAN address in, and lets a public one in when lanOnly is off', async () => {
    for (const opts of [{ remoteAddress: '192.168.1.20' }, { remoteAddress: '203.0.113.7', lanOnly: false }]) {
      const hub = await startHub(opts);
      const display = open(`${hub.url}/display`);
      expect(await outcome(display)).toBe(true);
      display.close();
    }
  });
});
