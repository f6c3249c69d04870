import { describe, expect, it } from 'vitest';
import { DbVersionFromFutureError, migrate, type Migration } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { pendingCount, setEventAside } from '../../src/desk/store/outbox-repo.js';
import { tempDir } from '../helpers/desk.js';
import { join } from 'node:path';

describe('hub store', () => {
  it('opens a file in WAL mode with foreign keys and a busy timeout', () => {
    const dir = tempDir();
    try {
      const db = openDb(join(dir.path, 'hub.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('0010 creates the hub tables and records user_version', () => {
    const db = openDb(':memory:');
    expect(migrate(db, HUB_MIGRATIONS, { to: 10 })).toBe(10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['bookings', 'counters', 'day_sequences', 'idempotency', 'outbox', 'settings', 'signing_keys', 'tickets']));
    // One ticket per booking, enforced by the schema itself.
    db.prepare("INSERT INTO tickets (id, day, number, group_id, kind, status, booking_code, checked_in_at) VALUES ('a', '2022-01-06', '1001', 'g', 'booked', 'waiting', 'ABCDEFGH', 0)").run();
    expect(() =>
      db.prepare("INSERT INTO tickets (id, day, number, group_id, kind, status, booking_code, checked_in_at) VALUES ('b', '2022-01-06', '1002', 'g', 'booked', 'waiting', 'ABCDEFGH', 0)").run(),
    ).toThrow(/UNIQUE/);
    // STRICT tables refuse the wrong type.
    expect(() => db.prepare("INSERT INTO outbox (id, type, at, event) VALUES ('x', 'called', 'not a number', '{}')").run()).toThrow();
    expect(migrate(db, HUB_MIGRATIONS, { to: 10 })).toBe(10);
  });

  it('0020 lets day status counts use an index', () => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS, { to: 10 });
    expect(migrate(db, HUB_MIGRATIONS, { to: 20 })).toBe(20);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM bookings WHERE date = ? AND status != 'cancelled'").all('2022-01-06') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX bookings_by_date_status/);
  });

  it('0030 drops the index 0020 made redundant; lookups by date still use an index', () => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS, { to: 20 });
    expect(migrate(db, HUB_MIGRATIONS, { to: 30 })).toBe(30);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'bookings_by_date'").all()).toEqual([]);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT code FROM bookings WHERE date = ?').all('2022-01-06') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX bookings_by_date_status/);
  });

  it('0040 keeps pending events through the upgrade and lets a refused one be set aside', () => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS, { to: 30 });
    db.prepare("INSERT INTO outbox (id, type, at, event) VALUES ('e1', 'checked_in', 1, '{}'), ('e2', 'called', 2, '{}')").run();
    expect(migrate(db, HUB_MIGRATIONS)).toBe(40);
    expect(pendingCount(db)).toBe(2);
    setEventAside(db, 'e1', 'central answered 400', 3);
    expect(pendingCount(db)).toBe(1);
    expect(db.prepare("SELECT set_aside_reason AS reason FROM outbox WHERE id = 'e1'").get()).toEqual({ reason: 'central answered 400' });
  });

  it('stops midway when asked, runs the rest later, and refuses a database from the future', () => {
    const steps: Migration[] = [
      { version: 10, name: 'a', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 20, name: 'b', up: (db) => db.exec('CREATE TABLE b (x INTEGER) STRICT') },
    ];
    const db = openDb(':memory:');
    expect(migrate(db, steps, { to: 10 })).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    expect(migrate(db, steps)).toBe(20);
    db.pragma('user_version = 30');
    expect(() => migrate(db, steps)).toThrow(DbVersionFromFutureError);
  });

  it('a failing migration leaves nothing behind', () => {
    const db = openDb(':memory:');
    const steps: Migration[] = [
      { version: 10, name: 'ok', up: (d) => d.exec('CREATE TABLE ok (x INTEGER) STRICT') },
      { version: 20, name: 'broken', up: (d) => d.exec('CREATE TABLE broken (x INTEGER) STRICT; SELECT * FROM missing') },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('refuses migrations out of order', () => {
    const db = openDb(':memory:');
    expect(() => migrate(db, [{ version: 20, name: 'b', up: () => {} }, { version: 10, name: 'a', up: () => {} }])).toThrow(/order/);
  });
});
