import { randomUUID } from 'node:crypto';
import type { DeskEvent, DeskEventType } from '../../shared/api.js';
import { prepared, type Db } from '../db/open-db.js';

/** Appends a desk event. Call inside the transaction that makes the change it describes. */
export function appendEvent(db: Db, event: Omit<DeskEvent, 'id'> & { type: DeskEventType }): DeskEvent {
  const full: DeskEvent = { id: randomUUID(), ...event };
  prepared(db, 'INSERT INTO outbox (id, type, at, event) VALUES (?, ?, ?, ?)').run(full.id, full.type, full.at, JSON.stringify(full));
  return full;
}

export function pendingEvents(db: Db, limit: number): DeskEvent[] {
  const rows = prepared(db, 'SELECT event FROM outbox WHERE acked_at IS NULL AND set_aside_at IS NULL ORDER BY seq LIMIT ?').all(limit) as { event: string }[];
  return rows.map((r) => JSON.parse(r.event) as DeskEvent);
}

export function ackEvents(db: Db, ids: readonly string[], at: number): void {
  const stmt = prepared(db, 'UPDATE outbox SET acked_at = ? WHERE id = ? AND acked_at IS NULL');
  db.transaction(() => {
    for (const id of ids) stmt.run(at, id);
  }).immediate();
}

/** Takes an event central refused on its own out of the queue, keeping it (and why) for diagnostics. */
export function setEventAside(db: Db, id: string, reason: string, at: number): void {
  prepared(db, 'UPDATE outbox SET set_aside_at = ?, set_aside_reason = ? WHERE id = ? AND acked_at IS NULL').run(at, reason, id);
}

export function pendingCount(db: Db): number {
  return (prepared(db, 'SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND set_aside_at IS NULL').get() as { n: number }).n;
}

/** Newest call events since `since` (for the display's recent calls). */
export function recentCallEvents(db: Db, since: number, limit: number): DeskEvent[] {
  const rows = prepared(db, "SELECT event FROM outbox WHERE type IN ('called', 'recalled') AND at >= ? ORDER BY seq DESC LIMIT ?")
    .all(since, limit) as { event: string }[];
  return rows.map((r) => JSON.parse(r.event) as DeskEvent);
}
