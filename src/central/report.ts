/**
 * The day's report of an office as central sees it (contracts.md, issue 8): one row per booking of that
 * date (cancelled included) with its ticket timeline taken from the desk events, plus one row per walk-in
 * ticket (events without a booking, grouped by `data.ticketId`). Built by the shared `buildDayReport`,
 * so hub and central agree when they hold the same facts.
 */
import type { BookingStatus, DeskEvent } from '../shared/api.js';
import { buildDayReport, type DayReport, type ReportRow } from '../shared/day-report.js';
import { addDays, instantOf } from '../shared/time.js';
import { slotStarts } from './catalog.js';
import type { Store } from './store.js';

interface Timeline {
  ticketNumber: string | null;
  checkedInAt: number | null;
  calledAt: number | null;
  closedAt: number | null;
  closedAs: BookingStatus | null;
}

function emptyTimeline(): Timeline {
  return { ticketNumber: null, checkedInAt: null, calledAt: null, closedAt: null, closedAs: null };
}

/** Folds one desk event into a ticket timeline: first check-in, first call, last close wins. */
function applyEvent(timeline: Timeline, event: DeskEvent): void {
  timeline.ticketNumber ??= event.ticketNumber ?? null;
  if (event.type === 'checked_in' || event.type === 'walk_in_issued') timeline.checkedInAt ??= event.at;
  if (event.type === 'called' && timeline.calledAt === null) timeline.calledAt = event.at;
  if (event.type === 'finished' || event.type === 'no_show') {
    timeline.closedAt = event.at;
    timeline.closedAs = event.type === 'finished' ? 'served' : 'no_show';
  }
}

export async function centralDayReport(store: Store, officeId: string, date: string): Promise<DayReport & { eventsReceived: number }> {
  const office = store.office(officeId);
  const bookings = await store.db.all<{ code: string; procedure_code: string; slot: string; status: BookingStatus }>(
    'SELECT code, procedure_code, slot, status FROM bookings WHERE office_id = ? AND date = ?',
    [officeId, date],
  );
  const bookingCodes = new Set(bookings.map((b) => b.code));
  // Events of the day by desk time, plus any event naming one of the day's bookings (a desk clock can be off).
  const eventRows = await store.db.all<{ payload: string; booking_code: string | null; at: number }>(
    'SELECT payload, booking_code, at FROM desk_events WHERE office_id = ? AND at >= ? AND at < ? ORDER BY at',
    [officeId, instantOf(date), instantOf(addDays(date, 1))],
  );
  const events = eventRows.map((row) => JSON.parse(row.payload) as DeskEvent);
  const byBooking = new Map<string, Timeline>();
  const walkIns = new Map<string, Timeline>();
  for (const event of events) {
    if (event.bookingCode) {
      if (!bookingCodes.has(event.bookingCode)) continue;
      const timeline = byBooking.get(event.bookingCode) ?? emptyTimeline();
      byBooking.set(event.bookingCode, timeline);
      applyEvent(timeline, event);
      continue;
    }
    const ticketId = typeof event.data?.ticketId === 'string' ? event.data.ticketId : null;
    if (!ticketId) continue;
    const timeline = walkIns.get(ticketId) ?? emptyTimeline();
    walkIns.set(ticketId, timeline);
    applyEvent(timeline, event);
  }
  const rows: ReportRow[] = bookings.map((b) => {
    const t = byBooking.get(b.code) ?? emptyTimeline();
    return { code: b.code, procedureCode: b.procedure_code, slot: b.slot, status: b.status, ticketNumber: t.ticketNumber, checkedInAt: t.checkedInAt, calledAt: t.calledAt, closedAt: t.closedAt };
  });
  for (const t of walkIns.values()) {
    if (t.checkedInAt === null) continue; // only tickets whose issue was reported
    rows.push({ code: null, procedureCode: null, slot: null, status: t.closedAs ?? 'checked_in', ticketNumber: t.ticketNumber, checkedInAt: t.checkedInAt, calledAt: t.calledAt, closedAt: t.closedAt });
  }
  const totalCapacity = office.groups.reduce((sum, g) => sum + g.capacityPerSlot, 0);
  const report = buildDayReport({
    officeId,
    officeName: office.name,
    date,
    cap: office.waitingRoomCap,
    slotCapacity: slotStarts(office.schedule).map(({ start }) => ({ slot: start, capacity: totalCapacity })),
    rows,
  });
  return { ...report, eventsReceived: eventRows.length };
}
