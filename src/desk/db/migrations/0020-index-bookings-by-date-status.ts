import type { Db } from '../open-db.js';

/** Status counts per day (hub status on every push) read the index alone instead of every booking row. */
export function up(db: Db): void {
  db.exec('CREATE INDEX bookings_by_date_status ON bookings (date, status)');
}
