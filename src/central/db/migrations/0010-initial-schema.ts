import type { SqlExecutor } from '../database.js';
import { createTable } from './ddl.js';

export async function up(db: SqlExecutor): Promise<void> {
  await createTable(db, `catalog (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  )`);
  // One row per office: its change sequence, bumped (and so row-locked) by every write to its bookings.
  await createTable(db, `offices (
    id TEXT PRIMARY KEY,
    change_seq INTEGER NOT NULL
  )`);
  await createTable(db, `bookings (
    code TEXT PRIMARY KEY,
    office_id TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    group_id TEXT NOT NULL,
    date TEXT NOT NULL,
    slot TEXT NOT NULL,
    slot_end TEXT NOT NULL,
    status TEXT NOT NULL,
    full_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    id_number TEXT,
    booked_by_kind TEXT NOT NULL,
    booked_by_name TEXT,
    booked_by_phone TEXT,
    operator_id TEXT,
    token TEXT NOT NULL,
    key_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    change_seq INTEGER NOT NULL
  )`);
  await db.run('CREATE INDEX bookings_by_slot ON bookings (office_id, group_id, date, slot)');
  await db.run('CREATE INDEX bookings_by_change ON bookings (office_id, change_seq)');
  await db.run('CREATE INDEX bookings_by_phone ON bookings (phone, status)');
  // Backstop for "one active booking per phone, procedure and day" (the store checks first for a clear message).
  await db.run(`CREATE UNIQUE INDEX bookings_one_active ON bookings (phone, procedure_code, date) WHERE status IN ('booked', 'checked_in')`);
  await createTable(db, `signing_keys (
    kid TEXT PRIMARY KEY,
    public_x TEXT NOT NULL,
    private_pkcs8 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    active INTEGER NOT NULL
  )`);
  await createTable(db, `device_tokens (
    token_hash TEXT PRIMARY KEY,
    office_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);
  await createTable(db, `operators (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);
  await createTable(db, `operator_sessions (
    token_hash TEXT PRIMARY KEY,
    operator_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  )`);
  await createTable(db, `desk_events (
    id TEXT PRIMARY KEY,
    office_id TEXT NOT NULL,
    type TEXT NOT NULL,
    booking_code TEXT,
    at INTEGER NOT NULL,
    payload TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    applied INTEGER NOT NULL
  )`);
  await db.run('CREATE INDEX desk_events_pending ON desk_events (applied, booking_code)');
}
