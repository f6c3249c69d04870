// Never overbooked, under any concurrency, on either database; and the sync cursor never skips a row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Slot, SyncBookingsResponse } from '../../src/shared/api.js';
import { bookingRequest, call, DATABASE_KINDS, nextPhone, startCentral, type TestCentral } from './central-helpers.js';

describe.each(DATABASE_KINDS)('concurrency on %s', (kind) => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startCentral(kind, { maxActiveBookingsPerPhone: 3, syncPageSize: 7 });
    // Capacity 5 for the Department of Transport group at the province centre.
    const source = structuredClone(central.store.catalog.source);
    source.offices[0]!.serviceGroups!.find((g) => g.id === 'sgtvt')!.capacityPerSlot = 5;
    await central.store.saveCatalog(source);
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('200 concurrent bookings on a capacity-5 slot create exactly 5', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => call(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', slot: '09:00' }))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(195);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error === 'slot_full')).toBe(true);
    const slots = await call<Slot[]>(central.url, 'GET', '/api/v1/offices/hg-ttphcc/slots?date=2022-01-07&procedure=GTVT-GPLX-CAPLAI');
    expect(slots.body.find((s) => s.start === '09:00')).toMatchObject({ capacity: 5, booked: 5, available: 0 });
  });

  it('one phone racing itself gets one booking per procedure and day, and no more than its hold limit', async () => {
    const phone = nextPhone();
    const citizen = { fullName: 'Hồ Văn Giàu', phone };
    const sameProcedure = await Promise.all(
      ['07:00', '07:15', '07:30', '07:45', '08:00', '08:15', '08:30', '08:45'].map((slot) =>
        call(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-10', slot, citizen })),
      ),
    );
    expect(sameProcedure.filter((r) => r.status === 201)).toHaveLength(1);
    expect(sameProcedure.filter((r) => r.status === 409).every((r) => r.body.error === 'duplicate_booking')).toBe(true);

    const procedures = ['GTVT-GPLX-CAPMOI', 'GTVT-GPLX-DOI', 'GTVT-PHUHIEU', 'GTVT-GPXTL', 'GTVT-GPKDVT', 'GTVT-THICONG'];
    const manyProcedures = await Promise.all(
      procedures.map((procedureCode) => call(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-11', procedureCode, citizen }))),
    );
    // One hold is already taken above; the limit is 3.
    expect(manyProcedures.filter((r) => r.status === 201)).toHaveLength(2);
    expect(manyProcedures.filter((r) => r.status === 409).every((r) => r.body.error === 'phone_limit')).toBe(true);
  });

  it('a hub polling with the cursor while bookings pour in sees every booking exactly as committed', async () => {
    const token = central.deviceTokens['hg-ttphcc']!;
    const seen = new Map<string, string>();
    let cursor = '0';
    const poll = async () => {
      for (;;) {
        const page = await call<SyncBookingsResponse>(central.url, 'GET', `/api/v1/sync/bookings?officeId=hg-ttphcc&date=2022-01-12&cursor=${cursor}`, undefined, {
          authorization: `Bearer ${token}`,
        });
        expect(page.status).toBe(200);
        for (const b of page.body.bookings) seen.set(b.code, b.status);
        cursor = page.body.cursor;
        if (!page.body.more) return;
      }
    };
    let writing = true;
    const poller = (async () => {
      while (writing) await poll();
    })();
    const slots = ['07:00', '07:15', '07:30', '07:45', '08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45'];
    const requests = Array.from({ length: 60 }, (_, i) => bookingRequest({ date: '2022-01-12', slot: slots[i % slots.length] }));
    const created = await Promise.all(requests.map((request) => call(central.url, 'POST', '/api/v1/bookings', request)));
    const codes = created.filter((r) => r.status === 201).map((r) => r.body.code as string);
    expect(codes).toHaveLength(60);
    // Cancel a few concurrently too: cancellations must reach the hub.
    const cancelled = await Promise.all(
      codes.slice(0, 6).map((code, i) => call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone: requests[i]!.citizen.phone })),
    );
    expect(cancelled.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    writing = false;
    await poller;
    await poll();
    expect(new Set(seen.keys())).toEqual(new Set(codes));
    expect(codes.map((code) => seen.get(code))).toEqual(codes.map((_, i) => (i < 6 ? 'cancelled' : 'booked')));
  });
});
