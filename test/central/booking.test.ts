// Booking rules over real HTTP, on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BookingCreatedSchema, BookingViewSchema, SlotSchema, type BookingView, type Slot } from '../../src/shared/api.js';
import { parseToken } from '../../src/shared/token.js';
import { bookingRequest, call, DATABASE_KINDS, nextPhone, startCentral, THURSDAY_MORNING, type TestCentral } from './central-helpers.js';

/** Capacity per slot of the Department of Transport's group at the demo provincial centre (the catalog's data). */
const TRANSPORT_CAPACITY = 10;

describe.each(DATABASE_KINDS)('bookings on %s', (kind) => {
  let central: TestCentral;
  const book = (overrides: Record<string, unknown> = {}) => call(central.url, 'POST', '/api/v1/bookings', bookingRequest(overrides));
  const slotsOf = async (date: string, procedure = 'GTVT-GPLX-CAPLAI', officeId = 'hg-ttphcc') =>
    (await call<Slot[]>(central.url, 'GET', `/api/v1/offices/${officeId}/slots?date=${date}&procedure=${procedure}`)).body;
  const view = async (code: string, phone: string) => (await call<BookingView>(central.url, 'GET', `/api/v1/bookings/${code}?phone=${phone}`)).body;

  beforeAll(async () => {
    central = await startCentral(kind, { maxActiveBookingsPerPhone: 3 });
  });
  afterAll(async () => {
    await central?.dispose();
  });
  beforeEach(() => central.clock.set(THURSDAY_MORNING));

  it('lists the demo offices and their procedures', async () => {
    const offices = await call<{ id: string; name: string }[]>(central.url, 'GET', '/api/v1/offices');
    expect(offices.status).toBe(200);
    expect(offices.body.map((o) => o.id)).toEqual(['hg-ttphcc', 'hg-vithanh', 'hg-ngabay', 'hg-longmy-tx', 'hg-chauthanh', 'hg-chauthanha', 'hg-phunghiep', 'hg-vithuy', 'hg-longmy']);
    const procedures = await call<{ name: string; groupId: string }[]>(central.url, 'GET', '/api/v1/offices/hg-ttphcc/procedures');
    expect(procedures.body.filter((p) => p.groupId === 'sgtvt').length).toBeGreaterThanOrEqual(10);
    expect(procedures.body.map((p) => p.name)).toContain('Cấp mới Giấy phép lái xe');
    const missing = await call(central.url, 'GET', '/api/v1/offices/nowhere/procedures');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'office_not_found', message: 'Không tìm thấy đơn vị.' });
  });

  it('reports the server clock on /healthz', async () => {
    const health = await call<{ ok: boolean; now: number }>(central.url, 'GET', '/healthz');
    expect(health.body).toEqual({ ok: true, now: Date.parse(THURSDAY_MORNING) });
  });

  it('creates a booking with a signed MC1 token and a QR image, and counts it in the slot', async () => {
    const request = bookingRequest({ slot: '09:15' });
    const created = await call(central.url, 'POST', '/api/v1/bookings', request);
    expect(created.status).toBe(201);
    const booking = BookingCreatedSchema.parse(created.body);
    expect(booking.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(booking.qr.startsWith('data:image/png;base64,')).toBe(true);
    expect(parseToken(booking.token)?.payload).toMatchObject({ bookingCode: booking.code, officeId: 'hg-ttphcc', date: '2022-01-06', slot: '09:15' });
    const slot = (await slotsOf('2022-01-06')).map((s) => SlotSchema.parse(s)).find((s) => s.start === '09:15');
    expect(slot).toEqual({ start: '09:15', end: '09:30', capacity: 10, booked: 1, available: 9 });
    const found = BookingViewSchema.parse(await view(booking.code, request.citizen.phone));
    expect(found).toMatchObject({ code: booking.code, status: 'booked', procedureName: 'Cấp lại Giấy phép lái xe', slotEnd: '09:30', token: booking.token });
    // Read out or typed loosely (lower case, a dash, O for 0): still found.
    const loose = `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`.toLowerCase().replace(/0/g, 'o');
    expect((await call(central.url, 'GET', `/api/v1/bookings/${loose}?phone=${request.citizen.phone}`)).status).toBe(200);
    expect((await call(central.url, 'GET', `/api/v1/bookings/ABC?phone=${request.citizen.phone}`)).body).toMatchObject({ error: 'invalid_input' });
    // Another phone learns nothing about the booking.
    const wrongPhone = await call(central.url, 'GET', `/api/v1/bookings/${booking.code}?phone=${nextPhone()}`);
    expect(wrongPhone.status).toBe(404);
    expect(wrongPhone.body).toMatchObject({ error: 'not_found' });
  });

  it('accepts phone numbers written with +84, spaces and dots, and records a relative', async () => {
    const relativePhone = nextPhone();
    const citizenPhone = nextPhone();
    const created = await book({
      citizen: { fullName: '  trần   thị bích  ', phone: `+84 ${citizenPhone.slice(1, 4)}.${citizenPhone.slice(4)}`, idNumber: '093201000123' },
      bookedBy: { kind: 'relative', name: 'Trần Văn Bình', phone: relativePhone },
    });
    expect(created.status).toBe(201);
    const found = await view(created.body.code as string, citizenPhone);
    expect(found.citizen).toEqual({ fullName: 'trần thị bích', phone: citizenPhone, idNumber: '093201000123' });
    expect(found.bookedBy).toEqual({ kind: 'relative', name: 'Trần Văn Bình', phone: relativePhone });
  });

  it('lists slots per working session and none on a closed day', async () => {
    const slots = await slotsOf('2022-01-07');
    expect(slots[0]).toMatchObject({ start: '07:00', end: '07:15' });
    expect(slots.at(-1)).toMatchObject({ start: '16:45', end: '17:00' });
    expect(slots.some((s) => s.start === '11:30' || s.start === '12:00')).toBe(false);
    expect(slots).toHaveLength(18 + 14);
    expect(await slotsOf('2022-01-08')).toEqual([]); // Saturday
    // Today's slots that have started are shown but not bookable.
    const today = await slotsOf('2022-01-06');
    expect(today.find((s) => s.start === '07:45')?.available).toBe(0);
    expect(today.find((s) => s.start === '08:15')?.available).toBeGreaterThan(0);
  });

  it('lists several days of slots in one request', async () => {
    const days = await call<{ date: string; slots: Slot[] }[]>(central.url, 'GET', '/api/v1/offices/hg-ttphcc/slots?from=2022-01-06&days=3&procedure=GTVT-GPLX-CAPLAI');
    expect(days.status).toBe(200);
    expect(days.body.map((d) => d.date)).toEqual(['2022-01-06', '2022-01-07', '2022-01-08']);
    expect(days.body[0]!.slots).toEqual(await slotsOf('2022-01-06'));
    expect(days.body[1]!.slots).toEqual(await slotsOf('2022-01-07'));
    expect(days.body[2]!.slots).toEqual([]);
    const tooMany = await call(central.url, 'GET', '/api/v1/offices/hg-ttphcc/slots?from=2022-01-06&days=40&procedure=GTVT-GPLX-CAPLAI');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'invalid_input' });
  });

  it.each([
    ['a slot that has started', { date: '2022-01-06', slot: '07:45' }, 'past_slot', 'Không thể đặt lịch cho thời điểm đã qua.'],
    ['yesterday', { date: '2022-01-05', slot: '09:00' }, 'past_slot', 'Không thể đặt lịch cho thời điểm đã qua.'],
    ['a Saturday', { date: '2022-01-08', slot: '09:00' }, 'closed_day', 'Cơ quan không làm việc vào ngày 08/01/2022.'],
    ['the lunch break', { date: '2022-01-07', slot: '12:00' }, 'outside_hours', 'Khung giờ 12:00 nằm ngoài giờ làm việc.'],
    ['a time off the slot grid', { date: '2022-01-07', slot: '09:07' }, 'outside_hours', 'Khung giờ 09:07 nằm ngoài giờ làm việc.'],
    ['closing time', { date: '2022-01-07', slot: '17:00' }, 'outside_hours', 'Khung giờ 17:00 nằm ngoài giờ làm việc.'],
    ['beyond the 14-day horizon', { date: '2022-01-21', slot: '09:00' }, 'beyond_horizon', 'Chỉ được đặt lịch trước tối đa 14 ngày.'],
    ['a procedure the office does not offer', { officeId: 'hg-vithanh', procedureCode: 'GTVT-GPLX-CAPMOI' }, 'procedure_not_offered', 'Đơn vị này không tiếp nhận thủ tục đã chọn.'],
  ])('refuses %s', async (_label, overrides, error, message) => {
    const refused = await book(overrides);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error, message });
    expect(typeof refused.body.messageEn).toBe('string');
  });

  it('books the last day of the horizon but refuses a public holiday', async () => {
    expect((await book({ date: '2022-01-20', slot: '09:00' })).status).toBe(201);
    central.clock.set('2022-01-25T08:00:00+07:00');
    const tet = await book({ date: '2022-02-01', slot: '09:00' });
    expect(tet.status).toBe(400);
    expect(tet.body).toMatchObject({ error: 'holiday', message: 'Ngày 01/02/2022 là ngày nghỉ lễ, cơ quan không làm việc.' });
  });

  it('refuses an unknown office with 404', async () => {
    const refused = await book({ officeId: 'hg-nowhere' });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ error: 'office_not_found' });
  });

  it.each([
    ['a bad phone', { citizen: { fullName: 'Nguyễn Văn An', phone: '12345' } }, 'citizen.phone'],
    ['a landline-looking phone', { citizen: { fullName: 'Nguyễn Văn An', phone: '02933554567' } }, 'citizen.phone'],
    ['a name with digits', { citizen: { fullName: 'An 123', phone: '0912345678' } }, 'citizen.fullName'],
    ['a missing name', { citizen: { phone: '0912345678' } }, 'citizen.fullName'],
    ['a wrong ID number', { citizen: { fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '12345' } }, 'citizen.idNumber'],
    ['an impossible date', { date: '2022-02-30' }, 'date'],
    ['a slot that is not HH:MM', { slot: '9h' }, 'slot'],
    ['an unknown bookedBy kind', { bookedBy: { kind: 'robot' } }, 'bookedBy.kind'],
    ['a relative without a name', { bookedBy: { kind: 'relative', phone: '0912345678' } }, 'bookedBy.name'],
    ['a malformed office id', { officeId: 'HG TTPHCC' }, 'officeId'],
  ])('rejects %s with invalid_input naming the field', async (_label, overrides, field) => {
    const refused = await book(overrides);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_input');
    expect((refused.body.message as string).startsWith('Dữ liệu không hợp lệ')).toBe(true);
    expect(Object.keys(refused.body.fields as object)).toContain(field);
  });

  it('rejects a body that is not a booking object, and malformed JSON', async () => {
    for (const body of ['[]', '"text"', '{}', 'null']) {
      const refused = await call(central.url, 'POST', '/api/v1/bookings', body);
      expect(refused.status, body).toBe(400);
      expect(refused.body.error).toBe('invalid_input');
    }
    const garbled = await call(central.url, 'POST', '/api/v1/bookings', '{"officeId": "hg-ttphcc",');
    expect(garbled.status).toBe(400);
    expect(garbled.body).toMatchObject({ error: 'invalid_input' });
  });

  it('allows one active booking per phone, procedure and day', async () => {
    const phone = nextPhone();
    const first = await book({ slot: '10:00', citizen: { fullName: 'Lê Văn Cường', phone } });
    expect(first.status).toBe(201);
    const again = await book({ slot: '10:30', citizen: { fullName: 'Lê Văn Cường', phone } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'duplicate_booking' });
    expect(again.body.message).toContain(first.body.code as string);
    // Another procedure the same day, or the same procedure another day, is fine.
    expect((await book({ slot: '10:30', procedureCode: 'GTVT-GPLX-DOI', citizen: { fullName: 'Lê Văn Cường', phone } })).status).toBe(201);
    // After a cancellation the phone may book that procedure again.
    expect((await call(central.url, 'POST', `/api/v1/bookings/${first.body.code}/cancel`, { phone })).status).toBe(200);
    expect((await book({ slot: '10:45', citizen: { fullName: 'Lê Văn Cường', phone } })).status).toBe(201);
  });

  it('limits how many active bookings one phone holds', async () => {
    const phone = nextPhone();
    const citizen = { fullName: 'Phạm Thị Dung', phone };
    const codes: string[] = [];
    for (const procedureCode of ['GTVT-GPLX-CAPMOI', 'GTVT-GPLX-DOI', 'GTVT-PHUHIEU']) {
      const created = await book({ procedureCode, date: '2022-01-07', citizen });
      expect(created.status).toBe(201);
      codes.push(created.body.code as string);
    }
    const fourth = await book({ procedureCode: 'GTVT-GPXTL', date: '2022-01-07', citizen });
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ error: 'phone_limit', message: 'Số điện thoại này đã có 3 lịch hẹn đang chờ. Vui lòng hủy bớt trước khi đặt thêm.' });
    await call(central.url, 'POST', `/api/v1/bookings/${codes[0]}/cancel`, { phone });
    expect((await book({ procedureCode: 'GTVT-GPXTL', date: '2022-01-07', citizen })).status).toBe(201);
  });

  it('cancels by code and phone, frees the seat, and refuses a second cancel', async () => {
    const phone = nextPhone();
    const created = await book({ date: '2022-01-10', slot: '14:00', citizen: { fullName: 'Võ Minh Em', phone } });
    const code = created.body.code as string;
    expect((await slotsOf('2022-01-10')).find((s) => s.start === '14:00')?.booked).toBe(1);
    expect((await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone: nextPhone() })).status).toBe(404);
    const cancelled = await call<BookingView>(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await slotsOf('2022-01-10')).find((s) => s.start === '14:00')?.booked).toBe(0);
    const twice = await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'not_cancellable', message: 'Lịch hẹn đã bị hủy, không thể thay đổi.' });
  });

  it('reschedules to a free slot with a new token, and keeps the old booking when the new slot is full', async () => {
    const phone = nextPhone();
    const created = await book({ date: '2022-01-11', slot: '08:00', citizen: { fullName: 'Đỗ Quang Huy', phone } });
    const code = created.body.code as string;
    const moved = await call<BookingView>(central.url, 'POST', `/api/v1/bookings/${code}/reschedule`, { phone, date: '2022-01-12', slot: '15:00' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ code, date: '2022-01-12', slot: '15:00', slotEnd: '15:15', status: 'booked' });
    expect(moved.body.token).not.toBe(created.body.token);
    expect(parseToken(moved.body.token)?.payload).toMatchObject({ bookingCode: code, date: '2022-01-12', slot: '15:00' });
    expect((await slotsOf('2022-01-11')).find((s) => s.start === '08:00')?.booked).toBe(0);
    expect((await slotsOf('2022-01-12')).find((s) => s.start === '15:00')?.booked).toBe(1);

    for (let i = 0; i < TRANSPORT_CAPACITY; i += 1) expect((await book({ date: '2022-01-12', slot: '16:00' })).status).toBe(201);
    const full = await call(central.url, 'POST', `/api/v1/bookings/${code}/reschedule`, { phone, date: '2022-01-12', slot: '16:00' });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: 'slot_full', message: 'Khung giờ này đã đủ người. Vui lòng chọn khung giờ khác.' });
    expect(await view(code, phone)).toMatchObject({ date: '2022-01-12', slot: '15:00', status: 'booked', token: moved.body.token });
    const past = await call(central.url, 'POST', `/api/v1/bookings/${code}/reschedule`, { phone, date: '2022-01-06', slot: '07:00' });
    expect(past.body).toMatchObject({ error: 'past_slot' });
    expect((await slotsOf('2022-01-12')).find((s) => s.start === '16:00')).toMatchObject({ booked: TRANSPORT_CAPACITY, available: 0 });
  });

  it('refuses one booking more than the slot holds', async () => {
    for (let i = 0; i < TRANSPORT_CAPACITY; i += 1) expect((await book({ date: '2022-01-13', slot: '07:30' })).status).toBe(201);
    const oneMore = await book({ date: '2022-01-13', slot: '07:30' });
    expect(oneMore.status).toBe(409);
    expect(oneMore.body).toMatchObject({ error: 'slot_full' });
    // The capacity is per service group: another agency's group at the same time still has room.
    expect((await book({ date: '2022-01-13', slot: '07:30', procedureCode: 'STP-LLTP' })).status).toBe(201);
  });
});
