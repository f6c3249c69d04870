import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens the hub's SQLite file (or ':memory:') with the pragmas every connection needs, set once here. */
export function openDb(path: string): Db {
  const db = new Database(path);
  // WAL lets readers (status, display snapshots) run beside the single writer; busy_timeout rides out the
  // short window in which a second process (a restarted hub) still holds the lock.
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}
