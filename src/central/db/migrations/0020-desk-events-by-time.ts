import type { SqlExecutor } from '../database.js';

/** The day's report reads an office's desk events by time. */
export async function up(db: SqlExecutor): Promise<void> {
  await db.run('CREATE INDEX desk_events_by_office_time ON desk_events (office_id, at)');
}
