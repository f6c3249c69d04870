import type { BookingStatus, SyncBooking } from '../../shared/api.js';
import type { DeskBooking } from '../../shared/hub-events.js';
import { prepared, type Db } from '../db/open-db.js';

export interface BookingRow {
  code: string;
  office_id: string;
  procedure_code: string | null;
  group_id: string;
  date: string;
  slot: string;
  slot_end: string;
  status: BookingStatus;
  citizen_name: string | null;
  phone: string | null;
  id_number: string | null;
  booked_by_kind: string | null;
  updated_at: number;
  source: 'sync' | 'token';
}

const UPSERT_SQL = `
  INSERT INTO bookings (code, office_id, procedure_code, group_id, date, slot, slot_end, status, citizen_name, phone, id_number, booked_by_kind, updated_at, source)
  VALUES (@code, @office_id, @procedure_code, @group_id, @date, @slot, @slot_end, @status, @citizen_name, @phone, @id_number, @booked_by_kind, @updated_at, 'sync')
  ON CONFLICT (code) DO UPDATE SET
    procedure_code = excluded.procedure_code, group_id = excluded.group_id, date = excluded.date, slot = excluded.slot,
    slot_end = excluded.slot_end, citizen_name = excluded.citizen_name, phone = excluded.phone, id_number = excluded.id_number,
    booked_by_kind = excluded.booked_by_kind, updated_at = excluded.updated_at, source = 'sync',
    -- What happened at this counter outranks central's older view, and a cancellation central took before our
    -- events reached it (the same rank as central's STATUS_RANK); central learns it from our outbox.
    status = CASE WHEN bookings.status IN ('checked_in', 'served', 'no_show') AND excluded.status IN ('booked', 'cancelled') THEN bookings.status ELSE excluded.status END
  WHERE excluded.updated_at >= bookings.updated_at OR bookings.source = 'token'`;

/** Applies a page of central's changes. Caller wraps it in a transaction. */
export function upsertSyncedBookings(db: Db, bookings: readonly SyncBooking[]): void {
  const stmt = prepared(db, UPSERT_SQL);
  for (const b of bookings) {
    stmt.run({
      code: b.code,
      office_id: b.officeId,
      procedure_code: b.procedureCode,
      group_id: b.groupId,
      date: b.date,
      slot: b.slot,
      slot_end: b.slotEnd,
      status: b.status,
      citizen_name: b.citizen.fullName,
      phone: b.citizen.phone,
      id_number: b.citizen.idNumber ?? null,
      booked_by_kind: b.bookedByKind,
      updated_at: b.updatedAt,
    });
  }
}

/**
 * A ticket issued from a token before its booking was synced got the office's first group; once the
 * booking arrives, a still-waiting ticket moves to the booking's real group and procedure (its number stays).
 */
export function reconcileTokenTickets(db: Db): number {
  return prepared(
    db,
    `UPDATE tickets SET group_id = b.group_id, procedure_code = b.procedure_code
     FROM bookings b
     WHERE b.code = tickets.booking_code AND tickets.procedure_code IS NULL AND b.procedure_code IS NOT NULL AND tickets.status = 'waiting'`,
  ).run().changes;
}

/** A booking known only from its signed token (booked after our last sync). */
export function insertTokenBooking(db: Db, row: Pick<BookingRow, 'code' | 'office_id' | 'group_id' | 'date' | 'slot' | 'slot_end'>, at: number): void {
  prepared(db, 
    `INSERT INTO bookings (code, office_id, procedure_code, group_id, date, slot, slot_end, status, updated_at, source)
     VALUES (?, ?, NULL, ?, ?, ?, ?, 'booked', ?, 'token') ON CONFLICT (code) DO NOTHING`,
  ).run(row.code, row.office_id, row.group_id, row.date, row.slot, row.slot_end, at);
}

export function findBooking(db: Db, code: string): BookingRow | null {
  return (prepared(db, 'SELECT * FROM bookings WHERE code = ?').get(code) as BookingRow | undefined) ?? null;
}

export function findBookingsByPhone(db: Db, phone: string, date: string): BookingRow[] {
  return prepared(db, 'SELECT * FROM bookings WHERE phone = ? AND date = ? ORDER BY slot, code').all(phone, date) as BookingRow[];
}

export function setBookingStatus(db: Db, code: string, status: BookingStatus): void {
  prepared(db, 'UPDATE bookings SET status = ? WHERE code = ?').run(status, code);
}

export function countBookingsOn(db: Db, date: string): number {
  return (prepared(db, "SELECT count(*) AS n FROM bookings WHERE date = ? AND status != 'cancelled'").get(date) as { n: number }).n;
}

/** 0912345678 → 0912***678: enough for staff to confirm, useless to anyone reading over a shoulder. */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  return phone.length <= 7 ? '***' : `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}

export function bookingToDesk(row: BookingRow, procedureName: (code: string | null) => string): DeskBooking {
  return {
    code: row.code,
    officeId: row.office_id,
    procedureCode: row.procedure_code ?? '',
    procedureName: procedureName(row.procedure_code),
    groupId: row.group_id,
    date: row.date,
    slot: row.slot,
    slotEnd: row.slot_end,
    status: row.status,
    citizenName: row.citizen_name ?? '',
    phoneMasked: maskPhone(row.phone),
  };
}
