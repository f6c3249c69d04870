import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { CounterSnapshot } from '../../src/shared/hub-events.js';
import { book, DISTRICT, manualClock, OFFICE, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

function once<T>(socket: Socket, event: string, predicate: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const handler = (value: T) => {
      if (!predicate(value)) return;
      socket.off(event, handler);
      resolve(value);
    };
    socket.on(event, handler);
  });
}

describe('queue engine over HTTP and socket.io', () => {
  const clock = manualClock('2022-01-06T07:40:00+07:00');
  let central: TestCentral;
  let centre: TestDesk;
  let district: TestDesk;

  beforeAll(async () => {
    central = await startCentral({ clock: manualClock('2022-01-05T10:00:00+07:00') });
    centre = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock });
    district = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[DISTRICT]!, clock, officeId: DISTRICT });
    await district.desk.syncNow();
  });
  afterAll(async () => {
    await centre?.close();
    await district?.close();
    await central?.close();
  });

  it('three counters checking in the same 20 citizens at once: 20 tickets, unique consecutive numbers', async () => {
    const slots = ['07:00', '07:15', '07:30', '07:45', '08:00'];
    const bookings = await Promise.all(slots.flatMap((slot) => Array.from({ length: 4 }, () => book(central.url, { date: '2022-01-06', slot }))));
    await centre.desk.syncNow();
    const shuffled = (seed: number) => [...bookings].sort((a, b) => ((a.code.charCodeAt(seed % 8) * 31 + seed) % 17) - ((b.code.charCodeAt(seed % 8) * 31 + seed) % 17));
    const results = await Promise.all(
      ['q1', 'q2', 'q3'].flatMap((counterId, i) =>
        shuffled(i).map((b) => centre.request('POST', '/api/v1/checkins', { scan: i === 1 ? b.code : b.token, counterId }, { token: centre.tokenOf(counterId) })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status === 200)).toHaveLength(40);
    const numberOf = new Map<string, string>();
    for (const r of results) {
      const known = numberOf.get(r.body.booking.code);
      if (known) expect(r.body.ticket.number).toBe(known);
      numberOf.set(r.body.booking.code, r.body.ticket.number);
    }
    const numbers = [...numberOf.values()].sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => String(1001 + i)));
    expect(centre.desk.status()).toMatchObject({ checkedIn: 20, waiting: 20, occupancy: 20, cap: 30 });
  });

  it('runs a counter day: order, priority, call, recall, transfer, no-show, finish, with pushes to /counter and /display', async () => {
    const t = (id: string) => district.tokenOf(id);
    const ask = (counter: string, action: string, body: unknown = {}) => district.request('POST', `/api/v1/counters/${counter}/${action}`, body, { token: t(counter) });
    const booked = await book(central.url, { officeId: DISTRICT, date: '2022-01-06', slot: '07:30' });
    await district.desk.syncNow();
    const w1 = await district.request('POST', '/api/v1/walk-ins', {}, { token: t('q1') });
    const w2 = await district.request('POST', '/api/v1/walk-ins', {}, { token: t('q1') });
    const b = await district.request('POST', '/api/v1/checkins', { scan: booked.code }, { token: t('q1') });
    expect([w1.status, w2.status, b.status]).toEqual([201, 201, 201]);
    expect([w1.body.ticket.number, w2.body.ticket.number, b.body.ticket.number]).toEqual(['1001', '1002', '1003']);

    const counterSocket = connect(`${district.desk.url}/counter`, { transports: ['websocket'], auth: { token: t('q1') }, forceNew: true });
    const snapshot = await once<CounterSnapshot>(counterSocket, 'snapshot');
    // The booked citizen whose slot has begun comes first, then walk-ins in arrival order.
    expect(snapshot.waiting.map((x) => x.number)).toEqual(['1003', '1001', '1002']);
    expect(snapshot.current).toBeNull();
    expect(snapshot.waiting[0]!.citizenName).toBe('Nguyễn Văn An');

    const p = await district.request('POST', `/api/v1/tickets/${w2.body.ticket.id}/priority`, { priority: true }, { token: t('q1') });
    expect(p.body.ticket.priority).toBe(true);

    const display = connect(`${district.desk.url}/display`, { transports: ['websocket'], forceNew: true });
    await once(display, 'snapshot');
    const pushed = once<CounterSnapshot>(counterSocket, 'state', (s) => s.current?.number === '1003');
    const shown = once<{ ticketNumber: string }>(display, 'called');
    const first = await ask('q1', 'call-next');
    expect(first.body.ticket.number).toBe('1003');
    expect((await shown).ticketNumber).toBe('1003');
    expect((await pushed).waiting.map((x) => x.number)).toEqual(['1002', '1001']);

    const recalled = once<{ recall: boolean }>(display, 'called');
    expect((await ask('q1', 'recall')).body.ticket.number).toBe('1003');
    expect((await recalled).recall).toBe(true);

    // Transfer 1003 to counter q2; q1 moves on to the priority walk-in.
    const moved = await ask('q1', 'transfer', { toCounterId: 'q2' });
    expect(moved.body.ticket).toMatchObject({ number: '1003', status: 'waiting', targetCounterId: 'q2' });
    expect(moved.body.snapshot.waiting.map((x: { number: string }) => x.number)).toEqual(['1002', '1001']);
    expect((await ask('q2', 'call-next')).body.ticket.number).toBe('1003');
    expect((await ask('q2', 'finish')).body.ticket.status).toBe('finished');

    expect((await ask('q1', 'call-next')).body.ticket.number).toBe('1002');
    expect((await ask('q1', 'no-show')).body.ticket.status).toBe('no_show');
    expect((await ask('q1', 'call', { number: '1001' })).body.ticket.number).toBe('1001');
    const done = await ask('q1', 'finish');
    expect(done.body.snapshot.counts).toEqual({ waiting: 0, servedToday: 1, noShowToday: 1 });
    const empty = await ask('q1', 'call-next');
    expect(empty.status).toBe(404);
    expect(empty.body.error).toBe('queue_empty');
    expect((await ask('q1', 'recall')).body.error).toBe('no_current_ticket');
    expect((await ask('q1', 'call', { number: '9999' })).body.error).toBe('ticket_not_found');

    // A counter token acts on its own counter only.
    expect((await district.request('POST', '/api/v1/counters/q2/call-next', {}, { token: t('q1') })).status).toBe(403);
    expect((await district.request('POST', '/api/v1/counters/q9/call-next', {}, { token: t('q1') })).status).toBe(404);
    counterSocket.close();
    display.close();
  });

  it('replays a POST with the same Idempotency-Key: the first answer, nothing changed', async () => {
    const key = crypto.randomUUID();
    const first = await district.request('POST', '/api/v1/walk-ins', { counterId: 'q3' }, { headers: { 'idempotency-key': key }, token: district.tokenOf('q3') });
    const replay = await district.request('POST', '/api/v1/walk-ins', { counterId: 'q3' }, { headers: { 'idempotency-key': key }, token: district.tokenOf('q3') });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    const next = await district.request('POST', '/api/v1/walk-ins', { counterId: 'q3' }, { token: district.tokenOf('q3') });
    expect(Number(next.body.ticket.number)).toBe(Number(first.body.ticket.number) + 1);
    const callKey = crypto.randomUUID();
    const call1 = await district.request('POST', '/api/v1/counters/q3/call-next', {}, { headers: { 'idempotency-key': callKey }, token: district.tokenOf('q3') });
    const call2 = await district.request('POST', '/api/v1/counters/q3/call-next', {}, { headers: { 'idempotency-key': callKey }, token: district.tokenOf('q3') });
    expect(call2.body.ticket.number).toBe(call1.body.ticket.number);
    expect(call1.body.ticket.number).toBe(first.body.ticket.number);
    // A key belongs to one command: reusing it elsewhere is refused, not replayed.
    const misuse = await district.request('POST', '/api/v1/counters/q3/finish', {}, { headers: { 'idempotency-key': callKey }, token: district.tokenOf('q3') });
    expect(misuse.status).toBe(422);
    expect(misuse.body.error).toBe('invalid_input');
  });

  it('refuses a /counter socket without a valid token, and pairs a counter with the code (rate-limited)', async () => {
    const bad = connect(`${district.desk.url}/counter`, { transports: ['websocket'], auth: { token: 'nope-nope-nope' }, forceNew: true, reconnection: false });
    const err = await new Promise<Error & { data?: { error: string } }>((resolve) => bad.once('connect_error', resolve));
    expect(err.data?.error).toBe('unauthorized');
    bad.close();

    const ok = await district.request('POST', '/api/v1/pair', { code: district.desk.pairingCode, counterId: 'q2' }, { token: null });
    expect(ok.body).toEqual({ counterId: 'q2', token: district.tokenOf('q2') });
    const wrong = await district.request('POST', '/api/v1/pair', { code: '000000x', counterId: 'q2' }, { token: null });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toBe('invalid_pairing_code');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await district.request('POST', '/api/v1/pair', { code: '111111x', counterId: 'q2' }, { token: null })).status);
    expect(statuses).toContain(429);
  });

  it('serves the built pages and keeps the display free of personal data', async () => {
    const page = await fetch(`${district.desk.url}/display`);
    if (page.status === 200) expect(await page.text()).toContain('<div id="root">');
    else expect(((await page.json()) as { error: string }).error).toBe('invalid_input'); // pages not built in this checkout
    const display = connect(`${district.desk.url}/display`, { transports: ['websocket'], forceNew: true });
    const snap = await once<object>(display, 'snapshot');
    expect(JSON.stringify(snap)).not.toMatch(/Nguyễn|09\d{8}|\*\*\*/);
    // Read-only: whatever a display sends changes nothing (and does not break the hub).
    const before = district.desk.status();
    display.emit('call-next', { counterId: 'q1' });
    display.emit('snapshot', 'x'.repeat(10_000));
    const still = await district.request('GET', '/api/v1/status', undefined, { token: null });
    expect(still.body).toMatchObject({ checkedIn: before.checkedIn, waiting: before.waiting, occupancy: before.occupancy });
    display.close();
  });
});
