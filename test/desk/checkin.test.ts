import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeToken, parseToken } from '../../src/shared/token.js';
import type { ReasonCode } from '../../src/shared/reasons.js';
import { book, DISTRICT, manualClock, OFFICE, readRows, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

/** Everything a refused check-in must leave untouched. */
function footprint(hub: TestDesk) {
  const file = join(hub.dataDir, 'hub.sqlite');
  const count = (table: string) => readRows<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
  return { tickets: count('tickets'), outbox: count('outbox'), bookings: count('bookings'), sequences: count('day_sequences'), idempotency: count('idempotency') };
}

describe('check-in rules (real central, real hub)', () => {
  const centralClock = manualClock('2022-01-05T09:00:00+07:00');
  const hubClock = manualClock('2022-01-06T07:50:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;
  let districtHub: TestDesk;
  const tokens: Record<string, { token: string; code: string }> = {};

  beforeAll(async () => {
    central = await startCentral({ clock: centralClock });
    // Booked the day before, as citizens do.
    tokens.today0800 = await book(central.url, { date: '2022-01-06', slot: '08:00' });
    tokens.today1000 = await book(central.url, { date: '2022-01-06', slot: '10:00' });
    tokens.today0715 = await book(central.url, { date: '2022-01-06', slot: '07:00' });
    tokens.yesterday = await book(central.url, { date: '2022-01-05', slot: '16:00' });
    tokens.cancelled = await book(central.url, { date: '2022-01-06', slot: '08:15', citizen: { fullName: 'Lê Văn Cường', phone: '0987654321' } });
    tokens.district = await book(central.url, { officeId: DISTRICT, date: '2022-01-06', slot: '07:00' });
    tokens.districtLate = await book(central.url, { officeId: DISTRICT, date: '2022-01-06', slot: '07:15' });
    const cancel = await fetch(`${central.url}/api/v1/bookings/${tokens.cancelled.code}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '0987654321' }),
    });
    expect(cancel.status).toBe(200);
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock: hubClock });
    await hub.desk.syncNow();
    expect(hub.desk.status().online).toBe(true);
    districtHub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[DISTRICT]!, clock: hubClock, officeId: DISTRICT });
    await districtHub.desk.syncNow();
  });
  afterAll(async () => {
    await hub?.close();
    await districtHub?.close();
    await central?.close();
  });

  const refusals: [string, () => unknown, number, ReasonCode][] = [
    ['a tampered token (slot changed, signature kept)', () => { const p = parseToken(tokens.today0800!.token)!; return encodeToken({ ...p.payload, slot: '09:00' }, p.signature); }, 422, 'invalid_signature'],
    ['a token with a zeroed signature', () => encodeToken(parseToken(tokens.today0800!.token)!.payload, new Uint8Array(64)), 422, 'invalid_signature'],
    ['a token signed with an unknown key', () => { const p = parseToken(tokens.today0800!.token)!; return encodeToken({ ...p.payload, keyId: 'nope' }, p.signature); }, 422, 'unknown_key'],
    ["another office's token", () => tokens.district!.token, 422, 'wrong_office'],
    ["yesterday's token", () => tokens.yesterday!.token, 422, 'wrong_date'],
    ['a cancelled booking', () => tokens.cancelled!.token, 422, 'cancelled'],
    ['a token for 10:00 at 07:50', () => tokens.today1000!.token, 422, 'too_early'],
    ['a late citizen at level 3', () => tokens.today0715!.token, 422, 'too_late'],
    ['a 1 MB scan', () => 'MC1.' + 'A'.repeat(1024 * 1024), 400, 'invalid_format'],
    ['binary junk', () => String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 97) % 256)), 400, 'invalid_format'],
    ['a QR from another system', () => 'https://example.com/?q=1', 400, 'invalid_format'],
    ['a truncated token', () => tokens.today0800!.token.slice(0, 60), 400, 'invalid_format'],
    ['an unknown booking code', () => 'ZZZZZZZZ', 404, 'not_found'],
    ['a phone with no booking today', () => '0399999999', 404, 'not_found'],
    ['a Telex-garbled scan', () => 'MC1.ÂƯĐƠCDEFGHJKMNPQRSTVWXYZÊÔ', 400, 'keyboard_layout'],
  ];

  it("names the other office a booking belongs to, from the synced office list", async () => {
    const res = await hub.request('POST', '/api/v1/checkins', { scan: tokens.district!.token });
    expect(res.body.message).toContain('Bộ phận Một cửa thành phố Vị Thanh');
  });

  it.each(refusals)('refuses %s with a Vietnamese reason and writes nothing', async (_name, scan, status, code) => {
    const before = footprint(hub);
    const res = await hub.request('POST', '/api/v1/checkins', { scan: scan() }, { headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(code);
    expect(res.body.message).toMatch(/[àáảãạăâđêôơư]/u);
    expect(res.body.message).toBe(res.body.message.normalize('NFC'));
    const after = footprint(hub);
    // Only the stored answer to the Idempotency-Key may appear; no domain row, no event, no number used.
    expect({ ...after, idempotency: 0 }).toEqual({ ...before, idempotency: 0 });
    expect(hub.desk.status().online).toBe(true);
  });

  it('refuses a malformed body, a missing token and raw binary bodies without crashing', async () => {
    const before = footprint(hub);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: 'x' }, { token: null })).status).toBe(401);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: 'x' }, { token: 'wrong-token-123' })).status).toBe(401);
    const bad = await hub.request('POST', '/api/v1/checkins', { scan: 42, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_input');
    const binary = await fetch(`${hub.desk.url}/api/v1/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}` },
      body: new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)),
    });
    expect(binary.status).toBe(400);
    expect(((await binary.json()) as { error: string }).error).toBe('invalid_input');
    const huge = await fetch(`${hub.desk.url}/api/v1/walk-ins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}` },
      body: JSON.stringify({ groupId: 'x'.repeat(600_000) }),
    });
    expect(huge.status).toBe(413);
    expect(footprint(hub)).toEqual(before);
  });

  it('finds several bookings of one phone and asks to choose', async () => {
    await book(central.url, { date: '2022-01-06', slot: '08:00', citizen: { fullName: 'Phạm Thị Dung', phone: '0911222333' } });
    await book(central.url, { date: '2022-01-06', slot: '08:30', procedureCode: 'STP-LLTP', citizen: { fullName: 'Phạm Thị Dung', phone: '0911222333' } });
    await hub.desk.syncNow();
    const res = await hub.request('POST', '/api/v1/checkins', { scan: '0911.222.333' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('multiple_matches');
    expect(res.body.matches).toHaveLength(2);
    expect(JSON.stringify(res.body.matches)).not.toContain('0911222333');
    const lookup = await hub.request('GET', '/api/v1/bookings?q=0911222333');
    expect(lookup.body.bookings).toHaveLength(2);
  });

  it('accepts a valid token for a booking made after the last sync (offline), once', async () => {
    const fresh = await book(central.url, { date: '2022-01-06', slot: '08:00' });
    const first = await hub.request('POST', '/api/v1/checkins', { scan: fresh.token.toLowerCase() });
    expect(first.status).toBe(201);
    expect(first.body.booking.code).toBe(fresh.code);
    const second = await hub.request('POST', '/api/v1/checkins', { scan: fresh.code });
    expect(second.status).toBe(200);
    expect(second.body.alreadyCheckedIn).toBe(true);
    expect(second.body.ticket.number).toBe(first.body.ticket.number);
    await hub.desk.syncNow();
    // Reconciled: the synced booking now carries its procedure.
    const lookup = await hub.request('GET', `/api/v1/bookings?q=${fresh.code}`);
    expect(lookup.body.bookings[0]).toMatchObject({ code: fresh.code, procedureCode: 'GTVT-GPLX-CAPLAI', status: 'checked_in' });
  });

  it("moves an offline-accepted ticket to its booking's real service group once the booking syncs", async () => {
    const justice = await book(central.url, { date: '2022-01-06', slot: '08:00', procedureCode: 'STP-LLTP' });
    const res = await hub.request('POST', '/api/v1/checkins', { scan: justice.token });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ groupId: 'sgtvt', procedureCode: null }); // unknown until sync
    await hub.desk.syncNow();
    const q1 = await hub.request('GET', '/api/v1/counters/q1');
    expect(q1.body.waiting.some((t: { id: string }) => t.id === res.body.ticket.id)).toBe(false); // q1 serves sgtvt only
    const again = await hub.request('POST', '/api/v1/checkins', { scan: justice.code });
    expect(again.body.ticket).toMatchObject({ id: res.body.ticket.id, groupId: 'stp', procedureCode: 'STP-LLTP', procedureName: expect.stringContaining('lý lịch tư pháp') });
  });

  it('at level 2 a late citizen joins as a walk-in; at level 3 walk-ins are refused', async () => {
    hubClock.set('2022-01-06T08:10:00+07:00');
    const late = await districtHub.request('POST', '/api/v1/checkins', { scan: tokens.districtLate!.token }, { token: districtHub.token });
    expect(late.status).toBe(201);
    expect(late.body.ticket).toMatchObject({ kind: 'walk_in', late: true });
    const walkIn = await districtHub.request('POST', '/api/v1/walk-ins', {}, { token: districtHub.token });
    expect(walkIn.status).toBe(201);
    const refused = await hub.request('POST', '/api/v1/walk-ins', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('walk_in_not_allowed');
    expect(refused.body.message).toContain('0293.3554567');
  });

  it('after a key rotation, refuses the new key until the next sync refreshes the JWKS, then accepts it; old tokens still pass', async () => {
    const old = await book(central.url, { date: '2022-01-06', slot: '08:30' });
    const newKid = await central.central.store.rotateKey();
    const fresh = await book(central.url, { date: '2022-01-06', slot: '08:30' });
    expect(parseToken(fresh.token)!.payload.keyId).toBe(newKid);
    const before = footprint(hub);
    const refused = await hub.request('POST', '/api/v1/checkins', { scan: fresh.token });
    expect(refused.body.error).toBe('unknown_key');
    expect(footprint(hub)).toEqual(before);
    await hub.desk.syncNow();
    expect((await hub.request('POST', '/api/v1/checkins', { scan: fresh.token })).status).toBe(201);
    expect((await hub.request('POST', '/api/v1/checkins', { scan: old.token })).status).toBe(201);
  });
});
