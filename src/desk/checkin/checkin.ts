import type { CheckinResult, DeskBooking, Ticket } from '../../shared/hub-events.js';
import { parseToken } from '../../shared/token.js';
import { hhmmToMinutes, localMinutes, minutesToHhmm } from '../../shared/time.js';
import { HubError } from '../hub-error.js';
import type { HubContext } from '../hub-context.js';
import { inWriteTransaction, insertTicket, toTicket } from '../queue/queue.js';
import { ticketByBooking } from '../queue/tickets-repo.js';
import { bookingToDesk, findBooking, findBookingsByPhone, insertTokenBooking, setBookingStatus, type BookingRow } from '../store/bookings-repo.js';
import { appendEvent } from '../store/outbox-repo.js';
import { checkinWindow, classifyScan, walkInsAllowed } from './checkin-util.js';

export interface CheckinArgsParsed {
  scan: string;
  counterId?: string | undefined;
  priority?: boolean | undefined;
}

export interface CheckinOutcome {
  result: CheckinResult;
  /** false when the booking already had its ticket (answer 200 with the same ticket). */
  created: boolean;
}

const REFUSED = 422;

export function deskBooking(ctx: HubContext, row: BookingRow): DeskBooking {
  return bookingToDesk(row, (code) => ctx.procedureName(code) ?? '');
}

/**
 * Check-in from whatever staff scanned or typed. Every refusal is a HubError thrown before the write
 * transaction changes anything, so bad input writes nothing.
 */
export function checkIn(ctx: HubContext, args: CheckinArgsParsed): CheckinOutcome {
  const scan = classifyScan(args.scan);
  switch (scan.kind) {
    case 'invalid':
      throw new HubError('invalid_format', 400);
    case 'keyboard_layout':
      throw new HubError('keyboard_layout', 400);
    case 'token':
      return inWriteTransaction(ctx, () => admit(ctx, bookingFromToken(ctx, args.scan), args));
    case 'code':
      return inWriteTransaction(ctx, () => {
        const row = findBooking(ctx.db, scan.code);
        if (!row) throw new HubError('not_found', 404);
        return admit(ctx, row, args);
      });
    case 'phone':
      return inWriteTransaction(ctx, () => {
        const rows = findBookingsByPhone(ctx.db, scan.phone, ctx.today()).filter((r) => r.status !== 'cancelled');
        if (rows.length === 0) throw new HubError('not_found', 404);
        if (rows.length > 1) throw new HubError('multiple_matches', 409, {}, { matches: rows.map((r) => deskBooking(ctx, r)) });
        return admit(ctx, rows[0]!, args);
      });
  }
}

/** Verifies the token offline and finds (or, when booked after our last sync, records) its booking. */
function bookingFromToken(ctx: HubContext, raw: string): BookingRow {
  const token = parseToken(raw);
  if (!token) throw new HubError('invalid_format', 400);
  const verdict = ctx.verifyToken(token);
  if (verdict !== 'valid') throw new HubError(verdict, REFUSED);
  const { bookingCode, officeId, date, slot } = token.payload;
  if (officeId !== ctx.officeId) throw new HubError('wrong_office', REFUSED, { officeName: ctx.config().officeNames?.[officeId] ?? officeId });
  const known = findBooking(ctx.db, bookingCode);
  if (known) return known;
  if (date !== ctx.today()) throw new HubError('wrong_date', REFUSED, { date });
  const config = ctx.config();
  const slotEnd = minutesToHhmm(Math.min(hhmmToMinutes(slot) + config.schedule.slotMinutes, 23 * 60 + 59));
  const groupId = config.serviceGroups[0]?.id ?? 'default';
  insertTokenBooking(ctx.db, { code: bookingCode, office_id: officeId, group_id: groupId, date, slot, slot_end: slotEnd }, ctx.clock());
  ctx.logger.info({ bookingCode }, 'check-in of a booking not yet synced; reconciled at next sync');
  return findBooking(ctx.db, bookingCode)!;
}

function admit(ctx: HubContext, booking: BookingRow, args: CheckinArgsParsed): CheckinOutcome {
  const existing = ticketByBooking(ctx.db, booking.code);
  if (existing) return { result: { ticket: toTicket(ctx, existing), booking: deskBooking(ctx, booking), alreadyCheckedIn: true }, created: false };
  if (booking.status === 'cancelled') throw new HubError('cancelled', REFUSED);
  if (booking.date !== ctx.today()) throw new HubError('wrong_date', REFUSED, { date: booking.date });
  const window = checkinWindow(localMinutes(ctx.clock()), booking.slot, booking.slot_end, ctx.options.openBeforeMinutes, ctx.options.closeAfterMinutes);
  if (!window.ok) throw new HubError('too_early', REFUSED, { opensAt: window.opensAt });
  const config = ctx.config();
  if (window.late && !walkInsAllowed(config.office.epidemicLevel)) {
    throw new HubError('too_late', REFUSED, { slot: booking.slot, hotline: config.office.hotline });
  }
  const row = insertTicket(ctx, {
    groupId: booking.group_id,
    // A late citizen joins as a walk-in (only where the epidemic level allows; refused above otherwise).
    kind: window.late ? 'walk_in' : 'booked',
    bookingCode: booking.code,
    procedureCode: booking.procedure_code,
    slot: booking.slot,
    late: window.late,
    priority: args.priority ?? false,
  });
  setBookingStatus(ctx.db, booking.code, 'checked_in');
  appendEvent(ctx.db, {
    type: 'checked_in',
    at: row.checked_in_at,
    bookingCode: booking.code,
    ticketNumber: row.number,
    ...(args.counterId ? { counterId: args.counterId } : {}),
    data: { ticketId: row.id, groupId: row.group_id, late: window.late, priority: args.priority ?? false },
  });
  ctx.logger.info({ bookingCode: booking.code, ticketNumber: row.number, late: window.late }, 'checked in');
  const fresh = findBooking(ctx.db, booking.code)!;
  return { result: { ticket: toTicket(ctx, row), booking: deskBooking(ctx, fresh), alreadyCheckedIn: false }, created: true };
}

export interface WalkInArgs {
  counterId?: string | undefined;
  groupId?: string | undefined;
  procedureCode?: string | undefined;
}

export function issueWalkIn(ctx: HubContext, args: WalkInArgs): Ticket {
  const config = ctx.config();
  if (!walkInsAllowed(config.office.epidemicLevel)) {
    throw new HubError('walk_in_not_allowed', 403, { level: config.office.epidemicLevel, hotline: config.office.hotline });
  }
  const procedure = args.procedureCode ? config.procedures.find((p) => p.code === args.procedureCode) : undefined;
  if (args.procedureCode && !procedure) throw new HubError('procedure_not_offered', 422);
  if (args.groupId && !config.serviceGroups.some((g) => g.id === args.groupId)) throw new HubError('invalid_input', 400, { detail: 'groupId' });
  const counter = args.counterId ? ctx.counter(args.counterId) : null;
  if (args.counterId && !counter) throw new HubError('counter_not_found', 404);
  const groupId = args.groupId ?? procedure?.groupId ?? counter?.groupIds[0] ?? config.serviceGroups[0]?.id ?? 'default';
  return inWriteTransaction(ctx, () => {
    const row = insertTicket(ctx, { groupId, kind: 'walk_in', bookingCode: null, procedureCode: procedure?.code ?? null, slot: null, late: false, priority: false });
    appendEvent(ctx.db, {
      type: 'walk_in_issued',
      at: row.checked_in_at,
      ticketNumber: row.number,
      ...(args.counterId ? { counterId: args.counterId } : {}),
      data: { ticketId: row.id, groupId, procedureCode: procedure?.code ?? null },
    });
    ctx.logger.info({ ticketNumber: row.number }, 'walk-in issued');
    return toTicket(ctx, row);
  });
}

/** Today's bookings matching a code or phone, for staff lookups. */
export function lookupBookings(ctx: HubContext, q: string): DeskBooking[] {
  const scan = classifyScan(q);
  if (scan.kind === 'code') {
    const row = findBooking(ctx.db, scan.code);
    return row && row.date === ctx.today() ? [deskBooking(ctx, row)] : [];
  }
  if (scan.kind === 'phone') return findBookingsByPhone(ctx.db, scan.phone, ctx.today()).map((r) => deskBooking(ctx, r));
  return [];
}
