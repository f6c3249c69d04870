// The day's report at central, built from bookings and the desk events received (contracts.md, issue 8).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport } from '../../src/shared/day-report.js';
import { bookingRequest, call, DATABASE_KINDS, startCentral, type TestCentral } from './central-helpers.js';

const at = (hhmm: string) => Date.parse(`2022-01-06T${hhmm}:00+07:00`);

describe.each(DATABASE_KINDS)('day report on %s', (kind) => {
  let central: TestCentral;
  let auth: Record<string, string>;
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    central = await startCentral(kind);
    auth = { authorization: `Bearer ${central.deviceTokens['hg-ttphcc']}` };
    const phones: Record<string, string> = {};
    for (const [name, slot] of [['served', '08:15'], ['noShow', '08:15'], ['cancelled', '08:30'], ['away', '08:45']] as const) {
      const request = bookingRequest({ slot });
      const created = await call(central.url, 'POST', '/api/v1/bookings', request);
      expect(created.status).toBe(201);
      codes[name] = created.body.code as string;
      phones[name] = request.citizen.phone;
    }
    await call(central.url, 'POST', `/api/v1/bookings/${codes.cancelled}/cancel`, { phone: phones.cancelled });
    const event = (type: string, time: string, extra: Record<string, unknown>) => ({ id: randomUUID(), type, at: at(time), ...extra });
    const served = { bookingCode: codes.served, ticketNumber: '1001' };
    const noShow = { bookingCode: codes.noShow, ticketNumber: '1002' };
    const walkIn = { ticketNumber: '1003', data: { ticketId: 'ticket-w1' } };
    const sent = await call(
      central.url,
      'POST',
      '/api/v1/sync/events',
      {
        officeId: 'hg-ttphcc',
        events: [
          event('checked_in', '08:10', served),
          event('checked_in', '08:12', noShow),
          event('walk_in_issued', '08:15', walkIn),
          event('called', '08:20', { ...served, counterId: 'q1' }),
          event('called', '08:25', { ...walkIn, counterId: 'q2' }),
          event('finished', '08:30', { ...served, counterId: 'q1' }),
          event('finished', '08:35', { ...walkIn, counterId: 'q2' }),
          event('called', '08:40', { ...noShow, counterId: 'q1' }),
          event('recalled', '08:42', { ...noShow, counterId: 'q1' }),
          event('no_show', '08:45', { ...noShow, counterId: 'q1' }),
        ],
      },
      auth,
    );
    expect(sent.status).toBe(200);
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('counts bookings, arrivals, waits and occupancy from the desk events', async () => {
    const report = await call<DayReport & { eventsReceived: number }>(central.url, 'GET', '/api/v1/reports/hg-ttphcc/2022-01-06', undefined, auth);
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({ bookings: 4, cancelled: 1, checkedIn: 3, served: 2, noShows: 1, notArrived: 1, walkIns: 1 });
    expect(report.body.wait).toEqual({ count: 3, meanMinutes: 16, p95Minutes: 28 });
    expect(report.body.peakOccupancy).toBe(3);
    expect(report.body.cap).toBe(30);
    expect(report.body.eventsReceived).toBe(10);
    expect(report.body.perSlot.find((s) => s.slot === '08:15')).toEqual({ slot: '08:15', capacity: 14, booked: 2, arrived: 2 });
    const servedRow = report.body.rows.find((r) => r.code === codes.served);
    expect(servedRow).toMatchObject({ status: 'served', ticketNumber: '1001', checkedInAt: at('08:10'), calledAt: at('08:20'), closedAt: at('08:30') });
    expect(report.body.rows.find((r) => r.code === null)).toMatchObject({ status: 'served', ticketNumber: '1003', checkedInAt: at('08:15') });
    expect(JSON.stringify(report.body)).not.toMatch(/Nguyễn|09\d{8}/);
  });

  it('renders CSV and printable HTML, and refuses another office', async () => {
    const csv = await fetch(`${central.url}/api/v1/reports/hg-ttphcc/2022-01-06?format=csv`, { headers: auth });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('bookings,4');
    expect(text).toContain(`${codes.served},GTVT-GPLX-CAPLAI,08:15,served,1001,08:10,08:20,08:30`);
    const html = await fetch(`${central.url}/api/v1/reports/hg-ttphcc/2022-01-06?format=html`, { headers: auth });
    expect(await html.text()).toContain('Báo cáo tiếp nhận hồ sơ ngày 2022-01-06');
    const other = await call(central.url, 'GET', '/api/v1/reports/hg-vithanh/2022-01-06', undefined, auth);
    expect(other.status).toBe(403);
    const badFormat = await call(central.url, 'GET', '/api/v1/reports/hg-ttphcc/2022-01-06?format=pdf', undefined, auth);
    expect(badFormat.status).toBe(400);
  });
});
