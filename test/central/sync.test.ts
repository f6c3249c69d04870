// Desk sync API: device tokens, office config, bookings since a cursor (paged), desk events (idempotent).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficeConfigSchema, SyncBookingsResponseSchema, type BookingView, type SyncBookingsResponse } from '../../src/shared/api.js';
import { bookingRequest, call, DATABASE_KINDS, startCentral, type TestCentral } from './central-helpers.js';

describe.each(DATABASE_KINDS)('desk sync on %s', (kind) => {
  let central: TestCentral;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const syncPage = (date: string, cursor?: string, officeId = 'hg-ttphcc', headers: Record<string, string> = auth()) =>
    call<SyncBookingsResponse>(central.url, 'GET', `/api/v1/sync/bookings?officeId=${officeId}&date=${date}${cursor ? `&cursor=${cursor}` : ''}`, undefined, headers);
  const sendEvents = (events: unknown[], officeId = 'hg-ttphcc', headers: Record<string, string> = auth()) => call(central.url, 'POST', '/api/v1/sync/events', { officeId, events }, headers);
  const book = async (overrides: Record<string, unknown> = {}) => {
    const request = bookingRequest(overrides);
    const created = await call(central.url, 'POST', '/api/v1/bookings', request);
    expect(created.status).toBe(201);
    return { code: created.body.code as string, phone: request.citizen.phone };
  };
  const statusOf = async (code: string, phone: string) => (await call<BookingView>(central.url, 'GET', `/api/v1/bookings/${code}?phone=${phone}`)).body.status;

  beforeAll(async () => {
    central = await startCentral(kind, { syncPageSize: 3 });
    token = central.deviceTokens['hg-ttphcc']!;
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('refuses a missing or unknown device token with 401 and another office with 403', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer mcd_nope' }, { authorization: 'Basic abc' }]) {
      const refused = await syncPage('2022-01-06', undefined, 'hg-ttphcc', headers);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'unauthorized' });
    }
    const other = await syncPage('2022-01-06', undefined, 'hg-vithanh');
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: 'forbidden', message: 'Thiết bị này không có quyền với dữ liệu của đơn vị khác.' });
    expect((await call(central.url, 'GET', '/api/v1/sync/office?officeId=hg-vithanh', undefined, auth())).status).toBe(403);
    expect((await sendEvents([{ id: randomUUID(), type: 'called', at: 1 }], 'hg-vithanh')).status).toBe(403);
  });

  it('serves the office configuration to its hub', async () => {
    const config = await call(central.url, 'GET', '/api/v1/sync/office?officeId=hg-ttphcc', undefined, auth());
    expect(config.status).toBe(200);
    const parsed = OfficeConfigSchema.parse(config.body);
    expect(parsed.office).toMatchObject({ id: 'hg-ttphcc', epidemicLevel: 3, waitingRoomCap: 30, hotline: '0293.3554567' });
    expect(parsed.serviceGroups.find((g) => g.id === 'sgtvt')).toMatchObject({ ticketPrefix: '1' });
    expect(parsed.counters.map((c) => c.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
    expect(parsed.counters[0]!.procedureCodes).toContain('GTVT-GPLX-CAPMOI');
    expect(parsed.schedule).toEqual({ slotMinutes: 15, workingDays: [1, 2, 3, 4, 5], sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }] });
  });

  it('pages a day of bookings with a cursor and then returns only changes, cancellations included', async () => {
    const made = [];
    for (const slot of ['08:00', '08:15', '08:30', '08:45', '09:00']) made.push(await book({ date: '2022-01-07', slot }));
    await book({ date: '2022-01-10', slot: '08:00' }); // another day: not in this feed
    await book({ officeId: 'hg-vithanh', date: '2022-01-07', slot: '08:00' }); // another office: not in this feed
    const first = await syncPage('2022-01-07');
    expect(first.status).toBe(200);
    SyncBookingsResponseSchema.parse(first.body);
    expect(first.body.bookings).toHaveLength(3);
    expect(first.body.more).toBe(true);
    const second = await syncPage('2022-01-07', first.body.cursor);
    expect(second.body.bookings).toHaveLength(2);
    expect(second.body.more).toBe(false);
    expect([...first.body.bookings, ...second.body.bookings].map((b) => b.code)).toEqual(made.map((m) => m.code));
    expect(second.body.bookings[0]).toMatchObject({ officeId: 'hg-ttphcc', groupId: 'sgtvt', date: '2022-01-07', status: 'booked', bookedByKind: 'self' });

    const quiet = await syncPage('2022-01-07', second.body.cursor);
    expect(quiet.body).toMatchObject({ bookings: [], cursor: second.body.cursor, more: false });

    await call(central.url, 'POST', `/api/v1/bookings/${made[1]!.code}/cancel`, { phone: made[1]!.phone });
    const changes = await syncPage('2022-01-07', quiet.body.cursor);
    expect(changes.body.bookings.map((b) => [b.code, b.status])).toEqual([[made[1]!.code, 'cancelled']]);
    const bad = await syncPage('2022-01-07', 'not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_input' });
  });

  it('applies desk events to booking status once, and acknowledges a replay as duplicates', async () => {
    const { code, phone } = await book({ date: '2022-01-06', slot: '09:30' });
    const checkIn = { id: randomUUID(), type: 'checked_in', bookingCode: code, at: Date.parse('2022-01-06T09:20:00+07:00'), ticketNumber: '1001', counterId: 'q1' };
    const called = { id: randomUUID(), type: 'called', bookingCode: code, at: checkIn.at + 60_000, ticketNumber: '1001', counterId: 'q1' };
    const first = await sendEvents([checkIn, called]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: [checkIn.id, called.id], duplicates: [] });
    expect(await statusOf(code, phone)).toBe('checked_in');
    const before = await syncPage('2022-01-06');
    const replay = await sendEvents([checkIn, called]);
    expect(replay.body).toEqual({ accepted: [], duplicates: [checkIn.id, called.id] });
    const finished = { id: randomUUID(), type: 'finished', bookingCode: code, at: checkIn.at + 600_000, counterId: 'q1' };
    expect((await sendEvents([checkIn, finished])).body).toEqual({ accepted: [finished.id], duplicates: [checkIn.id] });
    expect(await statusOf(code, phone)).toBe('served');
    // The hub sees the status change through the cursor.
    const after = await syncPage('2022-01-06', before.body.cursor);
    expect(after.body.bookings.map((b) => [b.code, b.status])).toEqual([[code, 'served']]);
    // A late, out-of-order check-in never moves a served booking back.
    await sendEvents([{ id: randomUUID(), type: 'checked_in', bookingCode: code, at: checkIn.at }]);
    expect(await statusOf(code, phone)).toBe('served');
    // A served booking can no longer be cancelled by the citizen.
    const cancel = await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone });
    expect(cancel.body).toMatchObject({ error: 'not_cancellable', message: 'Lịch hẹn đã được giải quyết, không thể thay đổi.' });
  });

  it('lets a check-in at the counter outrank a cancellation that reached central first', async () => {
    const { code, phone } = await book({ date: '2022-01-06', slot: '10:30' });
    // The citizen cancels online while the office is offline; the office has already checked them in.
    expect((await call(central.url, 'POST', `/api/v1/bookings/${code}/cancel`, { phone })).status).toBe(200);
    const checkIn = { id: randomUUID(), type: 'checked_in', bookingCode: code, at: 1 };
    expect((await sendEvents([checkIn])).body).toEqual({ accepted: [checkIn.id], duplicates: [] });
    expect(await statusOf(code, phone)).toBe('checked_in');
    await sendEvents([{ id: randomUUID(), type: 'finished', bookingCode: code, at: 2 }]);
    expect(await statusOf(code, phone)).toBe('served');
  });

  it("refuses a batch touching another office's booking with 403 and writes nothing", async () => {
    const own = await book({ date: '2022-01-06', slot: '10:00' });
    const foreign = await book({ officeId: 'hg-vithanh', date: '2022-01-06', slot: '10:00' });
    const ownEvent = { id: randomUUID(), type: 'checked_in', bookingCode: own.code, at: 1 };
    const refused = await sendEvents([ownEvent, { id: randomUUID(), type: 'checked_in', bookingCode: foreign.code, at: 1 }]);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
    expect(await statusOf(own.code, own.phone)).toBe('booked');
    expect(await statusOf(foreign.code, foreign.phone)).toBe('booked');
    // The own event was not stored either: sent again it is accepted, not a duplicate.
    expect((await sendEvents([ownEvent])).body).toEqual({ accepted: [ownEvent.id], duplicates: [] });
  });

  it('keeps an event for a booking central does not know yet and applies it once central has the booking', async () => {
    const { code, phone } = await book({ date: '2022-01-06', slot: '10:15' });
    // The booking "disappears" (a central restored from an older backup) while the hub checks it in.
    const saved = await central.store.db.get<Record<string, string | number | null>>('SELECT * FROM bookings WHERE code = ?', [code]);
    await central.store.db.run('DELETE FROM bookings WHERE code = ?', [code]);
    const checkIn = { id: randomUUID(), type: 'checked_in', bookingCode: code, at: 1 };
    expect((await sendEvents([checkIn])).body).toEqual({ accepted: [checkIn.id], duplicates: [] });
    // The booking comes back; the next sync from the hub reconciles the stored check-in.
    const columns = Object.keys(saved!);
    await central.store.db.run(`INSERT INTO bookings (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(saved!));
    expect(await statusOf(code, phone)).toBe('booked');
    const called = { id: randomUUID(), type: 'called', bookingCode: code, at: 2 };
    expect((await sendEvents([called])).body).toEqual({ accepted: [called.id], duplicates: [] });
    expect(await statusOf(code, phone)).toBe('checked_in');
    expect((await sendEvents([checkIn])).body).toEqual({ accepted: [], duplicates: [checkIn.id] });
  });

  it.each([
    ['an empty batch', { officeId: 'hg-ttphcc', events: [] }],
    ['a non-uuid id', { officeId: 'hg-ttphcc', events: [{ id: '1', type: 'called', at: 1 }] }],
    ['an unknown type', { officeId: 'hg-ttphcc', events: [{ id: randomUUID(), type: 'exploded', at: 1 }] }],
    ['an unknown field', { officeId: 'hg-ttphcc', events: [{ id: randomUUID(), type: 'called', at: 1, name: 'x' }] }],
    ['a bad booking code', { officeId: 'hg-ttphcc', events: [{ id: randomUUID(), type: 'called', at: 1, bookingCode: 'abc' }] }],
  ])('rejects %s with invalid_input', async (_label, body) => {
    const refused = await call(central.url, 'POST', '/api/v1/sync/events', body, auth());
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_input' });
  });
});
