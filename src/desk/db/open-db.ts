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

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on this connection, prepared once (preparing costs more than most of our queries). */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
