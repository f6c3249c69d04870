/**
 * Adversarial input against a real desk hub (and the central it syncs from), both on 127.0.0.1: scans,
 * bodies, tokens, counter auth and Idempotency-Keys. Every refusal is a 4xx with a reason code and a
 * Vietnamese message, writes nothing, and the hub keeps answering.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingCreated } from '../../src/shared/api.js';
import { encodeToken, parseToken, payloadBytes, signedMessageOf } from '../../src/shared/token.js';
import { book, DISTRICT, manualClock, OFFICE, readRows, startCentral, startDesk, tempDir, type TestCentral, type TestDesk } from '../helpers/desk.js';

const VIETNAMESE = /[àáảãạăâđêôơưạếệịọụữ]/u;
// English (zod's or the router's) must never reach staff in `message`.
const ENGLISH_ZOD = /expected|received|Invalid input:|Too big|Too small|no route/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hub answers arbitrary JSON
type Answer = { status: number; body: any };

function expectRefusal(res: Answer, status: number, code: string): void {
  expect({ status: res.status, error: res.body?.error }).toEqual({ status, error: code });
  expect(res.body.message).toMatch(VIETNAMESE);
  expect(res.body.message).not.toMatch(ENGLISH_ZOD);
  expect(res.body.message).toBe(String(res.body.message).normalize('NFC'));
}

function footprint(hub: TestDesk) {
  const file = join(hub.dataDir, 'hub.sqlite');
  const count = (table: string) => readRows<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
  return { tickets: count('tickets'), outbox: count('outbox'), bookings: count('bookings'), sequences: count('day_sequences') };
}

async function raw(hub: TestDesk, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(hub.desk.url + path, { method, headers: { authorization: `Bearer ${hub.token}`, ...headers }, body });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { text } };
  }
}

describe('desk hub under adversarial input', () => {
  const centralClock = manualClock('2022-01-05T09:00:00+07:00');
  const hubClock = manualClock('2022-01-06T07:50:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;
  let district: TestDesk;
  const made: Record<string, BookingCreated> = {};

  beforeAll(async () => {
    central = await startCentral({ clock: centralClock });
    for (const name of ['a', 'b', 'c', 'race', 'idem1', 'idem2', 'spoof']) made[name] = await book(central.url, { date: '2022-01-06', slot: '08:00' });
    made.tomorrow = await book(central.url, { date: '2022-01-07', slot: '08:00' });
    made.cancelled = await book(central.url, { date: '2022-01-06', slot: '08:00', citizen: { fullName: 'Lê Văn Cường', phone: '0977000111' } });
    await fetch(`${central.url}/api/v1/bookings/${made.cancelled.code}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '0977000111' }) });
    made.district = await book(central.url, { officeId: DISTRICT, date: '2022-01-06', slot: '08:00' });
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock: hubClock });
    district = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[DISTRICT]!, clock: hubClock, officeId: DISTRICT });
    await Promise.all([hub.desk.syncNow(), district.desk.syncNow()]);
  });
  afterAll(async () => {
    await hub?.close();
    await district?.close();
    await central?.close();
  });

  const json = { 'content-type': 'application/json' };
  const bodies: [string, string, Record<string, string>, number, string][] = [
    ['malformed JSON', '{"scan":', json, 400, 'invalid_input'],
    ['text/plain', '{"scan":"x"}', { 'content-type': 'text/plain' }, 400, 'invalid_input'],
    ['a __proto__ key', '{"__proto__":{"admin":true},"scan":"x"}', json, 400, 'invalid_input'],
    ['a constructor.prototype key', '{"constructor":{"prototype":{"admin":true}},"scan":"x"}', json, 400, 'invalid_input'],
    ['200 000 nested arrays', '['.repeat(200_000) + ']'.repeat(200_000), json, 400, 'invalid_input'],
    ['a 3 MB body', JSON.stringify({ scan: 'x'.repeat(3_000_000) }), json, 413, 'payload_too_large'],
    ['a number as the scan', '{"scan":12345678}', json, 400, 'invalid_input'],
    ['an array as the scan', '{"scan":["ABCDEFGH"]}', json, 400, 'invalid_input'],
    ['an extra field', '{"scan":"x","admin":true}', json, 400, 'invalid_input'],
    ['priority as a string', '{"scan":"x","priority":"true"}', json, 400, 'invalid_input'],
    ['a 200-character counterId', `{"scan":"x","counterId":"${'q'.repeat(200)}"}`, json, 400, 'invalid_input'],
  ];
  it.each(bodies)('refuses %s on POST /api/v1/checkins in Vietnamese and writes nothing', async (_name, body, headers, status, code) => {
    const before = footprint(hub);
    expectRefusal(await raw(hub, 'POST', '/api/v1/checkins', body, headers), status, code);
    expect(footprint(hub)).toEqual(before);
  });

  const scans: [string, () => string, number, string][] = [
    ['a truncated token', () => made.a!.token.slice(0, -1), 400, 'invalid_format'],
    ['a token with one signature character changed', () => { const t = made.a!.token; const i = t.length - 20; return t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1); }, 422, 'invalid_signature'],
    ['a token signed by another key under the same kid', () => {
      const { payload } = parseToken(made.a!.token)!;
      return encodeToken(payload, new Uint8Array(sign(null, signedMessageOf(payloadBytes(payload)), generateKeyPairSync('ed25519').privateKey)));
    }, 422, 'invalid_signature'],
    ['a token naming an unknown key', () => { const p = parseToken(made.a!.token)!; return encodeToken({ ...p.payload, keyId: 'kZZZZZ' }, p.signature); }, 422, 'unknown_key'],
    ["another office's token", () => made.district!.token, 422, 'wrong_office'],
    ["tomorrow's token", () => made.tomorrow!.token, 422, 'wrong_date'],
    ['the token of a cancelled booking', () => made.cancelled!.token, 422, 'cancelled'],
    ['a scanner symbology prefix', () => `]Q1${made.a!.token}`, 400, 'invalid_format'],
    ['a junk suffix', () => `${made.a!.token}#`, 400, 'invalid_format'],
    ['a zero-width space inside', () => made.a!.token.slice(0, 30) + '\u200b' + made.a!.token.slice(30), 400, 'invalid_format'],
    ['an RTL mark in front', () => `\u200f${made.a!.token}`, 400, 'invalid_format'],
    ['a lone surrogate', () => `${made.a!.token}\ud800`, 400, 'invalid_format'],
    ['a NUL byte', () => `${made.a!.code}\u0000`, 400, 'invalid_format'],
    ['a 1 MB scan', () => 'MC1.' + '0'.repeat(1 << 20), 400, 'invalid_format'],
    ['binary junk', () => String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 89) % 256)), 400, 'invalid_format'],
    ['emoji', () => '😀'.repeat(8), 400, 'invalid_format'],
    ['a 7-character code', () => made.a!.code.slice(0, 7), 400, 'invalid_format'],
    ['a 9-character code', () => `${made.a!.code}0`, 400, 'invalid_format'],
    ['an unknown code', () => 'ZZZZZZZZ', 404, 'not_found'],
    ['an 11-digit phone', () => '09123456789', 400, 'invalid_format'],
    ['a landline', () => '0293 3554 567', 400, 'invalid_format'],
    ['an empty scan', () => '', 400, 'invalid_format'],
    ['a Telex-garbled token', () => 'MC1.ÂƯĐƠCDEFGHJKMNPQRSTVWXYZÊÔ', 400, 'keyboard_layout'],
  ];
  it.each(scans)('refuses %s with a reason code and writes nothing', async (_name, scan, status, code) => {
    const before = footprint(hub);
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: scan() }), status, code);
    expect(footprint(hub)).toEqual(before);
    expect(hub.desk.status().online).toBe(true);
  });

  it('accepts what a real scanner or a person sends: lower case, CR/LF, BOM, look-alikes, dashes, +84', async () => {
    expect((await hub.request('POST', '/api/v1/checkins', { scan: `\ufeff${made.a!.token.toLowerCase()}\r\n` })).status).toBe(201);
    const loose = made.b!.code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await hub.request('POST', '/api/v1/checkins', { scan: `${loose.slice(0, 4)}-${loose.slice(4)}` })).status).toBe(201);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: `\t${made.a!.code} ` })).status).toBe(200);
  });

  it('answers router-level refusals (bad escape, long path segment, huge headers, garbage) in the common shape', async () => {
    expectRefusal(await raw(hub, 'GET', '/api/v1/counters/%ZZ'), 400, 'invalid_input');
    expectRefusal(await raw(hub, 'GET', `/api/v1/counters/${'q'.repeat(500)}`), 414, 'invalid_input');
    expectRefusal(await raw(hub, 'GET', `/api/v1/bookings?q=${'x'.repeat(20_000)}`), 431, 'payload_too_large');
    const { port } = new URL(hub.desk.url);
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.end('\u0000\u0001\u0002 junk\r\n\r\n');
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage).toContain('"error":"invalid_input"');
    const missing = await raw(hub, 'GET', `/api/v1/${'nope/'.repeat(1000)}`);
    expectRefusal(missing, 404, 'invalid_input');
    expect(missing.body.message.length).toBeLessThan(200);
    expectRefusal(await raw(hub, 'DELETE', '/api/v1/checkins'), 404, 'invalid_input');
    expect((await hub.request('GET', '/api/v1/status')).status).toBe(200);
  });

  it('checks the counter token before anything else, and a token acts for its own counter only', async () => {
    const before = footprint(hub);
    const q1 = hub.token;
    // No token: 401 even for a counter that does not exist (a stranger cannot list counters).
    expectRefusal(await hub.request('POST', '/api/v1/counters/zz/call-next', undefined, { token: null }), 401, 'unauthorized');
    expectRefusal(await hub.request('GET', `/api/v1/counters/${'z'.repeat(65)}`, undefined, { token: null }), 401, 'unauthorized');
    expectRefusal(await hub.request('POST', `/api/v1/counters/${'z'.repeat(65)}/finish`, { junk: true }, { token: null }), 401, 'unauthorized');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call-next', undefined, { token: `${q1.slice(0, -1)}x` }), 401, 'unauthorized');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call-next', undefined, { token: q1.toLowerCase() === q1 ? q1.toUpperCase() : q1.toLowerCase() }), 401, 'unauthorized');
    // Another office's hub issued this counter token: it means nothing here.
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call-next', undefined, { token: district.tokenOf('q1') }), 401, 'unauthorized');
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.spoof!.code }, { token: district.tokenOf('q1') }), 401, 'unauthorized');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q2/call-next', undefined, { token: q1 }), 403, 'forbidden');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q9/call-next', undefined, { token: q1 }), 404, 'counter_not_found');
    // A counterId in a body is the caller's own too: q1 may not check in (or issue walk-ins) in q2's name.
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.spoof!.code, counterId: 'q2' }, { token: q1 }), 403, 'forbidden');
    expectRefusal(await district.request('POST', '/api/v1/walk-ins', { counterId: 'q2' }, { token: district.tokenOf('q1') }), 403, 'forbidden');
    expect(footprint(hub)).toEqual(before);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: made.spoof!.code, counterId: 'q1' }, { token: q1 })).status).toBe(201);
  });

  it('refuses an Idempotency-Key replayed with another body, by another counter or malformed; a true replay changes nothing', async () => {
    const key = randomUUID();
    const first = await hub.request('POST', '/api/v1/checkins', { scan: made.idem1!.code }, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const before = footprint(hub);
    // Another citizen under the same key must not get the first citizen's ticket.
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.idem2!.code }, { headers: { 'idempotency-key': key } }), 422, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.idem1!.code }, { token: hub.tokenOf('q2'), headers: { 'idempotency-key': key } }), 422, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call-next', undefined, { headers: { 'idempotency-key': key } }), 422, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.idem2!.code }, { headers: { 'idempotency-key': 'short' } }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.idem2!.code }, { headers: { 'idempotency-key': 'k'.repeat(5000) } }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/checkins', { scan: made.idem2!.code }, { headers: { 'idempotency-key': 'bad key with spaces' } }), 400, 'invalid_input');
    expect(footprint(hub)).toEqual(before);
    const replay = await hub.request('POST', '/api/v1/checkins', { scan: made.idem1!.code }, { headers: { 'idempotency-key': key } });
    expect(replay).toEqual(first);
    expect(footprint(hub)).toEqual(before);
    const lookup = await hub.request('GET', `/api/v1/bookings?q=${made.idem2!.code}`);
    expect(lookup.body.bookings[0].status).toBe('booked');
  });

  it('refuses malformed counter-action bodies and params in Vietnamese', async () => {
    const before = footprint(hub);
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call', { number: 1001 }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call', { number: '1'.repeat(21) }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call', { number: '9999' }), 404, 'ticket_not_found');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/transfer', { toCounterId: 'q2', toGroupId: 'sgtvt' }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/counters/q1/call-next', { extra: 1 }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/tickets/nope/priority', { priority: 'yes' }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/tickets/nope/priority', { priority: true }), 404, 'ticket_not_found');
    expectRefusal(await hub.request('GET', `/api/v1/bookings?q=${'a'.repeat(101)}`), 400, 'invalid_input');
    expectRefusal(await hub.request('GET', '/api/v1/bookings?q=a&q=b'), 400, 'invalid_input');
    expectRefusal(await hub.request('GET', '/api/v1/reports/2022-02-30'), 400, 'invalid_input');
    expectRefusal(await hub.request('GET', '/api/v1/reports/2022-01-06?format=pdf'), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/pair', { code: 123456, counterId: 'q1' }, { token: null }), 400, 'invalid_input');
    expectRefusal(await hub.request('POST', '/api/v1/walk-ins', []), 400, 'invalid_input');
    expect(footprint(hub)).toEqual(before);
  });

  it('refuses at start a ticket format whose numbers central would refuse (they would block the outbox for good)', async () => {
    const dir = tempDir();
    const start = (ticketFormat: string) =>
      startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock: hubClock, dataDir: dir.path, options: { ticketFormat } });
    try {
      await expect(start('{prefix}{seq:25}')).rejects.toThrow(/too long/);
      await expect(start('Số {prefix}-{seq}-{seq}-{seq}-{seq}')).rejects.toThrow(/too long/);
      const fine = await start('{prefix}-{seq:4}');
      await fine.close();
    } finally {
      dir.remove();
    }
  });

  it('the same check-in sent 20 times at once gives one ticket, one event and one number', async () => {
    const before = footprint(hub);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hub.request('POST', '/api/v1/checkins', { scan: i % 2 ? made.race!.token : made.race!.code }, { token: hub.tokenOf(`q${(i % 3) + 1}`) })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    expect(new Set(answers.map((a) => a.body.ticket.id)).size).toBe(1);
    const after = footprint(hub);
    expect({ tickets: after.tickets - before.tickets, outbox: after.outbox - before.outbox }).toEqual({ tickets: 1, outbox: 1 });
  });
});
