import { describe, expect, it } from 'vitest';
import { checkinWindow, classifyScan, walkInsAllowed } from '../../src/desk/checkin/checkin-util.js';
import { bearerToken, idempotencyKey, isLanAddress, sameSecret } from '../../src/desk/hub/hub-util.js';
import { callOrder, formatTicketNumber, servesTicket, type QueueEntry } from '../../src/desk/queue/queue-util.js';
import { backoffDelay, stateAfterFailure, SyncHttpError } from '../../src/desk/sync/sync-util.js';

describe('ticket numbers', () => {
  it.each([
    ['{prefix}{seq:3}', '1', 1, '1001'],
    ['{prefix}{seq:3}', '2', 42, '2042'],
    ['{prefix}{seq:3}', '1', 1234, '11234'],
    ['{prefix}-{seq}', 'A', 7, 'A-7'],
  ])('%s with prefix %s and seq %i → %s', (format, prefix, seq, expected) => {
    expect(formatTicketNumber(format, prefix, seq)).toBe(expected);
  });
});

describe('call order', () => {
  let arrival = 0;
  const t = (id: string, kind: QueueEntry['kind'], slot: string | null, checkedInAt: number, priority = false): QueueEntry => ({ id, kind, slot, checkedInAt, priority, arrival: arrival++ });
  it.each([
    {
      name: 'booked whose slot began, by slot then check-in; then walk-ins by arrival; then early birds',
      now: '08:30',
      entries: [t('early', 'booked', '09:00', 1), t('w2', 'walk_in', null, 5), t('b830', 'booked', '08:30', 2), t('b800b', 'booked', '08:00', 4), t('b800a', 'booked', '08:00', 3), t('w1', 'walk_in', null, 0)],
      order: ['b800a', 'b800b', 'b830', 'w1', 'w2', 'early'],
    },
    {
      name: 'priority first within a class, never across classes',
      now: '08:30',
      entries: [t('b800', 'booked', '08:00', 1), t('p815', 'booked', '08:15', 9, true), t('wp', 'walk_in', null, 0, true), t('p900', 'booked', '09:00', 0, true)],
      order: ['p815', 'b800', 'wp', 'p900'],
    },
    { name: 'same-millisecond ties break on arrival', now: '08:00', entries: [t('b', 'walk_in', null, 1), t('a', 'walk_in', null, 1)], order: ['b', 'a'] },
  ])('$name', ({ now, entries, order }) => {
    expect(callOrder(entries, now).map((e) => e.id)).toEqual(order);
  });

  it('a transfer to a counter or group overrides the ticket group', () => {
    const counter = { id: 'q1', groupIds: ['sgtvt'] };
    expect(servesTicket(counter, { groupId: 'sgtvt', targetCounterId: null, targetGroupId: null })).toBe(true);
    expect(servesTicket(counter, { groupId: 'sgtvt', targetCounterId: 'q2', targetGroupId: null })).toBe(false);
    expect(servesTicket(counter, { groupId: 'stp', targetCounterId: 'q1', targetGroupId: null })).toBe(true);
    expect(servesTicket(counter, { groupId: 'sgtvt', targetCounterId: null, targetGroupId: 'stp' })).toBe(false);
  });
});

describe('scan classification', () => {
  it.each([
    ['MC1.ABC', 'token'],
    ['  mc1.abc\n', 'token'],
    ['0912 345 678', 'phone'],
    ['+84912345678', 'phone'],
    ['7k3m-9qx2', 'code'],
    ['OIL00000', 'code'],
    ['hello', 'invalid'],
    ['x'.repeat(1_000_001), 'invalid'],
    ['7K3M\u00009QX2', 'invalid'],
    ['\ufffd\ufffd\ufffd', 'invalid'],
    ['Mẻ1.ÂBCDỄFGHJKMNPQRSTVWXYZ', 'keyboard_layout'],
  ])('%j → %s', (scan, kind) => {
    expect(classifyScan(scan).kind).toBe(kind);
  });
});

describe('check-in window', () => {
  const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  it.each([
    ['07:29', { ok: false, reason: 'too_early', opensAt: '07:30' }],
    ['07:30', { ok: true, late: false }],
    ['08:44', { ok: true, late: false }],
    ['08:45', { ok: true, late: false }],
    ['08:46', { ok: true, late: true }],
  ])('slot 08:00–08:15 at %s', (now, verdict) => {
    expect(checkinWindow(m(now), '08:00', '08:15', 30, 30)).toEqual(verdict);
  });
  it('walk-ins only at epidemic levels 1–2', () => {
    expect([1, 2, 3, 4].map(walkInsAllowed)).toEqual([true, true, false, false]);
  });
});

describe('LAN guards', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:192.168.1.20', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['fd00::1', true],
    ['2001:db8::1', false],
    [undefined, false],
  ])('%s is LAN: %s', (ip, lan) => {
    expect(isLanAddress(ip)).toBe(lan);
  });
  it('parses bearer tokens and idempotency keys strictly', () => {
    expect(bearerToken('Bearer abcdefgh12')).toBe('abcdefgh12');
    expect(bearerToken('Basic abcdefgh12')).toBeNull();
    expect(bearerToken('Bearer short')).toBeNull();
    expect(idempotencyKey('6f1c2d3e-aaaa-bbbb-cccc-1234567890ab')).toBe('6f1c2d3e-aaaa-bbbb-cccc-1234567890ab');
    expect(idempotencyKey('bad key!')).toBeNull();
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
  });
});

describe('sync backoff', () => {
  it('doubles up to the cap, with half of it random', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(45_000);
  });
  it('unreachable or overloaded central is offline; refused credentials are an error', () => {
    expect(stateAfterFailure(new TypeError('fetch failed'))).toBe('offline');
    expect(stateAfterFailure(new SyncHttpError(503, '/x'))).toBe('offline');
    expect(stateAfterFailure(new SyncHttpError(401, '/x'))).toBe('error');
  });
});
