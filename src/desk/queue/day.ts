import { addDays, instantOf } from '../../shared/time.js';
import type { HubContext } from '../hub-context.js';
import { appendEvent } from '../store/outbox-repo.js';
import { getSetting, setSetting } from '../store/settings.js';
import { prepared } from '../db/open-db.js';

/**
 * Day rollover, run lazily at the start of every write and on a timer: when the office's local date has
 * changed, yesterday's unfinished tickets become no-shows (with their outbox events) and old personal data
 * is purged. Returns true when it rolled over. Must run inside a write transaction.
 */
export function rollOverIfNewDay(ctx: HubContext): boolean {
  const today = ctx.today();
  const current = getSetting(ctx.db, 'current_day');
  if (current === today) return false;
  const now = ctx.clock();
  const stale = prepared(ctx.db, "SELECT id, number, booking_code, counter_id FROM tickets WHERE day < ? AND status IN ('waiting', 'called')")
    .all(today) as { id: string; number: string; booking_code: string | null; counter_id: string | null }[];
  const close = prepared(ctx.db, "UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ?");
  const markBooking = prepared(ctx.db, "UPDATE bookings SET status = 'no_show' WHERE code = ? AND status = 'checked_in'");
  for (const t of stale) {
    close.run(now, t.id);
    if (t.booking_code) markBooking.run(t.booking_code);
    appendEvent(ctx.db, {
      type: 'no_show',
      at: now,
      ticketNumber: t.number,
      ...(t.booking_code ? { bookingCode: t.booking_code } : {}),
      ...(t.counter_id ? { counterId: t.counter_id } : {}),
      data: { ticketId: t.id, reason: 'day_rollover' },
    });
  }
  purgeExpired(ctx, today);
  setSetting(ctx.db, 'current_day', today);
  if (current) ctx.logger.info({ from: current, to: today, closedAsNoShow: stale.length }, 'day rollover');
  return true;
}

/** Personal data leaves the desk after the retention period; tickets (no personal data) and acked events go too. */
export function purgeExpired(ctx: HubContext, today: string): void {
  const cutoffDate = addDays(today, -ctx.options.retentionDays);
  const cutoffMs = instantOf(cutoffDate);
  prepared(ctx.db, 'DELETE FROM bookings WHERE date < ?').run(cutoffDate);
  prepared(ctx.db, 'DELETE FROM tickets WHERE day < ?').run(cutoffDate);
  prepared(ctx.db, 'DELETE FROM outbox WHERE acked_at IS NOT NULL AND at < ?').run(cutoffMs);
  prepared(ctx.db, 'DELETE FROM day_sequences WHERE day < ?').run(cutoffDate);
  prepared(ctx.db, 'DELETE FROM idempotency WHERE created_at < ?').run(ctx.clock() - 2 * 86_400_000);
}
