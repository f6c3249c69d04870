import type { CallEvent, DisplaySnapshot, DisplayState, HubStatus } from '../../shared/hub-events.js';
import { startOfLocalDay } from '../../shared/time.js';
import { walkInsAllowed } from '../checkin/checkin-util.js';
import type { HubContext } from '../hub-context.js';
import { currentTicketOf, dayCounts } from '../queue/tickets-repo.js';
import { countBookingsOn } from '../store/bookings-repo.js';
import { pendingCount, recentCallEvents } from '../store/outbox-repo.js';
import type { SyncStatus } from '../sync/sync-client.js';

export function hubStatus(ctx: HubContext, sync: SyncStatus): HubStatus {
  const today = ctx.today();
  const counts = dayCounts(ctx.db, today);
  const { office } = ctx.config();
  return {
    officeId: ctx.officeId,
    officeName: office.name,
    online: sync.online,
    syncState: sync.state,
    lastSyncAt: sync.lastSyncAt,
    outbox: pendingCount(ctx.db),
    bookingsToday: countBookingsOn(ctx.db, today),
    checkedIn: counts.checkedIn,
    waiting: counts.waiting,
    // In the waiting room: checked in and neither finished nor gone (a called citizen is still inside).
    occupancy: counts.waiting + counts.called,
    cap: office.waitingRoomCap,
    epidemicLevel: office.epidemicLevel,
    walkInsAllowed: walkInsAllowed(office.epidemicLevel),
  };
}

/** What the waiting-room TV sees: ticket numbers, counter names and counts — no personal data, by construction. */
export function displayState(ctx: HubContext, online: boolean): DisplayState {
  const today = ctx.today();
  const counts = dayCounts(ctx.db, today);
  const counterById = new Map(ctx.counters().map((c) => [c.id, c]));
  const recentCalls: CallEvent[] = recentCallEvents(ctx.db, startOfLocalDay(ctx.clock()), 8).map((e) => {
    const counter = e.counterId ? counterById.get(e.counterId) : undefined;
    return {
      id: e.id,
      ticketNumber: e.ticketNumber ?? '',
      counterId: e.counterId ?? '',
      counterName: counter?.name ?? String(e.data?.counterName ?? ''),
      counterNumber: counter?.number ?? Number(e.data?.counterNumber ?? 0),
      at: e.at,
      recall: e.type === 'recalled',
    };
  });
  return {
    counters: ctx.counters().map((c) => ({ id: c.id, name: c.name, number: c.number, currentNumber: currentTicketOf(ctx.db, today, c.id)?.number ?? null })),
    recentCalls,
    waiting: counts.waiting,
    occupancy: counts.waiting + counts.called,
    cap: ctx.config().office.waitingRoomCap,
    online,
  };
}

export function displaySnapshot(ctx: HubContext, online: boolean): DisplaySnapshot {
  const { office } = ctx.config();
  const notice =
    office.epidemicLevel >= 3
      ? 'Chỉ tiếp nhận công dân có lịch hẹn. Vui lòng đeo khẩu trang và giữ khoảng cách.'
      : 'Vui lòng chờ đến khi số thứ tự của bạn được gọi.';
  return {
    ...displayState(ctx, online),
    office: { id: office.id, name: office.name, hotline: office.hotline },
    notice: notice.normalize('NFC'),
    serverTime: ctx.clock(),
  };
}
