import type { Db } from '../open-db.js';

/**
 * An event central refuses as malformed (400) is set aside with the time and reason instead of blocking every
 * later event behind it; it stays in the table for the diagnostics export.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN set_aside_at INTEGER;
    ALTER TABLE outbox ADD COLUMN set_aside_reason TEXT;
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_pending ON outbox (acked_at, set_aside_at, seq);
  `);
}
