/** Queue rules: ticket number format (pure) and call order (one SQL query, so SQLite sorts and limits). */
import { prepared, type Db } from '../db/open-db.js';

/** `{prefix}{seq:3}` → "1" + "005". `{seq}` alone is unpadded. */
export function formatTicketNumber(format: string, prefix: string, seq: number): string {
  return format
    .replace(/\{prefix\}/g, prefix)
    .replace(/\{seq(?::(\d+))?\}/g, (_, width: string | undefined) => String(seq).padStart(width ? Number(width) : 0, '0'));
}

export interface CounterScope {
  id: string;
  groupIds: readonly string[];
}

/**
 * Which waiting tickets a counter serves: a transfer to a counter or a group overrides the ticket's own group.
 * Call order: booked citizens whose slot has begun (by slot, then check-in time); then walk-ins (and late
 * citizens) in arrival order; then booked citizens who came early for a later slot. Priority citizens
 * (elderly, disabled, pregnant) go first within each class. Ties break on arrival (row id), so the order is total.
 */
const QUEUE_WHERE = `
  FROM tickets
  WHERE day = @day AND status = 'waiting'
    AND CASE WHEN target_counter_id IS NOT NULL THEN target_counter_id = @counterId
             ELSE coalesce(target_group_id, group_id) IN (SELECT value FROM json_each(@groupIds)) END`;

const CALL_ORDER_SQL = `SELECT id ${QUEUE_WHERE}
  ORDER BY CASE WHEN kind = 'walk_in' OR slot IS NULL THEN 1 WHEN slot <= @now THEN 0 ELSE 2 END,
           priority DESC,
           CASE WHEN kind = 'walk_in' OR slot IS NULL THEN '' ELSE slot END,
           checked_in_at,
           rowid
  LIMIT @limit`;

const QUEUE_LENGTH_SQL = `SELECT count(*) AS n ${QUEUE_WHERE}`;

const params = (counter: CounterScope, day: string) => ({ day, counterId: counter.id, groupIds: JSON.stringify(counter.groupIds) });

/** Ids of the first `limit` tickets this counter would call, in call order, at local time `nowHhmm`. */
export function queueHead(db: Db, counter: CounterScope, day: string, nowHhmm: string, limit: number): string[] {
  return (prepared(db, CALL_ORDER_SQL).all({ ...params(counter, day), now: nowHhmm, limit }) as { id: string }[]).map((r) => r.id);
}

export function queueLength(db: Db, counter: CounterScope, day: string): number {
  return (prepared(db, QUEUE_LENGTH_SQL).get(params(counter, day)) as { n: number }).n;
}
