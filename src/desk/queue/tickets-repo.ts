import type { Ticket, TicketKind, TicketStatus } from '../../shared/hub-events.js';
import { prepared, type Db } from '../db/open-db.js';

export interface TicketRow {
  id: string;
  day: string;
  number: string;
  group_id: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: number;
  booking_code: string | null;
  procedure_code: string | null;
  slot: string | null;
  late: number;
  counter_id: string | null;
  target_counter_id: string | null;
  target_group_id: string | null;
  checked_in_at: number;
  called_at: number | null;
  finished_at: number | null;
  /** Joined from bookings. */
  citizen_name?: string | null;
}

const SELECT = 'SELECT t.*, b.citizen_name FROM tickets t LEFT JOIN bookings b ON b.code = t.booking_code';

export function ticketById(db: Db, id: string): TicketRow | null {
  return (prepared(db, `${SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined) ?? null;
}

/** Full rows for these ids, in the order given (one query for a whole counter screen). */
export function ticketsByIds(db: Db, ids: readonly string[]): TicketRow[] {
  if (ids.length === 0) return [];
  const rows = prepared(db, `${SELECT} WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TicketRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function ticketByBooking(db: Db, code: string): TicketRow | null {
  return (prepared(db, `${SELECT} WHERE t.booking_code = ?`).get(code) as TicketRow | undefined) ?? null;
}

export function ticketByNumber(db: Db, day: string, number: string): TicketRow | null {
  return (prepared(db, `${SELECT} WHERE t.day = ? AND t.number = ?`).get(day, number) as TicketRow | undefined) ?? null;
}

export function currentTicketOf(db: Db, day: string, counterId: string): TicketRow | null {
  return (
    (prepared(db, `${SELECT} WHERE t.day = ? AND t.status = 'called' AND t.counter_id = ? ORDER BY t.called_at DESC LIMIT 1`).get(day, counterId) as
      | TicketRow
      | undefined) ?? null
  );
}

export function calledTickets(db: Db, day: string): TicketRow[] {
  return prepared(db, `${SELECT} WHERE t.day = ? AND t.status = 'called' ORDER BY t.called_at`).all(day) as TicketRow[];
}

export interface DayCounts {
  checkedIn: number;
  waiting: number;
  called: number;
  finished: number;
  noShow: number;
}

export function dayCounts(db: Db, day: string, counterId?: string): DayCounts {
  const rows = (
    counterId
      ? prepared(db, 'SELECT status, count(*) AS n FROM tickets WHERE day = ? AND counter_id = ? GROUP BY status').all(day, counterId)
      : prepared(db, 'SELECT status, count(*) AS n FROM tickets WHERE day = ? GROUP BY status').all(day)
  ) as { status: TicketStatus; n: number }[];
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<TicketStatus, number>>;
  const counts = { waiting: by.waiting ?? 0, called: by.called ?? 0, finished: by.finished ?? 0, noShow: by.no_show ?? 0 };
  return { ...counts, checkedIn: counts.waiting + counts.called + counts.finished + counts.noShow };
}

export function ticketToWire(row: TicketRow, procedureName: (code: string | null) => string | null): Ticket {
  return {
    id: row.id,
    number: row.number,
    groupId: row.target_group_id ?? row.group_id,
    kind: row.kind,
    status: row.status,
    priority: row.priority === 1,
    bookingCode: row.booking_code,
    procedureCode: row.procedure_code,
    procedureName: procedureName(row.procedure_code),
    slot: row.slot,
    late: row.late === 1,
    counterId: row.counter_id,
    targetCounterId: row.target_counter_id,
    checkedInAt: row.checked_in_at,
    calledAt: row.called_at,
    finishedAt: row.finished_at,
    citizenName: row.citizen_name ?? null,
  };
}
