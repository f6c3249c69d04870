import type { Db } from '../open-db.js';

/** The hub's first schema: settings, keys, the local copy of bookings, counters, tickets, the outbox, idempotency. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE signing_keys (
      kid TEXT PRIMARY KEY,
      x TEXT NOT NULL,
      fetched_at INTEGER NOT NULL
    ) STRICT;

    -- Today's and tomorrow's bookings of this office. source = 'sync' (from central) or 'token'
    -- (accepted offline from a signed QR before the booking reached us; reconciled at the next sync).
    CREATE TABLE bookings (
      code TEXT PRIMARY KEY,
      office_id TEXT NOT NULL,
      procedure_code TEXT,
      group_id TEXT NOT NULL,
      date TEXT NOT NULL,
      slot TEXT NOT NULL,
      slot_end TEXT NOT NULL,
      status TEXT NOT NULL,
      citizen_name TEXT,
      phone TEXT,
      id_number TEXT,
      booked_by_kind TEXT,
      updated_at INTEGER NOT NULL,
      source TEXT NOT NULL
    ) STRICT;
    CREATE INDEX bookings_by_date ON bookings (date);
    CREATE INDEX bookings_by_phone ON bookings (phone, date);

    CREATE TABLE counters (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      number INTEGER NOT NULL,
      token TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE day_sequences (
      day TEXT NOT NULL,
      group_id TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      PRIMARY KEY (day, group_id)
    ) STRICT;

    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      number TEXT NOT NULL,
      group_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      priority INTEGER NOT NULL DEFAULT 0,
      booking_code TEXT,
      procedure_code TEXT,
      slot TEXT,
      late INTEGER NOT NULL DEFAULT 0,
      counter_id TEXT,
      target_counter_id TEXT,
      target_group_id TEXT,
      checked_in_at INTEGER NOT NULL,
      called_at INTEGER,
      finished_at INTEGER,
      UNIQUE (day, number)
    ) STRICT;
    -- One ticket per booking, ever: the local "already used" record no signature can give.
    CREATE UNIQUE INDEX tickets_one_per_booking ON tickets (booking_code) WHERE booking_code IS NOT NULL;
    CREATE INDEX tickets_by_day_status ON tickets (day, status);

    -- Desk events for central, written in the same transaction as the change they describe.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      event TEXT NOT NULL,
      acked_at INTEGER
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (acked_at, seq);

    -- Replays of POSTs carrying an Idempotency-Key return the first answer.
    CREATE TABLE idempotency (
      key TEXT PRIMARY KEY,
      route TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `);
}
