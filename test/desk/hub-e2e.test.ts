import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { CheckinResult, DisplaySnapshot, HubStatus } from '../../src/shared/hub-events.js';
import { book, manualClock, OFFICE, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

describe('hub with a real central', () => {
  const clock = manualClock('2022-01-06T07:00:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;

  beforeAll(async () => {
    central = await startCentral({ clock });
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock });
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('syncs config, keys and bookings, then checks in by token, code and phone', async () => {
    const a = await book(central.url, { date: '2022-01-06', slot: '08:00' });
    const b = await book(central.url, { date: '2022-01-06', slot: '08:15' });
    const c = await book(central.url, { date: '2022-01-06', slot: '08:15', citizen: { fullName: 'Trần Thị Bình', phone: '0912345678' } });
    await hub.desk.syncNow();
    const status = hub.desk.status();
    expect(status).toMatchObject({ online: true, syncState: 'idle', officeName: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang', cap: 30, bookingsToday: 3 });
    clock.set('2022-01-06T07:45:00+07:00');

    const byToken = await hub.request('POST', '/api/v1/checkins', { scan: a.token });
    expect(byToken.status).toBe(201);
    expect((byToken.body as CheckinResult).ticket.number).toBe('1001');
    const byCode = await hub.request('POST', '/api/v1/checkins', { scan: b.code.toLowerCase() });
    expect(byCode.status).toBe(201);
    expect(byCode.body.ticket.number).toBe('1002');
    const byPhone = await hub.request('POST', '/api/v1/checkins', { scan: '0912 345 678' });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body.booking.phoneMasked).toBe('0912***678');
    const again = await hub.request('POST', '/api/v1/checkins', { scan: a.token });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(byToken.body.ticket.id);

    await hub.desk.syncNow();
    expect(hub.desk.status().outbox).toBe(0);
    const synced = await fetch(`${central.url}/api/v1/sync/bookings?officeId=${OFFICE}&date=2022-01-06`, {
      headers: { authorization: `Bearer ${central.central.deviceTokens[OFFICE]}` },
    });
    const page = (await synced.json()) as { bookings: { code: string; status: string }[] };
    expect(page.bookings.filter((x) => x.status === 'checked_in').map((x) => x.code).sort()).toEqual([a.code, b.code, c.code].sort());
  });

  it('calls next and the display receives a snapshot, then the call, without personal data', async () => {
    const socket: Socket = connect(`${hub.desk.url}/display`, { transports: ['websocket'], forceNew: true });
    const snapshot = await new Promise<DisplaySnapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.office.hotline).toBe('0293.3554567');
    const called = new Promise<{ ticketNumber: string; counterName: string }>((resolve) => socket.once('called', resolve));
    const res = await hub.request('POST', '/api/v1/counters/q1/call-next', {});
    expect(res.status).toBe(200);
    expect(res.body.ticket.number).toBe('1001');
    const call = await called;
    expect(call).toMatchObject({ ticketNumber: '1001', counterName: 'Quầy 1' });
    const state = await new Promise<unknown>((resolve) => socket.once('state', resolve));
    const wire = JSON.stringify([snapshot, call, state]);
    expect(wire).not.toMatch(/Nguyễn|Trần|0912|\*\*\*/);
    socket.close();
    const status = (await hub.request('GET', '/api/v1/status', undefined, { token: null })).body as HubStatus;
    expect(status).toMatchObject({ checkedIn: 3, waiting: 2, occupancy: 3 });
  });
});
