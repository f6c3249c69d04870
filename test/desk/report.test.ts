// The hub's day report: counter token only, built from its own bookings and tickets, in JSON, CSV and HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, manualClock, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

describe("the hub's day report", () => {
  const clock = manualClock('2022-01-06T07:50:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;
  beforeAll(async () => {
    central = await startCentral({ clock });
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens['hg-ttphcc']!, clock });
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('counts the day from the hub’s own records and keeps names and phones out', async () => {
    const served = await book(central.url, { date: '2022-01-06', slot: '08:00', citizen: { fullName: 'Trần Thị Bích', phone: '0912345001' } });
    const absent = await book(central.url, { date: '2022-01-06', slot: '08:00', citizen: { fullName: 'Lê Văn Cường', phone: '0912345002' } });
    const neverCame = await book(central.url, { date: '2022-01-06', slot: '08:15' });
    await hub.desk.syncNow();
    expect((await hub.request('POST', '/api/v1/checkins', { scan: served.token })).status).toBe(201);
    clock.advance(5 * 60_000);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: absent.token })).status).toBe(201);
    clock.advance(5 * 60_000);
    expect((await hub.request('POST', '/api/v1/counters/q1/call-next', {})).body.ticket.bookingCode).toBe(served.code);
    clock.advance(10 * 60_000);
    await hub.request('POST', '/api/v1/counters/q1/finish', {});
    expect((await hub.request('POST', '/api/v1/counters/q1/call-next', {})).body.ticket.bookingCode).toBe(absent.code);
    await hub.request('POST', '/api/v1/counters/q1/no-show', {});

    expect((await hub.request('GET', '/api/v1/reports/2022-01-06', undefined, { token: null })).status).toBe(401);
    const report = await hub.request('GET', '/api/v1/reports/2022-01-06');
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({ bookings: 3, cancelled: 0, checkedIn: 2, served: 1, noShows: 1, notArrived: 1, walkIns: 0 });
    // Waits: 07:50 → 08:00 and 07:55 → 08:10.
    expect(report.body.wait).toEqual({ count: 2, meanMinutes: 12.5, p95Minutes: 15 });
    expect(report.body.peakOccupancy).toBe(2);
    expect(report.body.perSlot.find((s: { slot: string }) => s.slot === '08:00')).toEqual({ slot: '08:00', capacity: 14, booked: 2, arrived: 2 });
    expect(report.body.rows.find((r: { code: string }) => r.code === neverCame.code)).toMatchObject({ status: 'booked', ticketNumber: null });

    const csv = await fetch(`${hub.desk.url}/api/v1/reports/2022-01-06?format=csv`, { headers: { authorization: `Bearer ${hub.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvText = await csv.text();
    expect(csvText).toContain(`${served.code},GTVT-GPLX-CAPLAI,08:00,served,1001,07:50,08:00,08:10`);
    const html = await (await fetch(`${hub.desk.url}/api/v1/reports/2022-01-06?format=html`, { headers: { authorization: `Bearer ${hub.token}` } })).text();
    expect(html).toContain('<svg');
    for (const secret of ['Trần Thị Bích', '0912345001', 'Lê Văn Cường', '0912345002']) {
      expect(csvText).not.toContain(secret);
      expect(html).not.toContain(secret);
      expect(JSON.stringify(report.body)).not.toContain(secret);
    }
    expect((await hub.request('GET', '/api/v1/reports/2022-13-45')).body.error).toBe('invalid_input');
  });
});
