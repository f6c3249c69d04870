// Booking rules over HTTP, on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingCreatedSchema, BookingViewSchema, SlotSchema } from '../../src/shared/api.js';
import { parseToken } from '../../src/shared/token.js';
import { bookingRequest, call, DATABASE_KINDS, nextPhone, startCentral, type TestCentral } from './central-helpers.js';

describe.each(DATABASE_KINDS)('bookings on %s', (kind) => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startCentral(kind, { maxActiveBookingsPerPhone: 3 });
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('lists the demo offices and their procedures', async () => {
    const offices = await call<{ id: string; name: string }[]>(central.url, 'GET', '/api/v1/offices');
    expect(offices.status).toBe(200);
    expect(offices.body.map((o) => o.id)).toEqual(['hg-ttphcc', 'hg-vithanh', 'hg-ngabay', 'hg-longmy-tx', 'hg-chauthanh', 'hg-chauthanha', 'hg-phunghiep', 'hg-vithuy', 'hg-longmy']);
    const procedures = await call<{ name: string; groupId: string }[]>(central.url, 'GET', '/api/v1/offices/hg-ttphcc/procedures');
    expect(procedures.body.filter((p) => p.groupId === 'sgtvt').length).toBeGreaterThanOrEqual(10);
    expect(procedures.body.map((p) => p.name)).toContain('Cấp mới Giấy phép lái xe');
    expect((await call(central.url, 'GET', '/api/v1/offices/nowhere/procedures')).body).toMatchObject({ error: 'office_not_found' });
  });

  it('creates a booking with a signed MC1 token and a QR image, and counts it in the slot', async () => {
    const request = bookingRequest({ slot: '09:15' });
    const created = await call(central.url, 'POST', '/api/v1/bookings', request);
    expect(created.status).toBe(201);
    const booking = BookingCreatedSchema.parse(created.body);
    expect(booking.qr.startsWith('data:image/png;base64,')).toBe(true);
    const parsed = parseToken(booking.token);
    expect(parsed?.payload).toMatchObject({ bookingCode: booking.code, officeId: 'hg-ttphcc', date: '2022-01-06', slot: '09:15' });
    const slots = await call<unknown[]>(central.url, 'GET', '/api/v1/offices/hg-ttphcc/slots?date=2022-01-06&procedure=GTVT-GPLX-CAPLAI');
    const slot = slots.body.map((s) => SlotSchema.parse(s)).find((s) => s.start === '09:15');
    expect(slot).toEqual({ start: '09:15', end: '09:30', capacity: 4, booked: 1, available: 3 });
    const view = await call(central.url, 'GET', `/api/v1/bookings/${booking.code}?phone=${request.citizen.phone}`);
    expect(BookingViewSchema.parse(view.body)).toMatchObject({ code: booking.code, status: 'booked', procedureName: 'Cấp lại Giấy phép lái xe' });
    const wrongPhone = await call(central.url, 'GET', `/api/v1/bookings/${booking.code}?phone=${nextPhone()}`);
    expect(wrongPhone.status).toBe(404);
  });
});
