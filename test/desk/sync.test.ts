import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubStatus } from '../../src/shared/hub-events.js';
import { book, DISTRICT, manualClock, OFFICE, readRows, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

/** Records what the hub sends to central; can drop answers to simulate a link that fails after central committed. */
function recordingFetch() {
  const posted: string[][] = [];
  let dropNextEventsAnswer = false;
  const fetchFn: typeof fetch = async (input, init) => {
    const url = String(input);
    if (url.includes('/api/v1/sync/events') && init?.body) posted.push((JSON.parse(String(init.body)) as { events: { id: string }[] }).events.map((e) => e.id));
    const res = await fetch(input, init);
    if (url.includes('/api/v1/sync/events') && dropNextEventsAnswer) {
      dropNextEventsAnswer = false;
      await res.text();
      throw new TypeError('connection reset after central committed');
    }
    return res;
  };
  return { fetchFn, posted, dropNextAnswer: () => (dropNextEventsAnswer = true) };
}

describe('sync with central going away and coming back', () => {
  const clock = manualClock('2022-01-06T07:30:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;
  const recorder = recordingFetch();

  beforeAll(async () => {
    central = await startCentral({ clock: manualClock('2022-01-05T10:00:00+07:00') });
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock, fetch: recorder.fetchFn });
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('keeps checking in while central is down, then delivers every event exactly once', async () => {
    const synced = await Promise.all(['07:30', '07:45', '08:00'].map((slot) => book(central.url, { date: '2022-01-06', slot })));
    const tomorrow = await book(central.url, { date: '2022-01-07', slot: '07:30' });
    await hub.desk.syncNow();
    expect(hub.desk.status()).toMatchObject({ online: true, bookingsToday: 3 });
    const afterSync = await book(central.url, { date: '2022-01-06', slot: '08:00' }); // the hub never saw this one

    const counterSocket = connect(`${hub.desk.url}/counter`, { transports: ['websocket'], auth: { token: hub.token }, forceNew: true });
    await new Promise((resolve) => counterSocket.once('snapshot', resolve));
    const wentOffline = new Promise<HubStatus>((resolve) => counterSocket.on('status', (s: HubStatus) => !s.online && resolve(s)));
    await central.stop();
    await hub.desk.syncNow();
    expect(hub.desk.status()).toMatchObject({ online: false, syncState: 'offline' });
    expect(await wentOffline).toMatchObject({ online: false, syncState: 'offline' });
    const results = await Promise.all([
      ...synced.map((b) => hub.request('POST', '/api/v1/checkins', { scan: b.token })),
      hub.request('POST', '/api/v1/checkins', { scan: afterSync.token }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect((await hub.request('POST', '/api/v1/counters/q1/call-next', {})).status).toBe(200);
    expect(hub.desk.status()).toMatchObject({ online: false, outbox: 5, checkedIn: 4 });

    // The first delivery commits at central but its answer is lost: the hub must resend, central must not store twice.
    await central.restart();
    recorder.dropNextAnswer();
    await hub.desk.syncNow();
    expect(hub.desk.status().outbox).toBe(5);
    // From here the hub's own retry timer (backoff with jitter) brings it back without help.
    await vi.waitFor(() => expect(hub.desk.status()).toMatchObject({ online: true, outbox: 0 }), { timeout: 5000, interval: 25 });
    counterSocket.close();

    const hubEvents = readRows<{ id: string }>(join(hub.dataDir, 'hub.sqlite'), 'SELECT id FROM outbox ORDER BY seq').map((r) => r.id);
    const centralEvents = readRows<{ id: string }>(join(central.dataDir, 'central.sqlite'), 'SELECT id FROM desk_events WHERE office_id = ?', [OFFICE]).map((r) => r.id);
    expect(centralEvents.sort()).toEqual([...hubEvents].sort());
    expect(recorder.posted.flat().length).toBeGreaterThan(hubEvents.length); // some ids were sent twice…
    expect(new Set(centralEvents).size).toBe(centralEvents.length); // …and stored once

    // Central now knows every check-in, including the one booked after the hub's last sync.
    const statuses = readRows<{ code: string; status: string }>(join(central.dataDir, 'central.sqlite'), 'SELECT code, status FROM bookings WHERE date = ?', ['2022-01-06']);
    for (const b of [...synced, afterSync]) expect(statuses.find((s) => s.code === b.code)?.status).toBe('checked_in');

    // Tomorrow's bookings were prefetched: after midnight they check in with central down.
    await central.stop();
    clock.set('2022-01-07T07:10:00+07:00');
    const next = await hub.request('POST', '/api/v1/checkins', { scan: tomorrow.code });
    expect(next.status).toBe(201);
    expect(next.body.ticket.number).toBe('1001');
    await central.restart();
  });

  it('refuses to sync with a bad device token and says so in the status', async () => {
    const stray = await startDesk({ centralUrl: central.url, deviceToken: 'mcd_not-a-real-token', clock, officeId: DISTRICT });
    try {
      await stray.desk.syncNow();
      expect(stray.desk.status()).toMatchObject({ online: false, syncState: 'error' });
    } finally {
      await stray.close();
    }
  });
});

describe('midnight rollover under a controlled clock', () => {
  it("closes yesterday's unfinished tickets as no-shows, restarts numbering, purges old personal data", async () => {
    const clock = manualClock('2022-01-06T16:40:00+07:00');
    const central = await startCentral({ clock: manualClock('2022-01-05T10:00:00+07:00') });
    const hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[DISTRICT]!, clock, officeId: DISTRICT });
    try {
      const b = await book(central.url, { officeId: DISTRICT, date: '2022-01-06', slot: '16:30' });
      await hub.desk.syncNow();
      expect((await hub.request('POST', '/api/v1/checkins', { scan: b.token })).body.ticket.number).toBe('1001');
      await hub.request('POST', '/api/v1/walk-ins', {});
      await hub.request('POST', '/api/v1/walk-ins', {});
      expect((await hub.request('POST', '/api/v1/counters/q1/call-next', {})).body.ticket.number).toBe('1001');
      expect(hub.desk.status()).toMatchObject({ checkedIn: 3, waiting: 2, occupancy: 3 });

      clock.set('2022-01-06T23:59:59+07:00');
      expect((await hub.request('POST', '/api/v1/walk-ins', {})).body.ticket.number).toBe('1004');
      clock.set('2022-01-07T00:00:01+07:00'); // 17:00:01 UTC on the 6th: local midnight, not UTC's
      expect(hub.desk.status()).toMatchObject({ checkedIn: 0, waiting: 0, occupancy: 0 });
      const fresh = await hub.request('POST', '/api/v1/walk-ins', {});
      expect(fresh.body.ticket.number).toBe('1001');

      const file = join(hub.dataDir, 'hub.sqlite');
      const old = readRows<{ number: string; status: string }>(file, "SELECT number, status FROM tickets WHERE day = '2022-01-06' ORDER BY number");
      expect(old).toEqual([
        { number: '1001', status: 'no_show' },
        { number: '1002', status: 'no_show' },
        { number: '1003', status: 'no_show' },
        { number: '1004', status: 'no_show' },
      ]);
      const noShows = readRows<{ event: string }>(file, "SELECT event FROM outbox WHERE type = 'no_show'").map((r) => JSON.parse(r.event) as { bookingCode?: string; data: { reason: string } });
      expect(noShows).toHaveLength(4);
      expect(noShows.filter((e) => e.bookingCode === b.code)).toHaveLength(1);
      expect(noShows.every((e) => e.data.reason === 'day_rollover')).toBe(true);

      // 31 days later the citizen's name and phone are gone from the desk.
      expect(readRows(file, 'SELECT code FROM bookings WHERE code = ?', [b.code])).toHaveLength(1);
      clock.set('2022-02-07T08:00:00+07:00');
      await hub.request('POST', '/api/v1/walk-ins', {});
      expect(readRows(file, 'SELECT code FROM bookings WHERE code = ?', [b.code])).toHaveLength(0);
      expect(readRows(file, "SELECT id FROM tickets WHERE day = '2022-01-06'")).toHaveLength(0);
    } finally {
      await hub.close();
      await central.close();
    }
  });
});
