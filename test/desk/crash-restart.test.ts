import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HubStatus } from '../../src/shared/hub-events.js';
import { book, manualClock, OFFICE, readRows, startCentral, tempDir, type TestCentral } from '../helpers/desk.js';
import { startRecordingProxy } from '../helpers/desk-proxy.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface HubChild {
  child: ChildProcess;
  url: string;
  token: string;
  exited: Promise<number | null>;
}

/** Runs the real CLI (`src/desk/cli.ts`) in its own node process, as `npm run hub` does. */
async function spawnHub(args: { central: string; token: string; data: string }): Promise<HubChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/desk/cli.ts', '--central', args.central, '--office', OFFICE, '--token', args.token, '--port', '0', '--host', '127.0.0.1', '--data', args.data, '--counters', '2', '--sync-interval', '1000', '--clock', '2022-01-06T07:30:00+07:00', '--json'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    void exited.then((code) => fail(new Error(`hub exited (${code}) before printing its URL: ${stderr}`)));
  });
  const info = JSON.parse(line) as { url: string; counters: { id: string; token: string }[] };
  return { child, url: info.url, token: info.counters[0]!.token, exited };
}

async function hubCall(hub: HubChild, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${hub.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as { ticket: { number: string } } & HubStatus };
}

describe('kill -9 of the hub mid-sync, then restart on the same data', () => {
  const dir = tempDir();
  let central: TestCentral | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await central?.close();
    dir.remove();
  });

  it('loses no check-in, duplicates no ticket, and resumes sync from its cursor', async () => {
    central = await startCentral({ clock: manualClock('2022-01-05T10:00:00+07:00'), syncPageSize: 5 });
    const deviceToken = central.central.deviceTokens[OFFICE]!;
    const slotsOf = (slots: string[]) => slots.flatMap((slot) => Array.from({ length: 3 }, () => ({ date: '2022-01-06', slot })));
    const early = [];
    for (const b of slotsOf(['07:30', '07:45', '08:00', '08:15'])) early.push(await book(central.url, b));
    const proxy = await startRecordingProxy(central.url);
    const data = join(dir.path, 'hub');

    const hub1 = await spawnHub({ central: proxy.url, token: deviceToken, data });
    children.push(hub1.child);
    await vi.waitFor(async () => expect((await hubCall(hub1, 'GET', '/api/v1/status')).body).toMatchObject({ online: true, bookingsToday: 12 }), { timeout: 15_000, interval: 100 });

    for (const b of slotsOf(['08:30', '08:45', '09:00', '09:15'])) await book(central.url, b);
    // Freeze the hub's next multi-page pull of today's bookings (its periodic run, every second) at page 2.
    const isTodayPull = (url: string) => url.startsWith('/api/v1/sync/bookings') && url.includes('date=2022-01-06');
    const held = proxy.holdNext((url) => {
      const previous = proxy.exchanges.filter((e) => isTodayPull(e.url) && e.status === 200).at(-1);
      return isTodayPull(url) && previous !== undefined && (JSON.parse(previous.body!) as { more?: boolean }).more === true;
    });
    const first = await Promise.all(early.slice(0, 3).map((b) => hubCall(hub1, 'POST', '/api/v1/checkins', { scan: b.code })));
    expect(first.map((r) => r.status)).toEqual([201, 201, 201]);
    await held; // the hub's sync run is now waiting for page 2, with page 1 applied
    const duringSync = await hubCall(hub1, 'POST', '/api/v1/checkins', { scan: early[3]!.token });
    expect(duringSync.status).toBe(201);
    const numbers = [...first, duringSync].map((r) => r.body.ticket.number);
    expect(numbers.sort()).toEqual(['1001', '1002', '1003', '1004']);

    const todayPulls = proxy.exchanges.filter((e) => e.url.includes('/sync/bookings') && e.url.includes('date=2022-01-06') && e.status === 200);
    const cursorAfterPage1 = (JSON.parse(todayPulls.at(-1)!.body!) as { cursor: string }).cursor;
    hub1.child.kill('SIGKILL');
    expect(await hub1.exited).toBeNull(); // killed by signal, no clean shutdown
    const before = proxy.exchanges.length;

    const hub2 = await spawnHub({ central: proxy.url, token: deviceToken, data });
    children.push(hub2.child);
    await vi.waitFor(async () => expect((await hubCall(hub2, 'GET', '/api/v1/status')).body).toMatchObject({ online: true, bookingsToday: 24, outbox: 0 }), {
      timeout: 15_000,
      interval: 100,
    });
    const resumed = proxy.exchanges.slice(before).find((e) => e.url.includes('/sync/bookings') && e.url.includes('date=2022-01-06'))!;
    expect(new URL(resumed.url, 'http://x').searchParams.get('cursor')).toBe(cursorAfterPage1);

    // The same citizens get the same tickets; the next one continues the sequence.
    const again = await Promise.all(early.slice(0, 4).map((b) => hubCall(hub2, 'POST', '/api/v1/checkins', { scan: b.code })));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(again.map((r) => r.body.ticket.number).sort()).toEqual(['1001', '1002', '1003', '1004']);
    const fifth = await hubCall(hub2, 'POST', '/api/v1/checkins', { scan: early[4]!.code });
    expect(fifth.body.ticket.number).toBe('1005');
    await vi.waitFor(async () => expect((await hubCall(hub2, 'GET', '/api/v1/status')).body.outbox).toBe(0), { timeout: 10_000, interval: 100 });

    const events = readRows<{ id: string; booking_code: string }>(join(central.dataDir, 'central.sqlite'), "SELECT id, booking_code FROM desk_events WHERE type = 'checked_in'");
    expect(events.map((e) => e.booking_code).sort()).toEqual(early.slice(0, 5).map((b) => b.code).sort());
    hub2.child.kill('SIGTERM');
    expect(await hub2.exited).toBe(0);
    await proxy.close();
  });
});
