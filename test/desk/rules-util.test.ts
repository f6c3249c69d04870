import { describe, expect, it } from 'vitest';
import { checkinWindow, classifyScan, walkInsAllowed } from '../../src/desk/checkin/checkin-util.js';
import { bearerToken, idempotencyKey, isLanAddress, sameSecret } from '../../src/desk/hub/hub-util.js';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { formatTicketNumber, queueHead, queueLength } from '../../src/desk/queue/queue-util.js';
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

describe('call order (the SQL in queue-util.ts, on a real in-memory store)', () => {
  interface Row {
    id: string;
    kind?: 'booked' | 'walk_in';
    slot?: string | null;
    at: number;
    priority?: boolean;
    group?: string;
    toCounter?: string;
    toGroup?: string;
  }
  function queue(rows: Row[], counter: { id: string; groupIds: string[] }, now: string, limit = 100): string[] {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS);
    const insert = db.prepare(
      `INSERT INTO tickets (id, day, number, group_id, kind, status, priority, slot, checked_in_at, target_counter_id, target_group_id)
       VALUES (?, '2022-01-06', ?, ?, ?, 'waiting', ?, ?, ?, ?, ?)`,
    );
    rows.forEach((r, i) =>
      insert.run(r.id, String(1001 + i), r.group ?? 'sgtvt', r.kind ?? 'booked', r.priority ? 1 : 0, r.kind === 'walk_in' ? null : (r.slot ?? null), r.at, r.toCounter ?? null, r.toGroup ?? null),
    );
    const head = queueHead(db, counter, '2022-01-06', now, limit);
    expect(queueLength(db, counter, '2022-01-06')).toBeGreaterThanOrEqual(head.length);
    return head;
  }
  const q1 = { id: 'q1', groupIds: ['sgtvt'] };

  it.each([
    {
      name: 'booked whose slot began, by slot then check-in; then walk-ins by arrival; then early birds',
      now: '08:30',
      rows: [
        { id: 'early', slot: '09:00', at: 1 },
        { id: 'w2', kind: 'walk_in', at: 5 },
        { id: 'b830', slot: '08:30', at: 2 },
        { id: 'b800b', slot: '08:00', at: 4 },
        { id: 'b800a', slot: '08:00', at: 3 },
        { id: 'w1', kind: 'walk_in', at: 0 },
      ],
      order: ['b800a', 'b800b', 'b830', 'w1', 'w2', 'early'],
    },
    {
      name: 'priority first within a class, never across classes',
      now: '08:30',
      rows: [
        { id: 'b800', slot: '08:00', at: 1 },
        { id: 'p815', slot: '08:15', at: 9, priority: true },
        { id: 'wp', kind: 'walk_in', at: 0, priority: true },
        { id: 'p900', slot: '09:00', at: 0, priority: true },
      ],
      order: ['p815', 'b800', 'wp', 'p900'],
    },
    {
      name: 'same-millisecond ties break on arrival',
      now: '08:00',
      rows: [
        { id: 'b', kind: 'walk_in', at: 1 },
        { id: 'a', kind: 'walk_in', at: 1 },
      ],
      order: ['b', 'a'],
    },
    {
      name: 'a transfer to a counter or a group overrides the ticket group',
      now: '08:00',
      rows: [
        { id: 'mine', slot: '08:00', at: 1 },
        { id: 'to-q2', slot: '07:45', at: 0, toCounter: 'q2' },
        { id: 'to-q1', slot: '07:30', at: 2, group: 'stp', toCounter: 'q1' },
        { id: 'to-stp', slot: '07:30', at: 0, toGroup: 'stp' },
        { id: 'other-group', slot: '07:00', at: 0, group: 'stp' },
      ],
      order: ['to-q1', 'mine'],
    },
  ] satisfies { name: string; now: string; rows: Row[]; order: string[] }[])('$name', ({ now, rows, order }) => {
    expect(queue(rows, q1, now)).toEqual(order);
  });

  it('limits the head but counts the whole queue', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: `w${i}`, kind: 'walk_in' as const, at: i }));
    expect(queue(rows, q1, '08:00', 3)).toEqual(['w0', 'w1', 'w2']);
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
    ['100.64.1.1', true],
    ['100.128.0.1', false],
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
