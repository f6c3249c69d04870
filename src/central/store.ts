/**
 * The central store: every booking rule and every write, over the one async Database interface, so the
 * same code (and the same tests) run on SQLite and PostgreSQL.
 *
 * Concurrency: every write to an office's bookings starts by bumping that office's row in `offices`
 * (`UPDATE … SET change_seq = change_seq + 1 RETURNING`). On PostgreSQL that row lock is held until
 * commit, so writers of one office run one at a time: the capacity count that follows cannot race
 * (no overbooking), and change numbers are handed out in commit order. On SQLite the whole transaction
 * is already serial (BEGIN IMMEDIATE under one connection lock). Phone-wide rules (one active booking per
 * phone/procedure/day, the hold limit) span offices, so they also take an advisory lock on the phone,
 * always after the office lock (one order, no deadlock).
 *
 * Sync cursor: the cursor is an office's change number. Because a change number is assigned under the
 * office lock and the lock is held to commit, a row with number n is visible only after every row with a
 * smaller number is — a reader can never see n+1 while n is still in flight, so `change_seq > cursor`
 * never skips a late-committing row (the hazard of plain sequences on PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import type { BookedBy, BookingStatus, BookingView, Citizen, DeskEvent, SyncBooking, SyncEventsResponse } from '../shared/api.js';
import { BOOKING_STATUS_AFTER_EVENT } from '../shared/api.js';
import { encodeBase32 } from '../shared/crockford.js';
import { addDays, localDate } from '../shared/time.js';
import { createDeviceToken, createOperator, loginOperator, officeOfDeviceToken, operatorOfSession } from './accounts.js';
import { refuse } from './api-error.js';
import { calendarRefusal, isOpenDay } from './booking-rules.js';
import { loadCatalog, slotStarts, type Catalog, type CatalogOffice } from './catalog.js';
import type { Database, SqlExecutor } from './db/database.js';
import { loadSigningKey, publicJwks, rotateKey, signBookingToken, type SigningKey } from './keys.js';

export interface BookingRow {
  code: string;
  office_id: string;
  procedure_code: string;
  group_id: string;
  date: string;
  slot: string;
  slot_end: string;
  status: BookingStatus;
  full_name: string;
  phone: string;
  id_number: string | null;
  booked_by_kind: BookedBy['kind'];
  booked_by_name: string | null;
  booked_by_phone: string | null;
  operator_id: string | null;
  token: string;
  key_id: string;
  created_at: number;
  updated_at: number;
  change_seq: number;
}

export interface NewBooking {
  officeId: string;
  procedureCode: string;
  date: string;
  slot: string;
  citizen: Citizen;
  bookedBy: BookedBy;
}

export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  booked: number;
  available: number;
}

/**
 * Later statuses never go back to earlier ones when desk events arrive out of order. What happened at the counter
 * (the citizen was there) outranks a cancellation central took before the desk's event arrived (an offline desk,
 * or a race): the hub keeps the same rule for what it pulls, so both sides end on the counter's facts.
 */
const STATUS_RANK: Record<BookingStatus, number> = { booked: 0, cancelled: 1, checked_in: 2, served: 3, no_show: 3 };

/** Vietnamese past participle for not_cancellable ("Lịch hẹn đã …"). */
const STATUS_WORDS: Record<BookingStatus, string> = {
  booked: 'được đặt',
  checked_in: 'được tiếp nhận',
  served: 'được giải quyết',
  no_show: 'bị đánh dấu vắng mặt',
  cancelled: 'bị hủy',
};

export const DEFAULT_MAX_ACTIVE_BOOKINGS_PER_PHONE = 3;
const EMPTY_CATALOG: Catalog = {
  source: { province: '', defaults: { schedule: { workingDays: [], sessions: [], slotMinutes: 15, horizonDays: 0 }, holidays: [] }, agencies: [], procedures: [], offices: [] },
  offices: new Map(),
};

const newBookingCode = () => encodeBase32(randomBytes(5));

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface StoreOptions {
  db: Database;
  now: () => number;
  maxActiveBookingsPerPhone?: number;
  syncPageSize?: number;
}

export type Store = Awaited<ReturnType<typeof openStore>>;

export async function openStore(opts: StoreOptions) {
  const { db, now } = opts;
  const maxHolds = opts.maxActiveBookingsPerPhone ?? DEFAULT_MAX_ACTIVE_BOOKINGS_PER_PHONE;
  const syncPageSize = opts.syncPageSize ?? 500;
  // Until a catalog is seeded (--demo or --catalog), the server knows no office.
  let catalog: Catalog | null = null;
  let signingKey: SigningKey | null = null;

  async function reloadCatalog(): Promise<void> {
    const row = await db.get<{ document: string }>("SELECT document FROM catalog WHERE id = 'current'");
    if (row) catalog = loadCatalog(JSON.parse(row.document));
  }

  /** The signing key, re-read when another process (the `keys rotate` CLI) has rotated it. */
  async function currentKey(tx: SqlExecutor): Promise<SigningKey> {
    const activeKid = () => tx.get<{ kid: string }>('SELECT kid FROM signing_keys WHERE active = 1 ORDER BY created_at DESC LIMIT 1');
    let active = await activeKid();
    if (!active) {
      // First start: two servers on one PostgreSQL database must not both make a key.
      await tx.lockKey('motcua:signing-keys');
      active = await activeKid();
      if (!active) {
        await rotateKey(tx, now());
        active = await activeKid();
      }
    }
    if (!signingKey || signingKey.kid !== active?.kid) signingKey = await loadSigningKey(tx);
    return signingKey!;
  }

  function office(officeId: string): CatalogOffice {
    const found = catalog?.offices.get(officeId);
    if (!found) throw refuse('office_not_found');
    return found;
  }

  function procedureAt(officeEntry: CatalogOffice, procedureCode: string) {
    const procedure = officeEntry.procedures.find((p) => p.code === procedureCode);
    if (!procedure) throw refuse('procedure_not_offered');
    const group = officeEntry.groups.find((g) => g.id === procedure.groupId)!;
    return { procedure, group };
  }

  /** Takes the office's write lock and returns the change number for this transaction's writes. */
  async function nextChange(tx: SqlExecutor, officeId: string): Promise<number> {
    const row = await tx.get<{ change_seq: number }>('UPDATE offices SET change_seq = change_seq + 1 WHERE id = ? RETURNING change_seq', [officeId]);
    if (!row) throw refuse('office_not_found');
    return row.change_seq;
  }

  async function slotLoad(tx: SqlExecutor, officeId: string, groupId: string, date: string, slot: string): Promise<number> {
    const row = await tx.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM bookings WHERE office_id = ? AND group_id = ? AND date = ? AND slot = ? AND status <> 'cancelled'",
      [officeId, groupId, date, slot],
    );
    return Number(row?.n ?? 0);
  }

  /** Phone-wide rules; `exceptCode` is the booking being rescheduled (it doesn't count against itself). */
  async function checkPhoneRules(tx: SqlExecutor, phone: string, procedureCode: string, date: string, exceptCode: string | null): Promise<void> {
    await tx.lockKey(`phone:${phone}`);
    const same = await tx.get<{ code: string }>(
      "SELECT code FROM bookings WHERE phone = ? AND procedure_code = ? AND date = ? AND status IN ('booked', 'checked_in') AND code <> ?",
      [phone, procedureCode, date, exceptCode ?? ''],
    );
    if (same) throw refuse('duplicate_booking', { code: same.code });
    if (exceptCode) return;
    const holds = await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM bookings WHERE phone = ? AND status = 'booked' AND date >= ?", [phone, localDate(now())]);
    if (Number(holds?.n ?? 0) >= maxHolds) throw refuse('phone_limit', { limit: maxHolds });
  }

  async function applyStatus(tx: SqlExecutor, booking: BookingRow, status: BookingStatus, change: number): Promise<boolean> {
    if (STATUS_RANK[status] <= STATUS_RANK[booking.status]) return false;
    await tx.run('UPDATE bookings SET status = ?, updated_at = ?, change_seq = ? WHERE code = ?', [status, now(), change, booking.code]);
    booking.status = status;
    return true;
  }

  /** Desk events that arrived before central knew their booking are applied once it does. */
  async function reconcilePending(tx: SqlExecutor, booking: BookingRow, change: number): Promise<void> {
    const pending = await tx.all<{ id: string; type: DeskEvent['type'] }>(
      'SELECT id, type FROM desk_events WHERE applied = 0 AND booking_code = ? AND office_id = ? ORDER BY at, received_at',
      [booking.code, booking.office_id],
    );
    for (const event of pending) {
      const status = BOOKING_STATUS_AFTER_EVENT[event.type];
      if (status) await applyStatus(tx, booking, status, change);
      await tx.run('UPDATE desk_events SET applied = 1 WHERE id = ?', [event.id]);
    }
  }

  /** Pending events of an office whose booking has since appeared (e.g. restored from a backup) are applied now. */
  async function reconcileOffice(tx: SqlExecutor, officeId: string, change: number): Promise<void> {
    const rows = await tx.all<{ booking_code: string }>(
      'SELECT DISTINCT e.booking_code FROM desk_events e JOIN bookings b ON b.code = e.booking_code AND b.office_id = e.office_id WHERE e.applied = 0 AND e.office_id = ?',
      [officeId],
    );
    for (const { booking_code } of rows) {
      const booking = await tx.get<BookingRow>('SELECT * FROM bookings WHERE code = ?', [booking_code]);
      if (booking) await reconcilePending(tx, booking, change);
    }
  }

  async function writeTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(fn);
    } catch (error) {
      // The unique index is the backstop behind the explicit check; report it the same way.
      if (isUniqueViolation(error)) throw refuse('duplicate_booking', { code: '' });
      throw error;
    }
  }

  const store = {
    db,
    now,
    get catalog(): Catalog {
      return catalog ?? EMPTY_CATALOG;
    },
    office,
    procedureAt,

    /** Replaces the catalog (validated first) and makes sure every office has its lock row. */
    async saveCatalog(document: unknown): Promise<void> {
      const parsed = loadCatalog(document);
      await db.transaction(async (tx) => {
        await tx.run(
          "INSERT INTO catalog (id, document, updated_at) VALUES ('current', ?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
          [JSON.stringify(parsed.source), now()],
        );
        for (const id of parsed.offices.keys()) await tx.run('INSERT INTO offices (id, change_seq) VALUES (?, 0) ON CONFLICT (id) DO NOTHING', [id]);
      });
      catalog = parsed;
    },

    async slots(officeId: string, procedureCode: string, date: string): Promise<SlotView[]> {
      return (await store.slotDays(officeId, procedureCode, date, 1))[0]!.slots;
    },

    /** Slots of `days` consecutive dates from `from` (one query), for pickers that show several days. */
    async slotDays(officeId: string, procedureCode: string, from: string, days: number): Promise<{ date: string; slots: SlotView[] }[]> {
      const officeEntry = office(officeId);
      const { group } = procedureAt(officeEntry, procedureCode);
      const dates = Array.from({ length: days }, (_, i) => addDays(from, i));
      const rows = await db.all<{ date: string; slot: string; n: number }>(
        "SELECT date, slot, COUNT(*) AS n FROM bookings WHERE office_id = ? AND group_id = ? AND date >= ? AND date <= ? AND status <> 'cancelled' GROUP BY date, slot",
        [officeId, group.id, from, dates.at(-1)!],
      );
      const taken = new Map(rows.map((r) => [`${r.date} ${r.slot}`, Number(r.n)]));
      const at = now();
      const today = localDate(at);
      return dates.map((date) => {
        // A closed day, a past day or one beyond the horizon has no slots at all.
        if (!isOpenDay(officeEntry, date) || date < today || date > addDays(today, officeEntry.schedule.horizonDays)) return { date, slots: [] };
        const slots = slotStarts(officeEntry.schedule).map(({ start, end }) => {
          const booked = taken.get(`${date} ${start}`) ?? 0;
          const open = calendarRefusal(officeEntry, date, start, at) === null;
          return { start, end, capacity: group.capacityPerSlot, booked, available: open ? Math.max(0, group.capacityPerSlot - booked) : 0 };
        });
        return { date, slots };
      });
    },

    async createBooking(request: NewBooking): Promise<BookingRow> {
      const officeEntry = office(request.officeId);
      const { group } = procedureAt(officeEntry, request.procedureCode);
      const at = now();
      const refusal = calendarRefusal(officeEntry, request.date, request.slot, at);
      if (refusal) throw refuse(refusal.code, refusal.params);
      const slotEnd = slotStarts(officeEntry.schedule).find((s) => s.start === request.slot)!.end;
      return writeTransaction(async (tx) => {
        const change = await nextChange(tx, request.officeId);
        await checkPhoneRules(tx, request.citizen.phone, request.procedureCode, request.date, null);
        if ((await slotLoad(tx, request.officeId, group.id, request.date, request.slot)) >= group.capacityPerSlot) throw refuse('slot_full');
        let code = newBookingCode();
        while (await tx.get('SELECT 1 AS x FROM bookings WHERE code = ?', [code])) code = newBookingCode();
        const key = await currentKey(tx);
        const { bookedBy, citizen } = request;
        const row: BookingRow = {
          code,
          office_id: request.officeId,
          procedure_code: request.procedureCode,
          group_id: group.id,
          date: request.date,
          slot: request.slot,
          slot_end: slotEnd,
          status: 'booked',
          full_name: citizen.fullName,
          phone: citizen.phone,
          id_number: citizen.idNumber ?? null,
          booked_by_kind: bookedBy.kind,
          booked_by_name: bookedBy.kind === 'relative' ? bookedBy.name : null,
          booked_by_phone: bookedBy.kind === 'relative' ? bookedBy.phone : null,
          operator_id: bookedBy.kind === 'hotline' ? bookedBy.operatorId : null,
          token: signBookingToken(key, { bookingCode: code, officeId: request.officeId, date: request.date, slot: request.slot }),
          key_id: key.kid,
          created_at: at,
          updated_at: at,
          change_seq: change,
        };
        const columns = Object.keys(row);
        await tx.run(`INSERT INTO bookings (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
        await reconcilePending(tx, row, change);
        return row;
      });
    },

    async findBooking(code: string, phone: string): Promise<BookingRow> {
      const row = await db.get<BookingRow>('SELECT * FROM bookings WHERE code = ? AND phone = ?', [code, phone]);
      if (!row) throw refuse('not_found');
      return row;
    },

    async cancelBooking(code: string, phone: string): Promise<BookingRow> {
      const found = await store.findBooking(code, phone);
      return writeTransaction(async (tx) => {
        const change = await nextChange(tx, found.office_id);
        const row = await tx.get<BookingRow>('SELECT * FROM bookings WHERE code = ?', [code]);
        if (!row) throw refuse('not_found');
        if (row.status !== 'booked') throw refuse('not_cancellable', { status: STATUS_WORDS[row.status] });
        await tx.run("UPDATE bookings SET status = 'cancelled', updated_at = ?, change_seq = ? WHERE code = ?", [now(), change, code]);
        return { ...row, status: 'cancelled', updated_at: now(), change_seq: change };
      });
    },

    /** Moves a booking to another date/slot at the same office; any refusal leaves the old booking as it was. */
    async rescheduleBooking(code: string, phone: string, date: string, slot: string): Promise<BookingRow> {
      const found = await store.findBooking(code, phone);
      const officeEntry = office(found.office_id);
      const { group } = procedureAt(officeEntry, found.procedure_code);
      const refusal = calendarRefusal(officeEntry, date, slot, now());
      if (refusal) throw refuse(refusal.code, refusal.params);
      const slotEnd = slotStarts(officeEntry.schedule).find((s) => s.start === slot)!.end;
      return writeTransaction(async (tx) => {
        const change = await nextChange(tx, found.office_id);
        const row = await tx.get<BookingRow>('SELECT * FROM bookings WHERE code = ?', [code]);
        if (!row) throw refuse('not_found');
        if (row.status !== 'booked') throw refuse('not_cancellable', { status: STATUS_WORDS[row.status] });
        if (row.date === date && row.slot === slot) return row;
        await checkPhoneRules(tx, phone, row.procedure_code, date, code);
        if ((await slotLoad(tx, row.office_id, group.id, date, slot)) >= group.capacityPerSlot) throw refuse('slot_full');
        const key = await currentKey(tx);
        const token = signBookingToken(key, { bookingCode: code, officeId: row.office_id, date, slot });
        const at = now();
        await tx.run('UPDATE bookings SET date = ?, slot = ?, slot_end = ?, token = ?, key_id = ?, updated_at = ?, change_seq = ? WHERE code = ?', [
          date,
          slot,
          slotEnd,
          token,
          key.kid,
          at,
          change,
          code,
        ]);
        return { ...row, date, slot, slot_end: slotEnd, token, key_id: key.kid, updated_at: at, change_seq: change };
      });
    },

    async bookingsByPhone(phone: string): Promise<BookingRow[]> {
      return db.all<BookingRow>('SELECT * FROM bookings WHERE phone = ? ORDER BY date DESC, slot DESC LIMIT 100', [phone]);
    },

    /** One page of an office's changed bookings for a date; see the cursor note at the top of this file. */
    async syncBookings(officeId: string, date: string, cursor: number): Promise<{ bookings: BookingRow[]; cursor: number; more: boolean }> {
      // Read the office's committed change number before the rows: every change up to it is then in the rows query's view.
      const head = await db.get<{ change_seq: number }>('SELECT change_seq FROM offices WHERE id = ?', [officeId]);
      const rows = await db.all<BookingRow>('SELECT * FROM bookings WHERE office_id = ? AND date = ? AND change_seq > ? ORDER BY change_seq LIMIT ?', [
        officeId,
        date,
        cursor,
        syncPageSize + 1,
      ]);
      const more = rows.length > syncPageSize;
      const page = rows.slice(0, syncPageSize);
      const last = page.at(-1)?.change_seq ?? cursor;
      return { bookings: page, cursor: more ? last : Math.max(last, cursor, head?.change_seq ?? 0), more };
    },

    /** Stores desk events once per id and moves booking statuses; nothing is written if any event is another office's. */
    async applyDeskEvents(officeId: string, events: DeskEvent[]): Promise<SyncEventsResponse> {
      return writeTransaction(async (tx) => {
        const change = await nextChange(tx, officeId);
        const codes = [...new Set(events.flatMap((e) => (e.bookingCode ? [e.bookingCode] : [])))];
        const bookings = new Map<string, BookingRow>();
        for (const code of codes) {
          const row = await tx.get<BookingRow>('SELECT * FROM bookings WHERE code = ?', [code]);
          if (row && row.office_id !== officeId) throw refuse('forbidden', {}, { bookingCode: code });
          if (row) bookings.set(code, row);
        }
        await reconcileOffice(tx, officeId, change);
        const accepted: string[] = [];
        const duplicates: string[] = [];
        for (const event of events) {
          const id = event.id.toLowerCase();
          const booking = event.bookingCode ? bookings.get(event.bookingCode) : undefined;
          const inserted = await tx.run(
            'INSERT INTO desk_events (id, office_id, type, booking_code, at, payload, received_at, applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
            [id, officeId, event.type, event.bookingCode ?? null, event.at, JSON.stringify(event), now(), event.bookingCode && !booking ? 0 : 1],
          );
          if (inserted.changes === 0) {
            duplicates.push(event.id);
            continue;
          }
          accepted.push(event.id);
          const status = BOOKING_STATUS_AFTER_EVENT[event.type];
          if (booking && status) await applyStatus(tx, booking, status, change);
        }
        return { accepted, duplicates };
      });
    },

    async jwks() {
      return publicJwks(db);
    },

    async rotateKey(): Promise<string> {
      return db.transaction(async (tx) => {
        await tx.lockKey('motcua:signing-keys');
        return rotateKey(tx, now());
      });
    },

    async ensureSigningKey(): Promise<void> {
      await db.transaction(async (tx) => void (await currentKey(tx)));
    },

    async createDeviceToken(officeId: string): Promise<string> {
      office(officeId);
      return createDeviceToken(db, officeId, now());
    },
    officeOfDeviceToken: (token: string) => officeOfDeviceToken(db, token),
    createOperator: (args: { username: string; password: string; name: string }) => createOperator(db, args, now()),
    loginOperator: (username: string, password: string) => loginOperator(db, username, password, now()),
    operatorOfSession: (token: string) => operatorOfSession(db, token, now()),

    toView(row: BookingRow, qr: string): BookingView {
      const officeEntry = catalog?.offices.get(row.office_id);
      const procedure = officeEntry?.procedures.find((p) => p.code === row.procedure_code);
      return {
        code: row.code,
        token: row.token,
        officeId: row.office_id,
        procedureCode: row.procedure_code,
        date: row.date,
        slot: row.slot,
        qr,
        procedureName: procedure?.name ?? row.procedure_code,
        officeName: officeEntry?.name ?? row.office_id,
        slotEnd: row.slot_end,
        status: row.status,
        citizen: { fullName: row.full_name, phone: row.phone, ...(row.id_number ? { idNumber: row.id_number } : {}) },
        bookedBy: {
          kind: row.booked_by_kind,
          ...(row.booked_by_name ? { name: row.booked_by_name } : {}),
          ...(row.booked_by_phone ? { phone: row.booked_by_phone } : {}),
          ...(row.operator_id ? { operatorId: row.operator_id } : {}),
        },
      };
    },

    toSync(row: BookingRow): SyncBooking {
      return {
        code: row.code,
        officeId: row.office_id,
        procedureCode: row.procedure_code,
        groupId: row.group_id,
        date: row.date,
        slot: row.slot,
        slotEnd: row.slot_end,
        status: row.status,
        citizen: { fullName: row.full_name, phone: row.phone, ...(row.id_number ? { idNumber: row.id_number } : {}) },
        bookedByKind: row.booked_by_kind,
        updatedAt: row.updated_at,
      };
    },
  };
  await reloadCatalog();
  return store;
}
