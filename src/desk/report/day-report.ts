/**
 * The day's report as the hub sees it (issue 8; contracts.md): one row per booking of the date, cancelled
 * included, with its ticket's timeline, plus one row per walk-in ticket. The shared `buildDayReport` does the
 * counting, the same function central uses, so the two agree when they hold the same facts.
 */
import type { BookingStatus } from '../../shared/api.js';
import { buildDayReport, type DayReport, type ReportRow } from '../../shared/day-report.js';
import type { TicketStatus } from '../../shared/hub-events.js';
import { slotGrid } from '../../shared/time.js';
import { prepared } from '../db/open-db.js';
import type { HubContext } from '../hub-context.js';

interface BookingLine {
  code: string;
  procedure_code: string | null;
  slot: string;
  status: BookingStatus;
}
interface TicketLine {
  number: string;
  status: TicketStatus;
  booking_code: string | null;
  procedure_code: string | null;
  checked_in_at: number;
  called_at: number | null;
  finished_at: number | null;
}

const STATUS_OF_TICKET: Record<TicketStatus, BookingStatus> = { waiting: 'checked_in', called: 'checked_in', finished: 'served', no_show: 'no_show' };

export function hubDayReport(ctx: HubContext, date: string): DayReport {
  const config = ctx.config();
  const bookings = prepared(ctx.db, 'SELECT code, procedure_code, slot, status FROM bookings WHERE date = ?').all(date) as BookingLine[];
  const tickets = prepared(
    ctx.db,
    'SELECT number, status, booking_code, procedure_code, checked_in_at, called_at, finished_at FROM tickets WHERE day = ?',
  ).all(date) as TicketLine[];
  const ticketByBooking = new Map(tickets.filter((t) => t.booking_code).map((t) => [t.booking_code!, t]));
  const timeline = (t: TicketLine | undefined) => ({
    ticketNumber: t?.number ?? null,
    checkedInAt: t?.checked_in_at ?? null,
    calledAt: t?.called_at ?? null,
    closedAt: t && (t.status === 'finished' || t.status === 'no_show') ? t.finished_at : null,
  });
  const rows: ReportRow[] = [
    ...bookings.map((b) => ({ code: b.code, procedureCode: b.procedure_code, slot: b.slot, status: b.status, ...timeline(ticketByBooking.get(b.code)) })),
    ...tickets
      .filter((t) => !t.booking_code)
      .map((t) => ({ code: null, procedureCode: t.procedure_code, slot: null, status: STATUS_OF_TICKET[t.status], ...timeline(t) })),
  ];
  const capacity = config.serviceGroups.reduce((sum, g) => sum + (g.capacityPerSlot ?? 0), 0);
  return buildDayReport({
    officeId: config.office.id,
    officeName: config.office.name,
    date,
    cap: config.office.waitingRoomCap,
    slotCapacity: slotGrid(config.schedule.sessions, config.schedule.slotMinutes).map(({ start }) => ({ slot: start, capacity })),
    rows,
  });
}
