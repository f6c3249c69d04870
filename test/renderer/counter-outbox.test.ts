/**
 * The counter's outbox (renderer/counter/lib/hub-client.ts) against a real HTTP server on loopback that goes away and
 * comes back, and that can lose its answer after doing the work: no action is lost, none is done twice.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient, type HubAnswer, type PendingAction } from '../../renderer/counter/lib/hub-client.js';

/** A tiny hub stand-in with real idempotency: the first answer per key is stored and replayed. */
function fakeHub() {
  const effects: { key: string; path: string; body: unknown }[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  const seenKeys: string[] = [];
  let loseNextAnswer = false;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      seenKeys.push(key);
      if (req.headers.authorization !== 'Bearer counter-token-1') {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized', message: 'Thiếu hoặc sai mã truy cập của thiết bị.', messageEn: '' }));
        return;
      }
      let answer = answers.get(key);
      if (!answer) {
        effects.push({ key, path: req.url!, body: JSON.parse(raw || 'null') });
        answer = req.url!.endsWith('/refuse') ? { status: 404, body: { error: 'queue_empty', message: 'Không còn ai đang chờ ở quầy này.', messageEn: 'x' } } : { status: 200, body: { n: effects.length } };
        answers.set(key, answer);
      }
      if (loseNextAnswer) {
        loseNextAnswer = false;
        req.socket.destroy(); // the work is done, the answer never arrives
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  };
  let server: Server | null = null;
  let port = 0;
  return {
    effects,
    seenKeys,
    loseNextAnswer: () => (loseNextAnswer = true),
    async start() {
      server = createServer(handler);
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    },
  };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

const waitFor = async (condition: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('counter hub client outbox', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('answers directly while the hub is up, with a fresh Idempotency-Key per action and refusals as ErrorBody', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    cleanups.push(() => hub.stop());
    const client = createHubClient({ baseUrl, token: 'counter-token-1', storage: memoryStorage(), storageKey: 'o', retryMs: 20 });
    cleanups.push(() => client.close());
    expect(await client.post('/a', { x: 1 }, 'a')).toEqual({ ok: true, status: 200, data: { n: 1 } });
    const refused = await client.post('/refuse', {}, 'r');
    expect(refused).toMatchObject({ ok: false, status: 404, error: { error: 'queue_empty', message: 'Không còn ai đang chờ ở quầy này.' } });
    expect(new Set(hub.seenKeys).size).toBe(2);
    expect(hub.seenKeys.every((k) => /^[0-9a-f-]{36}$/.test(k))).toBe(true);
  });

  it('keeps actions taken while the hub is down, in order, across a reload, and delivers each exactly once', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    await hub.stop();
    const storage = memoryStorage();
    const changes: number[] = [];
    const first = createHubClient({ baseUrl, token: 'counter-token-1', storage, storageKey: 'o', retryMs: 20, onChange: (s) => changes.push(s.pending.length) });
    const queued = [await first.post('/call-next', {}, 'gọi số tiếp theo'), await first.post('/finish', {}, 'hoàn thành')];
    expect(queued).toEqual([
      { ok: false, status: 0, queued: true, key: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      { ok: false, status: 0, queued: true, key: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    expect(first.reachable()).toBe(false);
    expect(first.pending().map((p) => p.label)).toEqual(['gọi số tiếp theo', 'hoàn thành']);
    // The page is told each queued action's key, to put its result where its "waiting" note was once it is delivered.
    expect(first.pending().map((p) => p.key)).toEqual(queued.map((q) => ('key' in q ? q.key : null)));
    first.close(); // the page is reloaded while the hub is still down

    const delivered: [PendingAction, HubAnswer<unknown>][] = [];
    const second = createHubClient({ baseUrl, token: 'counter-token-1', storage, storageKey: 'o', retryMs: 20, onDelivered: (a, r) => delivered.push([a, r]) });
    cleanups.push(() => second.close());
    expect(second.pending()).toHaveLength(2);
    await second.flush(); // while the hub is still down (the page also flushes on every socket connect)
    await hub.start();
    cleanups.push(() => hub.stop());
    await waitFor(() => delivered.length === 2);
    expect(hub.effects.map((e) => e.path)).toEqual(['/call-next', '/finish']);
    expect(delivered.map(([a, r]) => [a.label, r.ok])).toEqual([['gọi số tiếp theo', true], ['hoàn thành', true]]);
    expect(second.pending()).toEqual([]);
    expect(JSON.parse(storage.map.get('o')!)).toEqual([]);
    expect(changes.at(-1)).toBe(2);
  });

  it('an action whose answer was lost is retried with the same key and not done twice', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    cleanups.push(() => hub.stop());
    const delivered: HubAnswer<unknown>[] = [];
    const client = createHubClient({ baseUrl, token: 'counter-token-1', storage: memoryStorage(), storageKey: 'o', retryMs: 20, onDelivered: (_a, r) => delivered.push(r) });
    cleanups.push(() => client.close());
    hub.loseNextAnswer();
    expect(await client.post('/call-next', {}, 'gọi số tiếp theo')).toMatchObject({ ok: false, status: 0, queued: true });
    await waitFor(() => delivered.length === 1);
    expect(hub.effects).toHaveLength(1);
    expect(hub.seenKeys).toHaveLength(2);
    expect(hub.seenKeys[0]).toBe(hub.seenKeys[1]);
    expect(delivered[0]).toEqual({ ok: true, status: 200, data: { n: 1 } });
  });

  it('keeps retrying after an empty flush (the page flushes on every socket connect, usually with nothing queued)', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    const client = createHubClient({ baseUrl, token: 'counter-token-1', storage: memoryStorage(), storageKey: 'o', retryMs: 20 });
    cleanups.push(() => client.close());
    await client.flush();
    await hub.stop();
    expect(await client.post('/call-next', {}, 'gọi số tiếp theo')).toMatchObject({ queued: true });
    await hub.start();
    cleanups.push(() => hub.stop());
    await waitFor(() => client.pending().length === 0);
    expect(hub.effects.map((e) => e.path)).toEqual(['/call-next']);
  });

  it('a later action waits behind queued ones so the hub sees them in the order staff took them', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    await hub.stop();
    // A long retry period: nothing is retried until this test says so (the socket's reconnect does it in the page).
    const client = createHubClient({ baseUrl, token: 'counter-token-1', storage: memoryStorage(), storageKey: 'o', retryMs: 60_000 });
    cleanups.push(() => client.close());
    await client.post('/one', {}, '1');
    await hub.start();
    cleanups.push(() => hub.stop());
    // The hub is back, but "/one" is still queued: "/two" must not overtake it.
    expect(await client.post('/two', {}, '2')).toMatchObject({ queued: true });
    expect(hub.effects).toEqual([]);
    await client.flush();
    expect(hub.effects.map((e) => e.path)).toEqual(['/one', '/two']);
  });

  it('tells the page when its token is refused', async () => {
    const hub = fakeHub();
    const baseUrl = await hub.start();
    cleanups.push(() => hub.stop());
    let unauthorized = 0;
    const client = createHubClient({ baseUrl, token: 'wrong-token', storage: memoryStorage(), storageKey: 'o', onUnauthorized: () => unauthorized++ });
    cleanups.push(() => client.close());
    expect(await client.get('/x')).toMatchObject({ ok: false, status: 401, error: { error: 'unauthorized' } });
    expect(unauthorized).toBe(1);
  });
});
