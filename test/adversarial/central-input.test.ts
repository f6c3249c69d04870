/**
 * Adversarial input against a real central server (127.0.0.1) on SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set: every refusal is a 4xx with a reason code and a Vietnamese message, nothing
 * is written, and the server keeps answering.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest, call, DATABASE_KINDS, nextPhone, startCentral, type TestCentral } from '../central/central-helpers.js';

const OFFICE = 'hg-ttphcc';
const PROCEDURE = 'GTVT-GPLX-CAPLAI';
const VIETNAMESE = /[àáảãạăâđêôơưạếệịọụữ]/u;

type Body = Record<string, unknown> & { error?: string; message?: string };

/** A raw request: whatever body and headers, the answer's status and parsed JSON (or the text). */
async function raw(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Body }> {
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** A refusal as the house rule wants it: 4xx, a reason code, a Vietnamese message in NFC. */
function expectRefusal(res: { status: number; body: Body }, status: number, code: string): void {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error: code });
  expect(res.body.message).toMatch(VIETNAMESE);
  expect(res.body.message).toBe(String(res.body.message).normalize('NFC'));
  expect(typeof res.body.messageEn).toBe('string');
}

/** A raw HTTP/1.1 exchange on a socket (for what fetch refuses to send). */
function rawHttp(base: string, request: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe.each(DATABASE_KINDS)('central under adversarial input (%s)', (kind) => {
  let central: TestCentral;
  let deviceToken: string;
  const counts = async () => {
    const one = async (table: string) => Number((await central.store.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
    return { bookings: await one('bookings'), events: await one('desk_events'), changes: Number((await central.store.db.get<{ n: number }>('SELECT SUM(change_seq) AS n FROM offices'))!.n) };
  };

  beforeAll(async () => {
    central = await startCentral(kind);
    deviceToken = central.deviceTokens[OFFICE]!;
  });
  afterAll(async () => {
    await central?.dispose();
  });

  const json = { 'content-type': 'application/json' };
  const bodies: [string, string, Record<string, string>, number, string][] = [
    ['malformed JSON', '{"officeId":', json, 400, 'invalid_input'],
    ['an empty JSON body', '', json, 400, 'invalid_input'],
    ['JSON null', 'null', json, 400, 'invalid_input'],
    ['a JSON array', '[1,2]', json, 400, 'invalid_input'],
    ['text/plain', '{}', { 'content-type': 'text/plain' }, 400, 'invalid_input'],
    ['an unknown content type', '<x/>', { 'content-type': 'application/xml' }, 400, 'invalid_input'],
    ['a __proto__ key', JSON.stringify(bookingRequest()).replace('{', '{"__proto__":{"admin":true},'), json, 400, 'invalid_input'],
    ['a constructor.prototype key', JSON.stringify(bookingRequest()).replace('{', '{"constructor":{"prototype":{"admin":true}},'), json, 400, 'invalid_input'],
    ['100 000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), json, 400, 'invalid_input'],
    ['a 2 MB body', JSON.stringify({ ...bookingRequest(), pad: 'x'.repeat(2_000_000) }), json, 413, 'payload_too_large'],
    ['binary junk', String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 131) % 256)), json, 400, 'invalid_input'],
  ];
  it.each(bodies)('refuses %s on POST /api/v1/bookings and writes nothing', async (_name, body, headers, status, code) => {
    const before = await counts();
    expectRefusal(await raw(central.url, 'POST', '/api/v1/bookings', body, headers), status, code);
    expect(await counts()).toEqual(before);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('admin');
  });

  const fields: [string, Record<string, unknown>, string][] = [
    ['a NUL in the name', { citizen: { fullName: 'Nguyễn\u0000An', phone: '0912000001' } }, 'invalid_input'],
    ['a zero-width space in the name', { citizen: { fullName: 'Nguyễn\u200bAn', phone: '0912000001' } }, 'invalid_input'],
    ['an RTL override in the name', { citizen: { fullName: '\u202eNguyễn An', phone: '0912000001' } }, 'invalid_input'],
    ['a lone surrogate in the name', { citizen: { fullName: 'Nguyễn \ud800An', phone: '0912000001' } }, 'invalid_input'],
    ['emoji as the name', { citizen: { fullName: '😀😀😀', phone: '0912000001' } }, 'invalid_input'],
    ['punctuation only as the name', { citizen: { fullName: '--', phone: '0912000001' } }, 'invalid_input'],
    ['one letter among dots as the name', { citizen: { fullName: '. A .', phone: '0912000001' } }, 'invalid_input'],
    ['a 10 000-character name', { citizen: { fullName: 'A'.repeat(10_000), phone: '0912000001' } }, 'invalid_input'],
    ['a number as the name', { citizen: { fullName: 12345, phone: '0912000001' } }, 'invalid_input'],
    ['an 11-digit phone', { citizen: { fullName: 'Nguyễn An', phone: '09123456789' } }, 'invalid_input'],
    ['a landline', { citizen: { fullName: 'Nguyễn An', phone: '02933554567' } }, 'invalid_input'],
    ['full-width digits', { citizen: { fullName: 'Nguyễn An', phone: '０９１２３４５６７８' } }, 'invalid_input'],
    ['a phone as a number', { citizen: { fullName: 'Nguyễn An', phone: 912345678 } }, 'invalid_input'],
    ['an ID number as a number', { citizen: { fullName: 'Nguyễn An', phone: '0912000001', idNumber: 123456789012 } }, 'invalid_input'],
    ['30 February', { date: '2022-02-30' }, 'invalid_input'],
    ['year 0000', { date: '0000-01-01' }, 'invalid_input'],
    ['9999-12-31', { date: '9999-12-31' }, 'beyond_horizon'],
    ['a date as a number', { date: 20220107 }, 'invalid_input'],
    ['an ISO timestamp as the date', { date: '2022-01-07T09:00:00Z' }, 'invalid_input'],
    ['slot 24:00', { date: '2022-01-07', slot: '24:00' }, 'invalid_input'],
    ['slot 7:00', { date: '2022-01-07', slot: '7:00' }, 'invalid_input'],
    ['slot 07:07 (off the grid)', { date: '2022-01-07', slot: '07:07' }, 'outside_hours'],
    ['slot 23:45', { date: '2022-01-07', slot: '23:45' }, 'outside_hours'],
    ['a slot with seconds', { date: '2022-01-07', slot: '09:00:00' }, 'invalid_input'],
    ['a 100 000-character office id', { officeId: 'a'.repeat(100_000) }, 'invalid_input'],
    ['an unknown office', { officeId: 'hg-nowhere' }, 'office_not_found'],
    ['an unknown procedure', { procedureCode: 'X'.repeat(40) }, 'procedure_not_offered'],
    ['a hotline booking without an operator session', { bookedBy: { kind: 'hotline', operatorId: 'op-forged' } }, 'operator_required'],
    ['bookedBy as an array', { bookedBy: [{ kind: 'self' }] }, 'invalid_input'],
  ];
  it.each(fields)('refuses %s with a reason code and writes nothing', async (_name, overrides, code) => {
    const before = await counts();
    const res = await call<Body>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', ...overrides }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectRefusal(res, res.status, code);
    expect(await counts()).toEqual(before);
  });

  it('accepts an NFD name as its NFC form and a +84 phone with spaces as 0…', async () => {
    const res = await call<Body>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', citizen: { fullName: 'Nguye\u0302\u0303n  An', phone: '+84 912 000 777' } }));
    expect(res.status).toBe(201);
    const view = await call<Body & { citizen: { fullName: string; phone: string } }>(central.url, 'GET', `/api/v1/bookings/${String(res.body.code).toLowerCase()}?phone=0912.000.777`);
    expect(view.body.citizen).toEqual({ fullName: 'Nguyễn An', phone: '0912000777' });
  });

  it('answers router-level refusals (bad escape, over-long path segment, huge headers) in the common shape', async () => {
    expectRefusal(await raw(central.url, 'GET', '/api/v1/bookings/%ZZ?phone=0912345678'), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/offices/${'a'.repeat(5000)}/procedures`), 414, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/offices/${OFFICE}/slots?date=${'x'.repeat(20_000)}`), 431, 'payload_too_large');
    expectRefusal(await raw(central.url, 'GET', '/healthz', undefined, { 'x-junk': 'y'.repeat(20_000) }), 431, 'payload_too_large');
    const garbage = await rawHttp(central.url, 'GARBAGE\u0001 / HTTP/1.1\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'invalid_input' });
    expect((await call(central.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('refuses look-alike, short, long and odd booking codes and phones in lookups', async () => {
    const made = await call<Body & { code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', citizen: { fullName: 'Trần Bình', phone: '0912000888' } }));
    const code = made.body.code;
    const loose = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await call(central.url, 'GET', `/api/v1/bookings/${loose.slice(0, 4)}-${loose.slice(4)}?phone=%2B84912000888`)).status).toBe(200);
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${code.slice(0, 7)}?phone=0912000888`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${code}Z?phone=0912000888`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${code}?phone=0912000889`), 404, 'not_found');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${code}?phone=0912000888&phone=0912000888`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${code}?phone=${'9'.repeat(5000)}`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/bookings/${encodeURIComponent('ABCD\u0000EFG')}?phone=0912000888`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/offices/${OFFICE}/slots?from=2022-01-07&days=1000&procedure=${PROCEDURE}`), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', `/api/v1/offices/${OFFICE}/slots?date[a]=1&procedure=${PROCEDURE}`), 400, 'invalid_input');
  });

  it('refuses a control character in an operator username with 400, not 500 (PostgreSQL rejects NUL)', async () => {
    await central.createOperator({ username: 'hoa', password: 'mật-khẩu-đúng', name: 'Lê Thị Hoa' });
    expectRefusal(await call<Body>(central.url, 'POST', '/api/v1/hotline/login', { username: 'hoa\u0000', password: 'x' }), 400, 'invalid_input');
    expectRefusal(await call<Body>(central.url, 'POST', '/api/v1/hotline/login', { username: '\ud800', password: '\udc00' }), 401, 'wrong_credentials');
    expectRefusal(await call<Body>(central.url, 'POST', '/api/v1/hotline/login', { username: 'hoa', password: 'p'.repeat(5000) }), 400, 'invalid_input');
    expectRefusal(await raw(central.url, 'GET', '/api/v1/hotline/bookings?phone=0912345678', undefined, { authorization: `Bearer ${'x'.repeat(300)}` }), 401, 'operator_required');
    expectRefusal(await raw(central.url, 'GET', '/api/v1/hotline/bookings?phone=0912345678', undefined, { authorization: 'Basic aG9hOng=' }), 401, 'operator_required');
  });

  describe('desk sync API', () => {
    const auth = () => ({ authorization: `Bearer ${deviceToken}` });
    let code = '';
    const event = (extra: Record<string, unknown> = {}) => ({ id: randomUUID(), type: 'called', bookingCode: code, at: central.clock(), ticketNumber: '1001', ...extra });
    const postEvents = (body: unknown, headers: Record<string, string> = auth()) => call<Body & { accepted: string[]; duplicates: string[] }>(central.url, 'POST', '/api/v1/sync/events', body, headers);

    beforeAll(async () => {
      code = (await call<{ code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07' }))).body.code;
    });

    it('authenticates before reading the body: no token (or a garbled one) with any body is 401', async () => {
      const before = await counts();
      expectRefusal(await postEvents({ officeId: OFFICE, events: Array.from({ length: 501 }, () => ({ junk: true })) }, {}), 401, 'unauthorized');
      expectRefusal(await postEvents({ officeId: 42 }, { authorization: 'Bearer \u00ff\u00fe' }), 401, 'unauthorized');
      expectRefusal(await postEvents({ officeId: OFFICE, events: [event()] }, { authorization: `Bearer ${deviceToken.slice(0, -1)}` }), 401, 'unauthorized');
      expectRefusal(await postEvents({ officeId: OFFICE, events: [event()] }, { authorization: `Bearer ${central.deviceTokens['hg-vithanh']}` }), 403, 'forbidden');
      for (const path of [`/api/v1/sync/bookings?officeId=${'x'.repeat(100)}&date=2022-02-30&cursor=-1`, '/api/v1/sync/office', `/api/v1/reports/${OFFICE}/2022-02-30?format=pdf`]) {
        expectRefusal(await raw(central.url, 'GET', path), 401, 'unauthorized');
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses event data nested thousands of levels deep with 400 (it used to overflow the stack: 500)', async () => {
      const before = await counts();
      for (const depth of [50, 5_000, 20_000]) {
        const data = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
        const body = `{"officeId":"${OFFICE}","events":[{"id":"${randomUUID()}","type":"called","at":1,"data":${data}}]}`;
        expectRefusal(await raw(central.url, 'POST', '/api/v1/sync/events', body, { ...auth(), 'content-type': 'application/json' }), 400, 'invalid_input');
      }
      const arrays = `{"officeId":"${OFFICE}","events":[{"id":"${randomUUID()}","type":"called","at":1,"data":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}]}`;
      expectRefusal(await raw(central.url, 'POST', '/api/v1/sync/events', arrays, { ...auth(), 'content-type': 'application/json' }), 400, 'invalid_input');
      expect(await counts()).toEqual(before);
      // Flat data as hubs send it is still fine.
      expect((await postEvents({ officeId: OFFICE, events: [event({ data: { ticketId: randomUUID(), nested: { ok: [1, 2] } } })] })).status).toBe(200);
    });

    it('stores each event id once: duplicates in one batch, upper-case ids and replays with another body', async () => {
      const first = event({ type: 'checked_in' });
      const res = await postEvents({ officeId: OFFICE, events: [first, first, { ...first, id: first.id.toUpperCase() }] });
      expect(res.body).toEqual({ accepted: [first.id], duplicates: [first.id, first.id.toUpperCase()] });
      const replay = await postEvents({ officeId: OFFICE, events: [{ ...first, type: 'no_show' }] });
      expect(replay.body).toEqual({ accepted: [], duplicates: [first.id] });
      const row = await central.store.db.get<{ status: string }>('SELECT status FROM bookings WHERE code = ?', [code]);
      expect(row!.status).toBe('checked_in'); // the replayed no_show did not apply
    });

    it('refuses 501 events, extra fields, bad ids and out-of-range times whole, writing nothing', async () => {
      const before = await counts();
      const refusals: unknown[] = [
        { officeId: OFFICE, events: Array.from({ length: 501 }, () => event()) },
        { officeId: OFFICE, events: [event(), event({ evil: true })] },
        { officeId: OFFICE, events: [event({ id: 'not-a-uuid' })] },
        { officeId: OFFICE, events: [event({ at: -1 })] },
        { officeId: OFFICE, events: [event({ at: 2 ** 64 })] },
        { officeId: OFFICE, events: [event({ at: '1641430800000' })] },
        { officeId: OFFICE, events: [event({ type: 'served' })] },
        { officeId: OFFICE, events: [event({ bookingCode: 'abc' })] },
        { officeId: OFFICE, events: [event({ ticketNumber: '1'.repeat(21) })] },
        { officeId: OFFICE, events: { 0: event() } },
        { officeId: OFFICE, events: [] },
      ];
      for (const body of refusals) expectRefusal(await postEvents(body), 400, 'invalid_input');
      expect(await counts()).toEqual(before);
    });

    it('keeps an event for an unknown booking pending, and a NUL or lone surrogate in free text does not break PostgreSQL', async () => {
      const pending = event({ bookingCode: 'ZZZZZZZZ', type: 'checked_in' });
      const odd = event({ ticketNumber: '1\u0000', counterId: '\u0000\ud800', data: { 'k\u0000': 'v\u0000\udfff' } });
      expect((await postEvents({ officeId: OFFICE, events: [pending, odd] })).body).toEqual({ accepted: [pending.id, odd.id], duplicates: [] });
      const stored = await central.store.db.get<{ applied: number }>('SELECT applied FROM desk_events WHERE id = ?', [pending.id]);
      expect(Number(stored!.applied)).toBe(0);
      const report = await call<Body>(central.url, 'GET', `/api/v1/reports/${OFFICE}/2022-01-06`, undefined, auth());
      expect(report.status).toBe(200);
    });

    it('refuses malformed cursors, dates and office ids on the pull', async () => {
      const pull = (query: string) => raw(central.url, 'GET', `/api/v1/sync/bookings?${query}`, undefined, auth());
      expectRefusal(await pull(`officeId=${OFFICE}&date=2022-01-06&cursor=-1`), 400, 'invalid_input');
      expectRefusal(await pull(`officeId=${OFFICE}&date=2022-01-06&cursor=99999999999999999999`), 400, 'invalid_input');
      expectRefusal(await pull(`officeId=${OFFICE}&date=2022-02-30`), 400, 'invalid_input');
      expectRefusal(await pull(`officeId=${OFFICE}&officeId=hg-vithanh&date=2022-01-06`), 400, 'invalid_input');
      expectRefusal(await pull('officeId=hg-vithanh&date=2022-01-06'), 403, 'forbidden');
    });
  });

  describe('races', () => {
    it('a cancel and a reschedule of one booking racing each other: serialised, never half-applied', async () => {
      for (let round = 0; round < 5; round++) {
        const phone = nextPhone();
        const made = await call<{ code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', slot: '10:00', citizen: { fullName: 'Võ Thị Em', phone } }));
        const [cancel, move] = await Promise.all([
          call<Body>(central.url, 'POST', `/api/v1/bookings/${made.body.code}/cancel`, { phone }),
          call<Body>(central.url, 'POST', `/api/v1/bookings/${made.body.code}/reschedule`, { phone, date: '2022-01-10', slot: '14:00' }),
        ]);
        // Either order is legal: cancel first (the reschedule is refused) or reschedule first (then cancelled).
        expect(cancel.status).toBe(200);
        if (move.status !== 200) expectRefusal(move, 409, 'not_cancellable');
        const view = await call<{ status: string; date: string; slot: string }>(central.url, 'GET', `/api/v1/bookings/${made.body.code}?phone=${phone}`);
        expect(view.body).toMatchObject(move.status === 200 ? { status: 'cancelled', date: '2022-01-10', slot: '14:00' } : { status: 'cancelled', date: '2022-01-07', slot: '10:00' });
      }
    });

    it('reschedules racing into the last seat of a slot: exactly one gets it, the slot is never overbooked', async () => {
      const slot = { date: '2022-01-11', slot: '15:00' };
      const capacity = (await call<{ start: string; capacity: number }[]>(central.url, 'GET', `/api/v1/offices/${OFFICE}/slots?date=${slot.date}&procedure=${PROCEDURE}`)).body.find((s) => s.start === slot.slot)!.capacity;
      for (let i = 0; i < capacity - 1; i++) expect((await call(central.url, 'POST', '/api/v1/bookings', bookingRequest(slot))).status).toBe(201);
      const movers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const phone = nextPhone();
          const made = await call<{ code: string }>(central.url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07', slot: '09:30', citizen: { fullName: 'Đặng Văn Phúc', phone } }));
          return { phone, code: made.body.code };
        }),
      );
      const answers = await Promise.all(movers.map((m) => call<Body>(central.url, 'POST', `/api/v1/bookings/${m.code}/reschedule`, { phone: m.phone, ...slot })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const refused of answers.filter((a) => a.status !== 200)) expectRefusal(refused, 409, 'slot_full');
      const after = (await call<{ start: string; booked: number }[]>(central.url, 'GET', `/api/v1/offices/${OFFICE}/slots?date=${slot.date}&procedure=${PROCEDURE}`)).body.find((s) => s.start === slot.slot)!;
      expect(after.booked).toBe(capacity);
      // The losers keep their old booking untouched.
      for (const [i, m] of movers.entries()) {
        const view = await call<{ date: string }>(central.url, 'GET', `/api/v1/bookings/${m.code}?phone=${m.phone}`);
        expect(view.body.date).toBe(answers[i]!.status === 200 ? slot.date : '2022-01-07');
      }
    });

    it('still answers after all of the above', async () => {
      expect((await call(central.url, 'GET', '/healthz')).status).toBe(200);
      expect((await call(central.url, 'GET', '/api/v1/offices')).status).toBe(200);
    });
  });
});

describe('central rate limit against strangers on the sync routes', () => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startCentral('sqlite', { rateLimitPerMinute: 5 });
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('limits requests without a valid device token; a hub with its token is never limited', async () => {
    const stranger: number[] = [];
    for (let i = 0; i < 8; i++) {
      const headers = i % 2 ? { authorization: `Bearer mcd_${'x'.repeat(32)}` } : ({} as Record<string, string>);
      stranger.push((await raw(central.url, 'GET', `/api/v1/sync/bookings?officeId=${OFFICE}&date=2022-01-06`, undefined, headers)).status);
    }
    expect(stranger.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(stranger.slice(5)).toEqual([429, 429, 429]);
    const limited = await raw(central.url, 'POST', '/api/v1/sync/events', JSON.stringify({ officeId: OFFICE, events: [] }), { 'content-type': 'application/json' });
    expectRefusal(limited, 429, 'rate_limited');
    const hub = { authorization: `Bearer ${central.deviceTokens[OFFICE]}` };
    for (let i = 0; i < 8; i++) expect((await raw(central.url, 'GET', `/api/v1/sync/bookings?officeId=${OFFICE}&date=2022-01-06`, undefined, hub)).status).toBe(200);
  });
});

describe('central hotline login against password guessing', () => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startCentral('sqlite', { rateLimitPerMinute: 300 });
    await central.createOperator({ username: 'lan', password: 'mật-khẩu-đúng', name: 'Trần Thị Lan' });
  });
  afterAll(async () => {
    await central?.dispose();
  });

  it('allows 10 login attempts a minute per client (each costs a scrypt), then answers 429 in Vietnamese', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call<Body>(central.url, 'POST', '/api/v1/hotline/login', { username: 'lan', password: `đoán-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expectRefusal(await call<Body>(central.url, 'POST', '/api/v1/hotline/login', { username: 'lan', password: 'mật-khẩu-đúng' }), 429, 'rate_limited');
    // The rest of the API is still open to this client.
    expect((await call(central.url, 'GET', '/api/v1/offices')).status).toBe(200);
  });
});
